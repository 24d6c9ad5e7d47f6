import { App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { findProgram } from '../../../../../domain/programs.ts';
import { findStage } from '../../../../../domain/shared/program.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { outcomeText } from '../../../shared/texts.ts';
import { useDecideTask } from '../../inbox/api/inbox.ts';
import { SchemaFields } from '../../programs/components/SchemaFields.tsx';
import type { ApplicationTask } from '../api/applications.ts';

const texts = {
  decide: { zh: '审核决定', en: 'Decision' },
  comment: { zh: '意见', en: 'Comment' },
  commentNeeded: { zh: '退回或驳回须填写意见', en: 'A comment is required to reject or return' },
  done: { zh: '已提交决定', en: 'Decision recorded' },
};

/**
 * The decision on one task: the stage's outcomes, a comment, and the stage's record (an amount, an
 * inspection, scores, rulings) drawn from its zod schema and validated by it.
 */
export const DecisionPanel = ({ program, task }: { program: string; task: ApplicationTask }) => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const decide = useDecideTask();
  const stage = findStage(findProgram(program) ?? ({ stages: [] } as never), task.stage);
  const dataSchema = stage?.dataSchema;
  const [comment, setComment] = useState('');
  const { control, handleSubmit, formState, jsonSchema } = useSchemaForm<Record<string, unknown>>(
    dataSchema,
    {},
  );
  if (!stage) return null;
  const send = (outcome: string, data?: Record<string, unknown>) => {
    if ((outcome === 'REJECT' || outcome === 'RETURN') && comment.trim() === '') {
      message.error(t(texts.commentNeeded));
      return;
    }
    // mutateAsync: the panel unmounts as soon as the refreshed application has no open task for the user.
    decide
      .mutateAsync({
        taskId: task.taskId,
        outcome,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(data ? { data } : {}),
      })
      .then(() => message.success(t(texts.done)))
      .catch(() => {
        // Shown by the panel from decide.error.
      });
  };
  return (
    <Card title={`${t(texts.decide)} · ${t(stage.name)}`}>
      <Form layout="vertical">
        {jsonSchema ? <SchemaFields schema={jsonSchema} control={control} errors={formState.errors} /> : null}
        <Form.Item label={t(texts.comment)} htmlFor="decision-comment">
          <Input.TextArea
            id="decision-comment"
            rows={3}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Form.Item>
        {decide.error ? <ErrorAlert error={decide.error} /> : null}
        <Space wrap style={{ marginTop: 12 }}>
          {stage.outcomes.map((outcome) => (
            <Button
              key={outcome}
              type={outcome === 'APPROVE' || outcome === 'SUBMIT' ? 'primary' : 'default'}
              danger={outcome === 'REJECT'}
              loading={decide.isPending && decide.variables?.outcome === outcome}
              onClick={() => {
                if (
                  dataSchema &&
                  (outcome === 'APPROVE' || outcome === 'SUBMIT' || stage.code === 'OBJECTION_REVIEW')
                ) {
                  void handleSubmit((data) => send(outcome, data))();
                } else send(outcome);
              }}
            >
              {t(outcomeText[outcome] ?? { zh: outcome, en: outcome })}
            </Button>
          ))}
        </Space>
      </Form>
    </Card>
  );
};
