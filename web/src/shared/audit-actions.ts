import type { Text } from './i18n.tsx';

/**
 * What each audit action means, for the history timeline and the audit search. The unit test
 * `test/unit/web/audit-actions.test.ts` finds every action the backend writes and fails when one lacks
 * a label here.
 */
export const auditActionText: Record<string, Text> = {
  SUBMITTED: { zh: '提交申请', en: 'Submitted' },
  RESUBMITTED: { zh: '补正后重新提交', en: 'Resubmitted after revision' },
  WITHDRAWN: { zh: '申请人撤回', en: 'Withdrawn by the applicant' },
  TASK_CREATED: { zh: '生成待办', en: 'Task created' },
  TASK_ESCALATED: { zh: '待办超期上报', en: 'Overdue task escalated' },
  DECISION_APPROVE: { zh: '审核通过', en: 'Approved' },
  DECISION_REJECT: { zh: '审核驳回', en: 'Rejected' },
  DECISION_RETURN: { zh: '退回补正', en: 'Returned for revision' },
  DECISION_SUBMIT: { zh: '提交办理结果', en: 'Submitted the step' },
  APPROVED: { zh: '办结（通过）', en: 'Closed: approved' },
  REJECTED: { zh: '办结（不通过）', en: 'Closed: rejected' },
  COMPLETED: { zh: '完成', en: 'Completed' },
  NOT_COMPLETED: { zh: '未达到结业要求', en: 'Not completed' },
  DEADLINE_EXPIRED: { zh: '超过办理期限', en: 'Deadline expired' },
  TIMED_OUT: { zh: '办理超时', en: 'Timed out' },
  EXECUTION_CONTINUED: { zh: '流程续接至新的执行', en: 'Continued in a new execution' },
  // Park certification
  CRITERIA_MET: { zh: '自动核验通过', en: 'Criteria met' },
  CRITERIA_NOT_MET: { zh: '自动核验未通过', en: 'Criteria not met' },
  EXPERT_PANEL_DRAWN: { zh: '抽取评审专家', en: 'Expert panel drawn' },
  EXPERT_SCORED: { zh: '专家评分', en: 'Expert scored' },
  EXPERT_PANEL_PASSED: { zh: '专家评审通过', en: 'Expert panel passed' },
  EXPERT_PANEL_FAILED: { zh: '专家评审未通过', en: 'Expert panel failed' },
  PUBLIC_NOTICE_OPENED: { zh: '开始公示', en: 'Public notice opened' },
  PUBLIC_NOTICE_CLOSED: { zh: '公示结束', en: 'Public notice closed' },
  OBJECTION_RECEIVED: { zh: '收到异议', en: 'Objection received' },
  OBJECTION_UPHELD: { zh: '异议成立', en: 'Objection upheld' },
  OBJECTION_DISMISSED: { zh: '异议不成立', en: 'Objection dismissed' },
  CERTIFICATE_ISSUED: { zh: '颁发证书', en: 'Certificate issued' },
  CERTIFICATE_EXPIRY_REMINDER: { zh: '证书到期提醒', en: 'Certificate expiry reminder' },
  // Subsidies and brand support
  ELIGIBILITY_NORMAL: { zh: '资格审查通过', en: 'Eligible' },
  ELIGIBILITY_FAST_TRACK: { zh: '白名单快速通道', en: 'Whitelist fast track' },
  ELIGIBILITY_MANUAL_CHECK: { zh: '转人工核查', en: 'Manual check required' },
  ELIGIBILITY_REFUSED: { zh: '资格审查未通过', en: 'Not eligible' },
  INELIGIBLE: { zh: '不符合申报条件', en: 'Ineligible' },
  BUDGET_RESERVED: { zh: '预留资金', en: 'Budget reserved' },
  BUDGET_QUEUED: { zh: '排队等待预算', en: 'Queued for budget' },
  BUDGET_REFUSED: { zh: '预算不足', en: 'Budget insufficient' },
  BUDGET_EXHAUSTED: { zh: '预算已用尽', en: 'Budget exhausted' },
  BUDGET_COMMITTED: { zh: '资金已核销', en: 'Budget committed' },
  AMOUNT_REDUCED: { zh: '核减金额', en: 'Amount reduced' },
  DISBURSED: { zh: '资金已拨付', en: 'Disbursed' },
  // Training
  SEAT_TAKEN: { zh: '获得名额', en: 'Seat taken' },
  WAITLISTED: { zh: '进入候补', en: 'Waitlisted' },
  PROMOTED_FROM_WAITLIST: { zh: '候补转正', en: 'Promoted from the waitlist' },
  REGISTRATION_CLOSED: { zh: '报名已截止', en: 'Registration closed' },
  EMPLOYER_REJECTED: { zh: '单位未确认', en: 'Employer declined' },
  EMPLOYER_CONFIRMATION_TIMED_OUT: { zh: '单位确认超时', en: 'Employer confirmation timed out' },
  NOT_ADMITTED: { zh: '未获录取', en: 'Not admitted' },
  ENROLLED: { zh: '正式录取', en: 'Enrolled' },
  SESSION_STARTED: { zh: '培训开班', en: 'Session started' },
  // Supervision
  SUPERVISION_OPENED: { zh: '督办事项立项', en: 'Supervision task opened' },
  SUPERVISION_REASSIGNED: { zh: '改派责任单位', en: 'Reassigned' },
  SUPERVISION_URGED: { zh: '催办', en: 'Urged' },
  SUPERVISION_ESCALATED: { zh: '督办', en: 'Escalated' },
  SUPERVISION_BACK_ON_TRACK: { zh: '恢复正常', en: 'Back on track' },
};

/** Stages the workflow runs by itself (no reviewer), which programs' stage lists therefore do not name. */
export const systemStageText: Record<string, Text> = {
  CRITERIA_CHECK: { zh: '条件核验', en: 'Criteria check' },
  ELIGIBILITY_CHECK: { zh: '资格审查', en: 'Eligibility check' },
  BUDGET_RESERVATION: { zh: '资金预留', en: 'Budget reservation' },
  EXPERT_PANEL: { zh: '专家评审', en: 'Expert panel' },
  PUBLIC_NOTICE: { zh: '公示', en: 'Public notice' },
  CERTIFIED: { zh: '已认定', en: 'Certified' },
  WAITLIST: { zh: '候补', en: 'Waitlist' },
  SEAT_RELEASED: { zh: '名额已释放', en: 'Seat released' },
  NOT_ADMITTED: { zh: '未获录取', en: 'Not admitted' },
  ENROLLED: { zh: '已录取', en: 'Enrolled' },
  IN_SESSION: { zh: '培训中', en: 'In session' },
  SEAT_HELD: { zh: '已占名额', en: 'Seat held' },
  REGISTRATION_CLOSED: { zh: '报名截止', en: 'Registration closed' },
  BUDGET_QUEUE: { zh: '排队等待预算', en: 'Budget queue' },
  COMPLETED: { zh: '已结业', en: 'Completed' },
  NOT_COMPLETED: { zh: '未结业', en: 'Not completed' },
  // Final states some steps record as the stage reached.
  IN_REVIEW: { zh: '审核中', en: 'In review' },
  RETURNED: { zh: '退回补正', en: 'Returned' },
  APPROVED: { zh: '已通过', en: 'Approved' },
  REJECTED: { zh: '未通过', en: 'Rejected' },
  TIMED_OUT: { zh: '已超时', en: 'Timed out' },
};

/** `SOME_NEW_ACTION` → `Some new action`, for an action the console does not know yet. */
const readable = (action: string): string => {
  const words = action.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const auditActionLabel = (action: string): Text =>
  auditActionText[action] ?? { zh: readable(action), en: readable(action) };
