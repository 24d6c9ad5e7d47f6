import type { Text } from './i18n.tsx';

/** The console's own words; everything from the API arrives already in both languages. */
export const statusText: Record<string, Text> = {
  SUBMITTED: { zh: '已提交', en: 'Submitted' },
  IN_REVIEW: { zh: '审核中', en: 'In review' },
  RETURNED: { zh: '退回补正', en: 'Returned for revision' },
  APPROVED: { zh: '已通过', en: 'Approved' },
  REJECTED: { zh: '未通过', en: 'Rejected' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
  TIMED_OUT: { zh: '已超时', en: 'Timed out' },
};

export const statusColor: Record<string, string> = {
  SUBMITTED: 'blue',
  IN_REVIEW: 'processing',
  RETURNED: 'warning',
  APPROVED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
  TIMED_OUT: 'default',
};

export const roleText: Record<string, Text> = {
  system: { zh: '系统', en: 'System' },
  public: { zh: '社会公众', en: 'Public' },
  panel: { zh: '专家组', en: 'Expert panel' },
  park: { zh: '园区运营主体', en: 'Park operator' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  trainee: { zh: '学员', en: 'Trainee' },
  district_reviewer: { zh: '县区审核', en: 'District reviewer' },
  municipal_reviewer: { zh: '市级审核', en: 'Municipal reviewer' },
  provincial_reviewer: { zh: '省级审核', en: 'Provincial reviewer' },
  expert: { zh: '评审专家', en: 'Expert' },
  finance: { zh: '财政', en: 'Finance' },
  unit: { zh: '责任单位', en: 'Responsible unit' },
  office: { zh: '领导小组办公室', en: 'Leading-group office' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const outcomeText: Record<string, Text> = {
  APPROVE: { zh: '通过', en: 'Approve' },
  REJECT: { zh: '驳回', en: 'Reject' },
  RETURN: { zh: '退回补正', en: 'Return for revision' },
  SUBMIT: { zh: '提交', en: 'Submit' },
  RESUBMITTED: { zh: '已补正', en: 'Resubmitted' },
};

export const common = {
  appName: { zh: '跨境电商综试区业务协同平台', en: 'Cross-border E-commerce Pilot Zone Platform' },
  appShortName: { zh: '综试区平台', en: 'Pilot Zone' },
  menu: { zh: '菜单', en: 'Menu' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  account: { zh: '当前账号', en: 'Account' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  inbox: { zh: '待办事项', en: 'Inbox' },
  myApplications: { zh: '我的申请', en: 'My applications' },
  newApplication: { zh: '新建申请', en: 'New application' },
  publicNotices: { zh: '公示公告', en: 'Public notices' },
  loading: { zh: '加载中…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  back: { zh: '返回', en: 'Back' },
  language: { zh: 'English', en: '中文' },
  somethingWrong: { zh: '页面出错了', en: 'Something went wrong' },
} satisfies Record<string, Text>;
