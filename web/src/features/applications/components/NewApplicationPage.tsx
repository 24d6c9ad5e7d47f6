import { App, Card, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../shared/auth.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { common } from '../../../shared/texts.ts';
import { usePrograms } from '../../programs/api/programs.ts';
import { useSubmitApplication } from '../api/applications.ts';
import { ApplicationForm, clearDraft } from './ApplicationForm.tsx';

const texts = {
  choose: { zh: '选择业务类型', en: 'Choose a program' },
  submitted: { zh: '已提交', en: 'Submitted' },
};

const NewApplicationPage = () => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const { session } = useAuth();
  const navigate = useNavigate();
  const { program } = useParams();
  const programs = usePrograms();
  const submit = useSubmitApplication();
  const mine = (programs.data ?? []).filter((candidate) => candidate.applicantRole === session?.user.role);
  // One key per form opening: a double click or a retry after a lost reply submits once.
  const idempotencyKey = useMemo(() => `console-${program ?? 'none'}-${crypto.randomUUID()}`, [program]);
  return (
    <Card title={t(common.newApplication)}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          aria-label={t(texts.choose)}
          placeholder={t(texts.choose)}
          style={{ width: '100%', maxWidth: 360 }}
          value={program}
          onChange={(code) => navigate(`/applications/new/${code}`)}
          options={mine.map((candidate) => ({ value: candidate.code, label: t(candidate.name) }))}
        />
        {program ? (
          <>
            <Typography.Title level={4}>
              {t(mine.find((candidate) => candidate.code === program)?.name)}
            </Typography.Title>
            <ApplicationForm
              key={program}
              program={program}
              draftId="new"
              busy={submit.isPending}
              error={submit.error}
              onSubmit={(form) =>
                submit.mutate(
                  { program, form, idempotencyKey },
                  {
                    onSuccess: ({ application }) => {
                      clearDraft(program, 'new');
                      message.success(t(texts.submitted));
                      navigate(`/applications/${application.id}`);
                    },
                  },
                )
              }
            />
          </>
        ) : null}
      </Space>
    </Card>
  );
};
export default NewApplicationPage;
