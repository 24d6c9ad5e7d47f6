import { Alert, Button, Form, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { findProgram } from '../../../../../domain/programs.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { SchemaFields } from '../../programs/components/SchemaFields.tsx';

const texts = {
  submit: { zh: '提交', en: 'Submit' },
  draftSaved: { zh: '草稿已自动保存在本机', en: 'The draft is saved on this device as you type' },
  clearDraft: { zh: '清空草稿', en: 'Clear the draft' },
};

const draftKey = (program: string, id: string) => `pilot-zone.draft.${program}.${id}`;

/**
 * A program's form: fields drawn from the program's zod schema (shared with the API), validated by it,
 * and kept as a draft in the browser until submitted.
 */
export const ApplicationForm = ({
  program,
  draftId,
  initial,
  busy,
  error,
  onSubmit,
}: {
  program: string;
  draftId: string;
  initial?: Record<string, unknown>;
  busy: boolean;
  error: unknown;
  onSubmit(form: Record<string, unknown>): void;
}) => {
  const { t } = useLanguage();
  const definition = findProgram(program);
  const schema = definition?.formSchema;
  const saved = useMemo(() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey(program, draftId)) ?? 'null') as Record<
        string,
        unknown
      > | null;
    } catch {
      return null;
    }
  }, [program, draftId]);
  const { control, handleSubmit, watch, reset, formState, jsonSchema } = useSchemaForm<
    Record<string, unknown>
  >(schema, saved ?? initial ?? {});
  useEffect(() => {
    const subscription = watch((values) =>
      localStorage.setItem(draftKey(program, draftId), JSON.stringify(values)),
    );
    return () => subscription.unsubscribe();
  }, [watch, program, draftId]);
  if (!schema || !jsonSchema) return <Alert type="error" message={program} />;
  return (
    <Form
      layout="vertical"
      onFinish={handleSubmit((values) => {
        onSubmit(values);
      })}
    >
      <Alert type="info" showIcon message={t(texts.draftSaved)} style={{ marginBottom: 16 }} />
      <SchemaFields schema={jsonSchema} control={control} errors={formState.errors} />
      {error ? <ErrorAlert error={error} /> : null}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t(texts.submit)}
        </Button>
        <Button
          onClick={() => {
            localStorage.removeItem(draftKey(program, draftId));
            reset(initial ?? {});
          }}
        >
          {t(texts.clearDraft)}
        </Button>
      </Space>
    </Form>
  );
};

export const clearDraft = (program: string, draftId: string) =>
  localStorage.removeItem(draftKey(program, draftId));
