import { programs } from '../../../../domain/programs.ts';
import type { AmountLimit } from '../../../../domain/subsidy/amount.ts';
import type { EligibilityRoute } from '../../../../domain/subsidy/claim.ts';
import type { Text } from '../../shared/i18n.tsx';

/**
 * Field labels of the programs' forms and decision records, by property name. A new program adds its
 * field names here (and nothing else): the forms themselves are drawn from the shared zod schemas.
 */
export const fieldLabels: Record<string, Text> = {
  // PARK_CERT
  level: { zh: '认定级别', en: 'Level' },
  parkName: { zh: '园区名称', en: 'Park name' },
  floorAreaSqm: { zh: '园区面积（平方米）', en: 'Floor area (m²)' },
  crossBorderEnterprises: { zh: '入驻跨境电商企业数', en: 'Cross-border enterprises' },
  operatorName: { zh: '运营主体', en: 'Operator' },
  operatorUscc: { zh: '运营主体统一社会信用代码', en: 'Operator USCC' },
  address: { zh: '地址', en: 'Address' },
  settledEnterprises: { zh: '入驻企业数', en: 'Settled enterprises' },
  annualTransactionCnyMillion: { zh: '年交易额（百万元）', en: 'Annual transactions (CNY million)' },
  contactName: { zh: '联系人', en: 'Contact person' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  municipalCertificateNumber: { zh: '市级认定证书编号', en: 'Municipal certificate number' },
  scores: { zh: '评分', en: 'Scores' },
  // Expert scoring criteria are named where the program defines them.
  ...Object.fromEntries(
    programs.flatMap((program) => program.expertPanel?.criteria ?? []).map(({ code, name }) => [code, name]),
  ),
  // SUBSIDY
  policyCode: { zh: '政策编号', en: 'Policy code' },
  invoices: { zh: '发票', en: 'Invoices' },
  code: { zh: '代码', en: 'Code' },
  number: { zh: '号码', en: 'Number' },
  date: { zh: '日期', en: 'Date' },
  amountCny: { zh: '金额（元）', en: 'Amount (CNY)' },
  description: { zh: '说明', en: 'Description' },
  requestedAmountCny: { zh: '申请金额（元）', en: 'Amount requested (CNY)' },
  attachments: { zh: '附件', en: 'Attachments' },
  documentCode: { zh: '材料编号', en: 'Document code' },
  fileName: { zh: '文件名', en: 'File name' },
  attachmentId: { zh: '文件', en: 'File' },
  // BRAND
  type: { zh: '类型', en: 'Type' },
  mark: { zh: '商标 / 名称', en: 'Mark or title' },
  markets: { zh: '目标市场', en: 'Target markets' },
  market: { zh: '市场（ISO 3166）', en: 'Market (ISO 3166)' },
  filingNumber: { zh: '申请号', en: 'Filing number' },
  filingDate: { zh: '申请日期', en: 'Filing date' },
  registrationNumber: { zh: '注册号', en: 'Registration number' },
  registrationDate: { zh: '注册日期', en: 'Registration date' },
  feesPaidCny: { zh: '已缴费用（元）', en: 'Fees paid (CNY)' },
  evidence: { zh: '证明材料', en: 'Evidence' },
  // TRAINING
  sessionCode: { zh: '培训班编号', en: 'Session code' },
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号', en: 'Resident ID number' },
  phone: { zh: '手机号', en: 'Phone' },
  employerUscc: { zh: '工作单位统一社会信用代码', en: 'Employer USCC' },
  employerName: { zh: '工作单位名称', en: 'Employer name' },
  category: { zh: '学员类别', en: 'Trainee category' },
  // SUPERVISION
  title: { zh: '事项名称', en: 'Title' },
  unitCode: { zh: '责任单位', en: 'Responsible unit' },
  dueDate: { zh: '办结期限', en: 'Due date' },
  reportingPeriod: { zh: '报告周期', en: 'Reporting period' },
  targetCode: { zh: '关联目标', en: 'Zone target' },
  // Decision records
  approvedAmountCny: { zh: '核定金额（元）', en: 'Approved amount (CNY)' },
  reason: { zh: '理由', en: 'Reason' },
  voucherNumber: { zh: '凭证号', en: 'Voucher number' },
  inspectors: { zh: '核查人员', en: 'Inspectors' },
  findings: { zh: '核查情况', en: 'Findings' },
  passed: { zh: '是否通过', en: 'Passed' },
  panelSize: { zh: '专家人数', en: 'Panel size' },
  rulings: { zh: '异议处理', en: 'Rulings' },
  objectionId: { zh: '异议编号', en: 'Objection' },
  outcome: { zh: '处理结果', en: 'Outcome' },
  summary: { zh: '情况说明', en: 'Summary' },
  percentComplete: { zh: '完成进度（%）', en: 'Progress (%)' },
  issues: { zh: '存在问题', en: 'Issues' },
  // Stored and computed records (masked identity, criteria check, seat, amount computation)
  idNumberMasked: { zh: '身份证号（已脱敏）', en: 'Resident ID (masked)' },
  reasons: { zh: '未满足的条件', en: 'Unmet conditions' },
  seat: { zh: '培训名额', en: 'Seat' },
  result: { zh: '结果', en: 'Result' },
  at: { zh: '时间', en: 'At' },
  ticket: { zh: '候补号', en: 'Waitlist ticket' },
  positionOnEntry: { zh: '候补时排位', en: 'Place in line when waitlisted' },
  completion: { zh: '结业情况', en: 'Completion' },
  sessionDays: { zh: '培训天数', en: 'Days of the session' },
  attendedDays: { zh: '出勤天数', en: 'Days present' },
  requiredDays: { zh: '结业所需天数', en: 'Days required to complete' },
  completed: { zh: '是否结业', en: 'Completed' },
  // Amount by rule (SUBSIDY: domain/subsidy/amount.ts; BRAND: domain/brand/amount.ts)
  eligibleCostFen: { zh: '合规费用（分）', en: 'Eligible cost (fen)' },
  amount: { zh: '按规则核算', en: 'Amount by rule' },
  steps: { zh: '计算过程', en: 'Computation' },
  limit: { zh: '规则', en: 'Rule' },
  label: { zh: '计算项', en: 'Item' },
  ceilingCny: { zh: '上限（元）', en: 'Ceiling (CNY)' },
  limitedBy: { zh: '决定金额的规则', en: 'Rule that decides the amount' },
  lines: { zh: '分市场核算', en: 'By market' },
  rate: { zh: '支持比例', en: 'Rate' },
  capCny: { zh: '上限（元）', en: 'Cap (CNY)' },
  subtotalCny: { zh: '小计（元）', en: 'Subtotal (CNY)' },
  annualCapCny: { zh: '年度上限（元）', en: 'Annual cap (CNY)' },
  usedThisYearCny: { zh: '本年度已获支持（元）', en: 'Already granted this year (CNY)' },
  // Eligibility check and budget hold of a subsidy claim (functions/steps)
  eligibility: { zh: '资格核查', en: 'Eligibility check' },
  phase: { zh: '核查时点', en: 'When checked' },
  route: { zh: '办理路径', en: 'Route' },
  checkedAt: { zh: '核查时间', en: 'Checked at' },
  hold: { zh: '预算预留', en: 'Budget hold' },
};

/** Stored for the platform's own checks (a salted digest), meaningless to a reader: never shown. */
export const hiddenFields: ReadonlySet<string> = new Set(['identityDigest']);

export const labelOf = (key: string): Text => fieldLabels[key] ?? { zh: key, en: key };

/** The rules that cap a subsidy (`AmountStep.limit`, `SubsidyAmount.limitedBy`). */
export const amountLimitLabels: Record<AmountLimit, Text> = {
  RATE: { zh: '合规费用 × 补贴比例', en: 'Eligible cost × rate' },
  REQUESTED: { zh: '申请金额', en: 'Amount requested' },
  PER_CLAIM: { zh: '单笔申请上限', en: 'Per-claim cap' },
  POLICY_ANNUAL: { zh: '本政策年度上限', en: 'Annual cap under the policy' },
  ZONE_ANNUAL: { zh: '综试区企业年度总上限', en: 'Zone-wide annual cap' },
};

/** When a subsidy claim's eligibility was checked: on starting its workflow, and again before paying. */
export const eligibilityPhaseLabels: Record<string, Text> = {
  START: { zh: '受理时核查', en: 'Checked on receipt' },
  DISBURSEMENT: { zh: '拨付前复核', en: 'Checked again before payment' },
};

/** Where the eligibility check sends a subsidy claim (see `assessEligibility`). */
export const eligibilityRouteLabels: Record<EligibilityRoute['route'], Text> = {
  NORMAL: { zh: '普通流程', en: 'Normal path' },
  FAST_TRACK: { zh: '白名单快速通道（免县区初审）', en: 'Whitelist fast track (no district review)' },
  MANUAL_CHECK: { zh: '人工核查（经营异常名录）', en: 'Manual check (abnormal-operation list)' },
  REFUSED: { zh: '不符合条件，不予受理', en: 'Not eligible: refused' },
};

/** What holding a subsidy claim's amount in the policy budget came to. */
export const holdResultLabels: Record<string, Text> = {
  RESERVED: { zh: '已预留预算', en: 'Budget reserved' },
  QUEUED: { zh: '排队等待预算', en: 'Waiting in the queue for budget' },
  REFUSED: { zh: '未能预留预算', en: 'Budget not reserved' },
};

/** Labels of the choices (enum values) in the programs' forms and decision records. */
export const choiceLabels: Record<string, Text> = {
  MUNICIPAL: { zh: '市级', en: 'Municipal' },
  PROVINCIAL: { zh: '省级', en: 'Provincial' },
  TRADEMARK: { zh: '商标', en: 'Trademark' },
  PATENT: { zh: '专利', en: 'Patent' },
  CERTIFICATION: { zh: '认证', en: 'Certification' },
  WEEKLY: { zh: '每周', en: 'Weekly' },
  MONTHLY: { zh: '每月', en: 'Monthly' },
  QUARTERLY: { zh: '每季度', en: 'Quarterly' },
  OFFICIALS: { zh: '政府工作人员', en: 'Government officials' },
  ENTERPRISE_STAFF: { zh: '企业员工', en: 'Enterprise staff' },
  INDIVIDUALS: { zh: '个人', en: 'Individuals' },
  SEATED: { zh: '已占名额', en: 'Seated' },
  WAITLISTED: { zh: '候补中', en: 'Waitlisted' },
  UPHOLD: { zh: '异议成立', en: 'Uphold' },
  DISMISS: { zh: '异议不成立', en: 'Dismiss' },
  // A training seat's result (SEATED and WAITLISTED above)
  CLOSED: { zh: '报名已截止', en: 'Registration closed' },
  ...amountLimitLabels,
  ...eligibilityPhaseLabels,
  // Out of context a REFUSED reads as the eligibility route's refusal.
  ...holdResultLabels,
  ...eligibilityRouteLabels,
};

export const choiceLabelOf = (value: string): Text => choiceLabels[value] ?? { zh: value, en: value };
