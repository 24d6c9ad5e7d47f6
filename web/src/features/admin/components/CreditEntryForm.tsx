import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Col, Form, Input, Row, Space } from 'antd';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  type CreditList,
  creditEntryBodySchema,
  creditListNames,
} from '../../../../../domain/registry/credit.ts';
import { usccSchema } from '../../../../../domain/shared/uscc.ts';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { zodMessagesIn } from '../../../shared/schema-form.ts';
import { usePutCreditEntry } from '../api/credit-lists.ts';
import { adminTexts } from '../texts.ts';
import { Field } from './Field.tsx';

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
type EntryInput = z.input<typeof creditEntryFormSchema>;
type EntryOutput = z.output<typeof creditEntryFormSchema>;

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
  const { t, language } = useLanguage();
  const saving = usePutCreditEntry();
  const { control, handleSubmit } = useForm<EntryInput, unknown, EntryOutput>({
    defaultValues: { uscc: '', enterpriseName: '', zone, reason: '', source: '', startDate: '' },
    resolver: zodResolver(creditEntryFormSchema, { error: zodMessagesIn(language) }),
  });
  const submit = handleSubmit(({ uscc, ...body }) =>
    saving.mutate({ list, uscc, body }, { onSuccess: () => onDone() }),
  );
  const text = (name: 'uscc' | 'enterpriseName' | 'reason' | 'source', required = true, hint?: string) => (
    <Field
      control={control}
      name={name}
      label={t(creditTexts[name])}
      required={required}
      {...(hint ? { hint } : {})}
      render={(field, a11y) =>
        name === 'reason' ? (
          <Input.TextArea {...a11y} rows={2} value={field.value as string} onChange={field.onChange} />
        ) : (
          <Input
            {...a11y}
            value={field.value as string}
            onChange={(event) =>
              field.onChange(name === 'uscc' ? event.target.value.trim().toUpperCase() : event.target.value)
            }
          />
        )
      }
    />
  );
  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <p>
        {t(creditListNames[list])} · {zone}
      </p>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {text('uscc')}
        </Col>
        <Col xs={24} md={12}>
          {text('enterpriseName')}
        </Col>
        <Col span={24}>{text('reason')}</Col>
        <Col xs={24} md={8}>
          {text('source', true, t(creditTexts.sourceHint))}
        </Col>
        <Col xs={12} md={8}>
          <Field
            control={control}
            name="startDate"
            label={t(creditTexts.startDate)}
            required
            render={(field, a11y) => (
              <Input {...a11y} type="date" value={field.value as string} onChange={field.onChange} />
            )}
          />
        </Col>
        <Col xs={12} md={8}>
          <Field
            control={control}
            name="endDate"
            label={t(creditTexts.endDate)}
            hint={t(creditTexts.endDateHint)}
            render={(field, a11y) => (
              <Input
                {...a11y}
                type="date"
                value={(field.value as string | undefined) ?? ''}
                onChange={(event) => field.onChange(event.target.value || undefined)}
              />
            )}
          />
        </Col>
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
