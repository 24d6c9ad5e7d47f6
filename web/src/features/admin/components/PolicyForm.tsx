import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Space } from 'antd';
import { useFieldArray } from 'react-hook-form';
import type { z } from 'zod';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import {
  overdraftPolicySchema,
  type Policy,
  policyCategorySchema,
  policyCodeMatches,
  policyCodeSchema,
  policyStatusSchema,
  putPolicyBodySchema,
} from '../../../../../domain/subsidy/policy.ts';
import { isVersionConflict } from '../../../shared/api.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { usePutPolicy } from '../api/policies.ts';
import { adminTexts } from '../texts.ts';
import { Field } from './Field.tsx';
import { choices, FieldGrid } from './FieldGrid.tsx';
import { zoneName } from './scope.tsx';

export const categoryText: Record<z.infer<typeof policyCategorySchema>, Text> = {
  OVERSEAS_WAREHOUSE: { zh: '海外仓', en: 'Overseas warehouses' },
  EXHIBITION: { zh: '展会', en: 'Exhibitions' },
  PLATFORM_FEE: { zh: '平台费用', en: 'Platform fees' },
  LOGISTICS: { zh: '物流', en: 'Logistics' },
  BRAND_PROMOTION: { zh: '品牌推广', en: 'Brand promotion' },
  TRAINING: { zh: '培训', en: 'Training' },
  OTHER: { zh: '其他', en: 'Other' },
};

export const policyStatusText: Record<z.infer<typeof policyStatusSchema>, Text> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  PUBLISHED: { zh: '已发布', en: 'Published' },
  SUSPENDED: { zh: '已暂停', en: 'Suspended' },
  WITHDRAWN: { zh: '已撤销', en: 'Withdrawn' },
};

const overdraftText: Record<z.infer<typeof overdraftPolicySchema>, Text> = {
  QUEUE: { zh: '排队等待预算释放', en: 'Queue until budget is released' },
  REFUSE: { zh: '直接拒绝', en: 'Refuse' },
};

const texts = {
  code: { zh: '政策编号', en: 'Policy code' },
  codeHint: {
    zh: '如 WH-2026-OW-01：综试区前缀-年度-类别-序号',
    en: 'e.g. WH-2026-OW-01: zone-year-category-serial',
  },
  nameZh: { zh: '政策名称（中文）', en: 'Name (Chinese)' },
  nameEn: { zh: '政策名称（英文）', en: 'Name (English)' },
  category: { zh: '类别', en: 'Category' },
  rate: { zh: '补贴比例（0–1）', en: 'Subsidy rate (0–1)' },
  perClaim: { zh: '单笔上限（元）', en: 'Per-claim cap (CNY)' },
  perEnterprise: { zh: '企业年度上限（元）', en: 'Annual cap per enterprise (CNY)' },
  total: { zh: '总预算（元）', en: 'Total budget (CNY)' },
  openDate: { zh: '受理开始日期', en: 'Open date' },
  closeDate: { zh: '受理截止日期', en: 'Close date' },
  overdraft: { zh: '预算不足时', en: 'When the budget is short' },
  status: { zh: '状态', en: 'Status' },
  documents: { zh: '申报材料', en: 'Required documents' },
  documentCode: { zh: '材料编号', en: 'Document code' },
  documentZh: { zh: '材料名称（中文）', en: 'Document name (Chinese)' },
  documentEn: { zh: '材料名称（英文）', en: 'Document name (English)' },
  addDocument: { zh: '添加材料', en: 'Add a document' },
  removeDocument: { zh: '删除材料', en: 'Remove document' },
} satisfies Record<string, Text>;

const codeMismatch =
  "政策编号的综试区前缀或年度与内容不符 / The policy code's zone prefix or year does not match the policy";

/**
 * The policy as the form holds it: the API's body plus the code of its path, with the API's own check that
 * the code names the policy's zone and year.
 */
export const policyFormSchema = putPolicyBodySchema
  .safeExtend({ code: policyCodeSchema })
  .superRefine((policy, context) => {
    if (
      policyCodeSchema.safeParse(policy.code).success &&
      !policyCodeMatches(policy.code, policy.zone, policy.year)
    ) {
      context.addIssue({ code: 'custom', path: ['code'], message: codeMismatch });
    }
  });
type PolicyFormInput = z.input<typeof policyFormSchema>;

const blankPolicy = (zone: ZoneCode, year: number): Partial<PolicyFormInput> => ({
  code: '',
  name: { zh: '', en: '' },
  zone,
  year,
  category: 'OTHER',
  subsidyRate: 0.5,
  requiredDocuments: [],
  openDate: `${year}-01-01`,
  closeDate: `${year}-12-31`,
  overdraftPolicy: 'REFUSE',
  status: 'DRAFT',
});

const third = { xs: 24, md: 8 };

/** The label of the nth entry of a list, in both languages. */
const numbered = (text: Text, n: number): Text => ({ zh: `${text.zh} ${n}`, en: `${text.en} ${n}` });

const fromPolicy = (policy: Policy): PolicyFormInput => {
  const { updatedAt: _updatedAt, updatedBy: _updatedBy, ...fields } = policy;
  return fields;
};

/** Create (no `policy`) or edit a policy; an edit sends the version it started from. */
export const PolicyForm = ({
  policy,
  zone,
  year,
  onDone,
  onCancel,
}: {
  policy?: Policy | undefined;
  zone: ZoneCode;
  year: number;
  onDone(policy: Policy): void;
  onCancel(): void;
}) => {
  const { t } = useLanguage();
  const saving = usePutPolicy();
  const { control, handleSubmit } = useSchemaForm(
    policyFormSchema,
    policy ? fromPolicy(policy) : blankPolicy(zone, year),
    { parsed: true },
  );
  const documents = useFieldArray({ control, name: 'requiredDocuments' });
  const submit = handleSubmit(({ code, ...body }) =>
    saving.mutate({ code, body }, { onSuccess: (reply) => onDone(reply.policy) }),
  );
  const conflict = isVersionConflict(saving.error);

  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <Row gutter={16}>
        <FieldGrid
          control={control}
          fields={[
            {
              name: 'code',
              label: texts.code,
              kind: 'text',
              required: true,
              hint: texts.codeHint,
              disabled: policy !== undefined,
              transform: (value) => value.trim().toUpperCase(),
            },
            {
              name: 'zone',
              label: adminTexts.zone,
              kind: 'custom',
              required: true,
              span: { xs: 12, md: 6 },
              render: (field, a11y) => (
                <Input {...a11y} disabled value={t(zoneName(field.value as string))} readOnly />
              ),
            },
            {
              name: 'year',
              label: adminTexts.year,
              kind: 'integer',
              required: true,
              span: { xs: 12, md: 6 },
              disabled: policy !== undefined,
            },
            { name: 'name.zh', label: texts.nameZh, kind: 'text', required: true },
            { name: 'name.en', label: texts.nameEn, kind: 'text', required: true },
            {
              name: 'category',
              label: texts.category,
              kind: 'select',
              required: true,
              span: third,
              options: choices(policyCategorySchema.options, categoryText),
            },
            {
              name: 'status',
              label: texts.status,
              kind: 'select',
              required: true,
              span: third,
              options: choices(policyStatusSchema.options, policyStatusText),
            },
            {
              name: 'subsidyRate',
              label: texts.rate,
              kind: 'number',
              required: true,
              span: third,
              step: 0.05,
            },
            { name: 'perClaimCapCny', label: texts.perClaim, kind: 'integer', required: true, span: third },
            {
              name: 'perEnterpriseAnnualCapCny',
              label: texts.perEnterprise,
              kind: 'integer',
              required: true,
              span: third,
            },
            { name: 'totalBudgetCny', label: texts.total, kind: 'integer', required: true, span: third },
            { name: 'openDate', label: texts.openDate, kind: 'date', required: true, span: third },
            { name: 'closeDate', label: texts.closeDate, kind: 'date', required: true, span: third },
            {
              name: 'overdraftPolicy',
              label: texts.overdraft,
              kind: 'select',
              required: true,
              span: third,
              options: choices(overdraftPolicySchema.options, overdraftText),
            },
          ]}
        />
      </Row>
      <Card size="small" title={t(texts.documents)} style={{ marginBottom: 16 }}>
        {documents.fields.map((document, index) => (
          <Row gutter={8} key={document.id} align="top">
            <FieldGrid
              control={control}
              fields={[
                {
                  name: `requiredDocuments.${index}.code`,
                  label: numbered(texts.documentCode, index + 1),
                  kind: 'text',
                  required: true,
                  span: { xs: 24, md: 7 },
                  transform: (value) => value.toUpperCase(),
                },
                {
                  name: `requiredDocuments.${index}.name.zh`,
                  label: numbered(texts.documentZh, index + 1),
                  kind: 'text',
                  required: true,
                  span: { xs: 24, md: 7 },
                },
                {
                  name: `requiredDocuments.${index}.name.en`,
                  label: numbered(texts.documentEn, index + 1),
                  kind: 'text',
                  required: true,
                  span: { xs: 20, md: 8 },
                },
              ]}
            />
            <Col xs={4} md={2} style={{ paddingTop: 30 }}>
              <Button
                autoInsertSpace={false}
                icon={<DeleteOutlined />}
                aria-label={`${t(texts.removeDocument)} ${index + 1}`}
                onClick={() => documents.remove(index)}
              />
            </Col>
          </Row>
        ))}
        <Field
          control={control}
          name="requiredDocuments"
          label=""
          render={() => (
            <Button
              autoInsertSpace={false}
              icon={<PlusOutlined />}
              onClick={() => documents.append({ code: '', name: { zh: '', en: '' } })}
            >
              {t(texts.addDocument)}
            </Button>
          )}
        />
      </Card>
      {saving.error ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <ErrorAlert error={saving.error} />
          {conflict ? <Alert type="warning" showIcon message={t(adminTexts.versionConflict)} /> : null}
        </Space>
      ) : null}
      <Space>
        <Button autoInsertSpace={false} type="primary" htmlType="submit" loading={saving.isPending}>
          {t(adminTexts.save)}
        </Button>
        <Button autoInsertSpace={false} onClick={onCancel}>
          {t(adminTexts.cancel)}
        </Button>
      </Space>
    </Form>
  );
};
