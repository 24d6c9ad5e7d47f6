import type { Text } from '../../shared/i18n.tsx';

/**
 * Names of the states the workflow runs by itself (choices, automatic steps, waits, ends), for the chart.
 * Human stages are named by their programs. `test/unit/web/workflow-logic.test.ts` fails when a state of
 * `workflows/*.asl.json` has no name here.
 */
export const stateNames: Record<string, Text> = {
  // Starting and resuming
  Resume: { zh: '继续执行？', en: 'Resuming?' },
  ResumeAtDistrictReview: { zh: '回到县区初审', en: 'Back to district review' },
  ResumeAtMunicipalReview: { zh: '回到市级复审', en: 'Back to municipal review' },
  MarkExecutionStarted: { zh: '流程启动', en: 'Workflow started' },
  ContinueAsNew: { zh: '续接新执行', en: 'Continue in a new execution' },
  // Checks and routes
  CheckCriteria: { zh: '自动核验条件', en: 'Check the criteria' },
  CriteriaMet: { zh: '条件满足？', en: 'Criteria met?' },
  CheckEligibility: { zh: '资格审查', en: 'Check eligibility' },
  EligibilityRoute: { zh: '审查结果分流', en: 'Route by eligibility' },
  ManualCheckOutcome: { zh: '人工核查结果？', en: 'Manual check result?' },
  RecheckEligibility: { zh: '拨付前复核资格', en: 'Recheck eligibility' },
  RecheckRoute: { zh: '复核结果？', en: 'Recheck result?' },
  PreDisbursementCheckOutcome: { zh: '拨付前核查结果？', en: 'Pre-payment check result?' },
  // Decisions of the reviewers
  DistrictReviewDecision: { zh: '县区初审结论？', en: 'District decision?' },
  MunicipalReviewDecision: { zh: '市级复审结论？', en: 'Municipal decision?' },
  MunicipalRecommendationDecision: { zh: '市级推荐结论？', en: 'Municipal recommendation?' },
  ProvincialReviewDecision: { zh: '省级审核结论？', en: 'Provincial decision?' },
  SiteInspectionDecision: { zh: '现场核查结论？', en: 'Inspection decision?' },
  // Expert panel, public notice, objections, certificate
  DrawExpertPanel: { zh: '抽取评审专家', en: 'Draw the expert panel' },
  ExpertPanelResult: { zh: '专家评审结果？', en: 'Panel result?' },
  OpenPublicNotice: { zh: '开始公示', en: 'Open the public notice' },
  PublicNotice: { zh: '公示期', en: 'Public notice' },
  ClosePublicNotice: { zh: '结束公示', en: 'Close the public notice' },
  AnyObjections: { zh: '有无异议？', en: 'Any objections?' },
  RecordObjectionRulings: { zh: '记录异议处理', en: 'Record the rulings' },
  ObjectionOutcome: { zh: '异议是否成立？', en: 'Objection upheld?' },
  IssueCertificate: { zh: '颁发证书', en: 'Issue the certificate' },
  // Budget
  HoldBudget: { zh: '预留资金', en: 'Hold the budget' },
  HoldOutcome: { zh: '预留结果？', en: 'Hold result?' },
  AfterHold: { zh: '预留之后', en: 'After the hold' },
  BudgetQueue: { zh: '排队等待预算', en: 'Wait for budget' },
  ApplyApprovedAmount: { zh: '按核定金额调整', en: 'Apply the approved amount' },
  CommitBudget: { zh: '资金核销', en: 'Commit the budget' },
  // Training
  NeedsEmployerConfirmation: { zh: '需单位确认？', en: 'Employer confirmation needed?' },
  EmployerDecision: { zh: '单位确认结果？', en: 'Employer decision?' },
  EmployerRejected: { zh: '单位未确认', en: 'Employer declined' },
  ConfirmationTimedOut: { zh: '确认超时', en: 'Confirmation timed out' },
  RequestSeat: { zh: '申请名额', en: 'Request a seat' },
  RequestSeatAtStart: { zh: '开班时申请名额', en: 'Request a seat at the start' },
  SeatOutcome: { zh: '名额结果？', en: 'Seat result?' },
  WaitForSeat: { zh: '候补等待', en: 'Wait for a seat' },
  Enroll: { zh: '正式录取', en: 'Enrol' },
  NotAdmitted: { zh: '未获录取', en: 'Not admitted' },
  RegistrationCloses: { zh: '等待报名截止', en: 'Until registration closes' },
  CloseRegistration: { zh: '报名截止', en: 'Close registration' },
  SessionRuns: { zh: '培训进行中', en: 'Session runs' },
  EvaluateCompletion: { zh: '评定结业', en: 'Evaluate completion' },
  NotCompleted: { zh: '未结业', en: 'Not completed' },
  // Supervision
  OpenSupervision: { zh: '督办立项', en: 'Open the task' },
  AcceptanceOutcome: { zh: '是否签收？', en: 'Accepted?' },
  ReassignmentOutcome: { zh: '是否改派？', en: 'Reassign?' },
  ReassignUnit: { zh: '改派责任单位', en: 'Reassign the unit' },
  PlanNext: { zh: '安排下一步', en: 'Plan the next step' },
  NextStep: { zh: '下一步？', en: 'Next step?' },
  WaitForNextStep: { zh: '等待报告期', en: 'Wait for the period' },
  ReportOrCompletion: { zh: '报告还是办结？', en: 'Report or completion?' },
  RecordReport: { zh: '记录进展报告', en: 'Record the report' },
  CompletionOutcome: { zh: '办结审核结论？', en: 'Completion decision?' },
  // Ends
  Approved: { zh: '通过', en: 'Approved' },
  Completed: { zh: '办结', en: 'Completed' },
  Rejected: { zh: '不通过', en: 'Rejected' },
  RejectedAsIneligible: { zh: '不符合条件', en: 'Ineligible' },
  RejectedByCriteria: { zh: '条件不满足', en: 'Criteria not met' },
  RejectedByObjection: { zh: '异议成立', en: 'Objection upheld' },
  RejectedByPanel: { zh: '评审未通过', en: 'Panel failed' },
  RejectedForBudget: { zh: '预算不足', en: 'Budget insufficient' },
  TimedOut: { zh: '超时办结', en: 'Timed out' },
};
