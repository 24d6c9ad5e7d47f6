import { Button, Form, Row, Space } from 'antd';
import {
  type CreditList,
  creditEntryBodySchema,
  creditListNames,
} from '../../../../../domain/registry/credit.ts';
import { usccSchema } from '../../../../../domain/shared/uscc.ts';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { usePutCreditEntry } from '../api/credit-lists.ts';
import { adminTexts } from '../texts.ts';
import { FieldGrid } from './FieldGrid.tsx';

export const creditTexts = {
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  enterpriseName: { zh: '企业名称', en: 'Enterprise' },
  reason: { zh: '列入原因', en: 'Reason' },
  source: { zh: '认定机关', en: 'Listed by' },
  sourceHint: { zh: '如 市场监管局、海关、商务局', en: 'e.g. market regulation, customs, commerce bureau' },
  startDate: { zh: '列入日期', en: 'Start date' },
  endDate: { zh: '移出日期', en: 'End date' },
  endDateHint: { zh: '可不填；当天起不再适用', en: 'Optional; no longer applies from that day' },
};

/** The API's body plus the USCC of its path. */
const creditEntryFormSchema = creditEntryBodySchema.safeExtend({ uscc: usccSchema });

/** Adds (or replaces) one enterprise's entry on a list, as the office states it. */
export const CreditEntryForm = ({
  list,
  zone,
  onDone,
  onCancel,
}: {
  list: CreditList;
  zone: ZoneCode;
  onDone(): void;
  onCancel(): void;
}) => {
  const { t } = useLanguage();
  const saving = usePutCreditEntry();
  const { control, handleSubmit } = useSchemaForm(
    creditEntryFormSchema,
    { uscc: '', enterpriseName: '', zone, reason: '', source: '', startDate: '' },
    { parsed: true },
  );
  const submit = handleSubmit(({ uscc, ...body }) =>
    saving.mutate({ list, uscc, body }, { onSuccess: () => onDone() }),
  );
  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <p>
        {t(creditListNames[list])} · {zone}
      </p>
      <Row gutter={16}>
        <FieldGrid
          control={control}
          fields={[
            {
              name: 'uscc',
              label: creditTexts.uscc,
              kind: 'text',
              required: true,
              transform: (value) => value.trim().toUpperCase(),
            },
            { name: 'enterpriseName', label: creditTexts.enterpriseName, kind: 'text', required: true },
            { name: 'reason', label: creditTexts.reason, kind: 'textarea', required: true, span: 24 },
            {
              name: 'source',
              label: creditTexts.source,
              kind: 'text',
              required: true,
              hint: creditTexts.sourceHint,
              span: { xs: 24, md: 8 },
            },
            {
              name: 'startDate',
              label: creditTexts.startDate,
              kind: 'date',
              required: true,
              span: { xs: 12, md: 8 },
            },
            {
              name: 'endDate',
              label: creditTexts.endDate,
              kind: 'date',
              hint: creditTexts.endDateHint,
              span: { xs: 12, md: 8 },
              // Cleared is no end date: the schema refuses '' as a date.
              transform: (value) => value || undefined,
            },
          ]}
        />
      </Row>
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <Space style={{ marginTop: 12 }}>
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
