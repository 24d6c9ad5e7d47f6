import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Form, Input, Result, Space, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { type ObjectionBody, objectionBodySchema } from '../../../../../domain/shared/notice.ts';
import { ApiFailure } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { zodMessagesIn } from '../../../shared/schema-form.ts';
import { Field } from '../../admin/components/Field.tsx';
import { useFileObjection } from '../api/notices.ts';

const texts = {
  name: { zh: '姓名或单位名称', en: 'Name or organization' },
  nameHint: { zh: '2–50 个字符', en: '2–50 characters' },
  contact: { zh: '联系方式', en: 'Contact' },
  contactHint: {
    zh: '电话、电子邮箱或通信地址，仅供办公室核实异议，不予公开',
    en: 'Phone, email or postal address; only the office sees it, to follow up on the objection',
  },
  reason: { zh: '异议内容', en: 'Objection' },
  reasonHint: {
    zh: '请写明事实和理由（10–2000 个字符），如有证明材料请说明获取方式',
    en: 'State the facts and your reasons (10–2,000 characters) and where any evidence can be obtained',
  },
  submit: { zh: '提交异议', en: 'File the objection' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  received: { zh: '异议已受理', en: 'Objection received' },
  receipt: { zh: '受理编号', en: 'Receipt number' },
  receivedAt: { zh: '受理时间', en: 'Received at' },
  receivedNote: {
    zh: '领导小组办公室将在公示期结束后对异议作出处理。请保存受理编号以便查询。',
    en: 'The leading-group office rules on objections when the notice period ends. Keep the receipt number for enquiries.',
  },
  refused: { zh: '提交未成功', en: 'The objection was not filed' },
} satisfies Record<string, Text>;

/**
 * Validation messages come from the shared schema, worded by zod's own locale for the user's language,
 * so the form refuses exactly what the API refuses and says so in the same terms.
 */
const emptyObjection: ObjectionBody = { name: '', contact: '', reason: '' };

/** The fields in order, with their hints and the schema's limits (`rows`: a text area). */
const objectionFields: {
  name: keyof ObjectionBody;
  label: Text;
  hint: Text;
  maxLength: number;
  autoComplete?: string;
  rows?: number;
}[] = [
  { name: 'name', label: texts.name, hint: texts.nameHint, maxLength: 50, autoComplete: 'name' },
  { name: 'contact', label: texts.contact, hint: texts.contactHint, maxLength: 100 },
  { name: 'reason', label: texts.reason, hint: texts.reasonHint, maxLength: 2_000, rows: 5 },
];

interface ObjectionFormProps {
  applicationId: string;
  onDone(): void;
}

/** The public objection form for one notice: anyone may file, no sign-in. */
export const ObjectionForm = ({ applicationId, onDone }: ObjectionFormProps) => {
  const { language, t } = useLanguage();
  const filing = useFileObjection();
  const { control, handleSubmit } = useForm<ObjectionBody>({
    defaultValues: emptyObjection,
    // useForm takes its options afresh on every render, so messages follow a language switch at the next
    // validation and what was typed stays.
    resolver: zodResolver(objectionBodySchema, { error: zodMessagesIn(language) }),
  });

  if (filing.data) {
    const colon = language === 'en' ? ': ' : '：';
    return (
      <Result
        status="success"
        title={t(texts.received)}
        subTitle={
          <Space direction="vertical" size={4}>
            <Typography.Text>
              {t(texts.receipt)}
              {colon}
              <Typography.Text copyable>{filing.data.objectionId}</Typography.Text>
            </Typography.Text>
            <Typography.Text>
              {t(texts.receivedAt)}
              {colon}
              {formatDateTime(filing.data.receivedAt, language)}
            </Typography.Text>
            <Typography.Text type="secondary">{t(texts.receivedNote)}</Typography.Text>
          </Space>
        }
        extra={
          <Button type="primary" onClick={onDone} autoFocus>
            {t(texts.close)}
          </Button>
        }
      />
    );
  }

  const submit = handleSubmit((body) => filing.mutate({ applicationId, body }));

  return (
    // antd's Form only lays out and submits; react-hook-form holds the values and validates them.
    <Form layout="vertical" requiredMark noValidate onFinish={() => void submit()}>
      {objectionFields.map(({ name, label, hint, rows, ...limits }) => (
        <Field
          key={name}
          control={control}
          name={name}
          label={t(label)}
          required
          // The error takes the hint's place, under the same id, so the field's description is always what
          // is shown.
          hint={t(hint)}
          render={(field, a11y) => {
            const props = { ...field, ...a11y, ...limits, 'aria-required': true };
            return rows ? <Input.TextArea {...props} rows={rows} /> : <Input {...props} />;
          }}
        />
      ))}
      {filing.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={t(texts.refused)}
          description={filing.error instanceof ApiFailure ? filing.error.message : String(filing.error)}
        />
      ) : null}
      <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Button onClick={onDone}>{t(texts.cancel)}</Button>
        <Button type="primary" htmlType="submit" loading={filing.isPending}>
          {t(texts.submit)}
        </Button>
      </Space>
    </Form>
  );
};
