import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { localizedTextSchema } from '../../../../../domain/shared/program.ts';
import { formatCny, formatDateTime } from '../../../shared/format.ts';
import { type Language, type Text, useLanguage } from '../../../shared/i18n.tsx';
import {
  choiceLabelOf,
  eligibilityPhaseLabels,
  eligibilityRouteLabels,
  holdResultLabels,
  labelOf,
} from '../../programs/labels.ts';
import { FormValues } from './FormValues.tsx';

const texts = {
  computation: { zh: '计算过程', en: 'Computation' },
  item: { zh: '计算项', en: 'Item' },
  ceiling: { zh: '上限', en: 'Ceiling' },
  decides: { zh: '决定金额', en: 'Decides the amount' },
  amountByRule: { zh: '按规则核算金额', en: 'Amount by rule' },
  estimate: {
    zh: '提交时的估算；预留预算时按当时的已用额度重新核算。',
    en: 'Estimated at submission; computed again with the amounts used by then when the budget is reserved.',
  },
  eligibleCost: { zh: '合规费用合计', en: 'Eligible cost' },
  market: { zh: '目标市场', en: 'Market' },
  feesPaid: { zh: '已缴费用', en: 'Fees paid' },
  cap: { zh: '上限', en: 'Cap' },
  amount: { zh: '支持金额', en: 'Amount' },
  capped: { zh: '按上限', en: 'Capped' },
  subtotal: { zh: '小计', en: 'Subtotal' },
  approved: { zh: '核定金额', en: 'Approved amount' },
  reducedBy: { zh: '核减', en: 'Reduced by' },
  reductionReason: { zh: '核减理由', en: 'Reason for the reduction' },
  reasons: { zh: '原因', en: 'Reasons' },
  criteria: { zh: '认定条件核查', en: 'Criteria check' },
  criteriaMet: { zh: '符合认定条件', en: 'Meets the criteria' },
  criteriaNotMet: { zh: '未满足认定条件', en: 'Does not meet the criteria' },
};

/** The row of what is left of the BRAND annual cap: the cap and what this year's support already took. */
const annualCapText = (cap: string, used: string): Text => ({
  zh: `年度剩余额度（上限 ${cap}，本年度已获支持 ${used}）`,
  en: `Left of the annual cap (cap ${cap}, already granted this year ${used})`,
});

// What the workflow and the programs store (domain/subsidy/amount.ts, domain/brand/amount.ts,
// functions/steps/check-subsidy-eligibility.ts, hold-subsidy-claim.ts, apply-approved-amount.ts). A part
// of another shape is shown as it is stored, like any key not listed here.
const subsidyAmountSchema = z.object({
  amountCny: z.number(),
  limitedBy: z.string(),
  steps: z.array(z.object({ limit: z.string(), label: localizedTextSchema, ceilingCny: z.number() })),
});
type SubsidyAmountView = z.infer<typeof subsidyAmountSchema>;

const brandAmountSchema = z.object({
  lines: z.array(
    z.object({
      market: z.string(),
      feesPaidCny: z.number(),
      rate: z.number(),
      capCny: z.number(),
      amountCny: z.number(),
    }),
  ),
  subtotalCny: z.number(),
  annualCapCny: z.number(),
  usedThisYearCny: z.number(),
  amountCny: z.number(),
});
type BrandAmountView = z.infer<typeof brandAmountSchema>;

const assessmentSchema = z.object({
  policyCode: z.string().optional().catch(undefined),
  eligibleCostFen: z.number().optional().catch(undefined),
  amount: z.union([subsidyAmountSchema, brandAmountSchema]).optional().catch(undefined),
  approvedAmountCny: z.number().optional().catch(undefined),
  eligibility: z
    .object({
      phase: z.string(),
      route: z.string(),
      reasons: z.array(localizedTextSchema).default([]),
      checkedAt: z.string(),
    })
    .optional()
    .catch(undefined),
  hold: z
    .object({ result: z.string(), at: z.string(), reason: localizedTextSchema.optional() })
    .optional()
    .catch(undefined),
});
type KnownParts = z.infer<typeof assessmentSchema>;

/** The parts this view knows how to show, and the rest (for the generic view). */
const readAssessment = (assessment: Record<string, unknown>) => {
  const known = assessmentSchema.parse(assessment);
  const rest = Object.fromEntries(
    Object.entries(assessment).filter(([key]) => known[key as keyof KnownParts] === undefined),
  );
  return { known, rest };
};

const percent = (rate: number, language: Language) =>
  new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(rate);

/** A market code with its name where the browser knows one (ISO 3166 regions, and `EU`). */
const marketName = (code: string, language: Language): string => {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(language === 'en' ? 'en' : 'zh-CN', { type: 'region' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return language === 'en' ? `${name} (${code})` : `${name}（${code}）`;
};

const Section = ({ title, children }: { title: Text; children: ReactNode }) => {
  const { t } = useLanguage();
  return (
    <section>
      <Typography.Title level={4} style={{ fontSize: 15, marginTop: 0 }}>
        {t(title)}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        {children}
      </Space>
    </section>
  );
};

const ReasonList = ({ reasons }: { reasons: readonly Text[] }) => {
  const { t } = useLanguage();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {reasons.map((reason) => (
        <li key={reason.zh}>{t(reason)}</li>
      ))}
    </ul>
  );
};

/** A row under a computation's table: what it is, and its amount (the result in bold). */
const SummaryRow = ({
  label,
  amountCny,
  colSpan,
  result = false,
}: {
  label: ReactNode;
  amountCny: number;
  colSpan: number;
  result?: boolean;
}) => {
  const { language } = useLanguage();
  const amount = formatCny(amountCny, language);
  return (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0} colSpan={colSpan}>
        {result ? <strong>{label}</strong> : label}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        {result ? <strong>{amount}</strong> : amount}
      </Table.Summary.Cell>
    </Table.Summary.Row>
  );
};

/** A rule of the computation, marked when it is the one that set the amount. */
const Rule = ({ decides, children }: { decides: boolean; children: ReactNode }) => {
  const { t } = useLanguage();
  return (
    <Space wrap size="small">
      {children}
      {decides ? <Tag color="blue">{t(texts.decides)}</Tag> : null}
    </Space>
  );
};

/** SUBSIDY: every ceiling in the order applied, the one that set the amount marked. */
const SubsidyComputation = ({ amount, estimate }: { amount: SubsidyAmountView; estimate: boolean }) => {
  const { t, language } = useLanguage();
  const decisive = amount.steps.find((step) => step.limit === amount.limitedBy);
  return (
    <>
      <Table<SubsidyAmountView['steps'][number]>
        rowKey="limit"
        size="small"
        pagination={false}
        dataSource={amount.steps}
        columns={[
          {
            title: t(texts.item),
            key: 'label',
            render: (_, step) => <Rule decides={step === decisive}>{t(step.label)}</Rule>,
          },
          {
            title: t(texts.ceiling),
            key: 'ceiling',
            align: 'right',
            render: (_, step) => formatCny(step.ceilingCny, language),
          },
        ]}
        summary={() => (
          <SummaryRow label={t(texts.amountByRule)} amountCny={amount.amountCny} colSpan={1} result />
        )}
      />
      {estimate ? <Typography.Text type="secondary">{t(texts.estimate)}</Typography.Text> : null}
    </>
  );
};

/** SUBSIDY: the policy claimed under and the invoices' total (kept in fen, shown in yuan). */
const ClaimBasis = ({
  policyCode,
  eligibleCostFen,
}: {
  policyCode: string | undefined;
  eligibleCostFen: number | undefined;
}) => {
  const { t, language } = useLanguage();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      {policyCode !== undefined ? (
        <Descriptions.Item label={t(labelOf('policyCode'))}>{policyCode}</Descriptions.Item>
      ) : null}
      {eligibleCostFen !== undefined ? (
        <Descriptions.Item label={t(texts.eligibleCost)}>
          {formatCny(eligibleCostFen / 100, language)}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
};

/** BRAND: per market rate × fees paid within the market's cap, then the annual cap. */
const BrandComputation = ({ amount }: { amount: BrandAmountView }) => {
  const { t, language } = useLanguage();
  return (
    <Table<BrandAmountView['lines'][number]>
      rowKey="market"
      size="small"
      pagination={false}
      dataSource={amount.lines}
      columns={[
        { title: t(texts.market), key: 'market', render: (_, line) => marketName(line.market, language) },
        {
          title: t(texts.feesPaid),
          key: 'fees',
          align: 'right',
          render: (_, line) => formatCny(line.feesPaidCny, language),
        },
        {
          title: t(labelOf('rate')),
          key: 'rate',
          align: 'right',
          render: (_, line) => percent(line.rate, language),
        },
        {
          title: t(texts.cap),
          key: 'cap',
          align: 'right',
          render: (_, line) => formatCny(line.capCny, language),
        },
        {
          title: t(texts.amount),
          key: 'amount',
          align: 'right',
          render: (_, line) => (
            <Space size="small">
              {line.amountCny === line.capCny && line.feesPaidCny * line.rate > line.capCny ? (
                <Tag>{t(texts.capped)}</Tag>
              ) : null}
              {formatCny(line.amountCny, language)}
            </Space>
          ),
        },
      ]}
      summary={() => (
        <>
          <SummaryRow label={t(texts.subtotal)} amountCny={amount.subtotalCny} colSpan={4} />
          <SummaryRow
            label={
              <Rule decides={amount.amountCny < amount.subtotalCny}>
                {t(
                  annualCapText(
                    formatCny(amount.annualCapCny, language),
                    formatCny(amount.usedThisYearCny, language),
                  ),
                )}
              </Rule>
            }
            amountCny={Math.max(0, amount.annualCapCny - Math.max(0, amount.usedThisYearCny))}
            colSpan={4}
          />
          <SummaryRow label={t(texts.amountByRule)} amountCny={amount.amountCny} colSpan={4} result />
        </>
      )}
    />
  );
};

/** The amount the municipal reviewer approved, and what it took off the computed one. */
const ApprovedAmount = ({
  approvedCny,
  computedCny,
  reason,
}: {
  approvedCny: number;
  computedCny: number | undefined;
  reason: string | undefined;
}) => {
  const { t, language } = useLanguage();
  const reduced = computedCny !== undefined && approvedCny < computedCny;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t(texts.approved)}>
        <strong>{formatCny(approvedCny, language)}</strong>
      </Descriptions.Item>
      {reduced ? (
        <Descriptions.Item label={t(texts.reducedBy)}>
          {formatCny(computedCny - approvedCny, language)}
        </Descriptions.Item>
      ) : null}
      {reduced && reason ? (
        <Descriptions.Item label={t(texts.reductionReason)}>{reason}</Descriptions.Item>
      ) : null}
    </Descriptions>
  );
};

const Eligibility = ({ eligibility }: { eligibility: NonNullable<KnownParts['eligibility']> }) => {
  const { t, language } = useLanguage();
  const route = eligibilityRouteLabels[eligibility.route as keyof typeof eligibilityRouteLabels];
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t(labelOf('route'))}>
        <Tag color={eligibility.route === 'REFUSED' ? 'error' : 'success'}>
          {t(route ?? choiceLabelOf(eligibility.route))}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t(labelOf('phase'))}>
        {t(eligibilityPhaseLabels[eligibility.phase] ?? choiceLabelOf(eligibility.phase))}
      </Descriptions.Item>
      {eligibility.reasons.length > 0 ? (
        <Descriptions.Item label={t(texts.reasons)}>
          <ReasonList reasons={eligibility.reasons} />
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t(labelOf('checkedAt'))}>
        {formatDateTime(eligibility.checkedAt, language)}
      </Descriptions.Item>
    </Descriptions>
  );
};

const BudgetHold = ({ hold }: { hold: NonNullable<KnownParts['hold']> }) => {
  const { t, language } = useLanguage();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t(labelOf('result'))}>
        <Tag color={hold.result === 'RESERVED' ? 'success' : hold.result === 'QUEUED' ? 'gold' : 'error'}>
          {t(holdResultLabels[hold.result] ?? choiceLabelOf(hold.result))}
        </Tag>
      </Descriptions.Item>
      {hold.reason ? <Descriptions.Item label={t(texts.reasons)}>{t(hold.reason)}</Descriptions.Item> : null}
      <Descriptions.Item label={t(labelOf('at'))}>{formatDateTime(hold.at, language)}</Descriptions.Item>
    </Descriptions>
  );
};

const Criteria = ({ criteria }: { criteria: { passed: boolean; reasons: readonly Text[] } }) => {
  const { t } = useLanguage();
  return (
    <>
      <div>
        <Tag color={criteria.passed ? 'success' : 'error'}>
          {t(criteria.passed ? texts.criteriaMet : texts.criteriaNotMet)}
        </Tag>
      </div>
      {criteria.reasons.length > 0 ? <ReasonList reasons={criteria.reasons} /> : null}
    </>
  );
};

/**
 * What the platform computed for an application, as a reviewer reads it: the criteria check (PARK_CERT),
 * the amount's computation (SUBSIDY, BRAND) with the approved amount, the eligibility check and the budget
 * hold (SUBSIDY). Whatever else a program stores is shown by the generic view, so nothing is hidden.
 */
export const AssessmentView = ({
  assessment,
  criteria,
  reductionReason,
}: {
  assessment?: Record<string, unknown> | undefined;
  criteria?: { passed: boolean; reasons: readonly Text[] } | undefined;
  /** Why the approved amount is lower than the computed one (from the audit trail). */
  reductionReason?: string | undefined;
}) => {
  const { known, rest } = readAssessment(assessment ?? {});
  const { amount } = known;
  const subsidy = amount && 'steps' in amount ? amount : undefined;
  const brand = amount && 'lines' in amount ? amount : undefined;
  const hasBasis = known.policyCode !== undefined || known.eligibleCostFen !== undefined;
  const showsAmount = hasBasis || amount !== undefined || known.approvedAmountCny !== undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {criteria ? (
        <Section title={texts.criteria}>
          <Criteria criteria={criteria} />
        </Section>
      ) : null}
      {known.eligibility ? (
        <Section title={labelOf('eligibility')}>
          <Eligibility eligibility={known.eligibility} />
        </Section>
      ) : null}
      {showsAmount ? (
        <Section title={texts.computation}>
          {hasBasis ? (
            <ClaimBasis policyCode={known.policyCode} eligibleCostFen={known.eligibleCostFen} />
          ) : null}
          {subsidy ? (
            <SubsidyComputation
              amount={subsidy}
              estimate={known.hold === undefined && known.approvedAmountCny === undefined}
            />
          ) : null}
          {brand ? <BrandComputation amount={brand} /> : null}
          {known.approvedAmountCny !== undefined ? (
            <ApprovedAmount
              approvedCny={known.approvedAmountCny}
              computedCny={amount?.amountCny}
              reason={reductionReason}
            />
          ) : null}
        </Section>
      ) : null}
      {known.hold ? (
        <Section title={labelOf('hold')}>
          <BudgetHold hold={known.hold} />
        </Section>
      ) : null}
      {Object.keys(rest).length > 0 ? <FormValues value={rest} /> : null}
    </Space>
  );
};
