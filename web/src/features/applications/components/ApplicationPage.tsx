import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { attachmentIdsIn } from '../../../../../domain/shared/attachment.ts';
import { downloadFile } from '../../../shared/api.ts';
import { auditActionLabel, systemStageText } from '../../../shared/audit-actions.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { localizeMessage } from '../../../shared/bilingual.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { districtName } from '../../../shared/places.ts';
import { roleText } from '../../../shared/texts.ts';
import { programName, stageOf, usePrograms } from '../../programs/api/programs.ts';
import {
  type ApplicationRecord,
  type ApplicationTask,
  isClosed,
  useApplication,
  useApplicationHistory,
  useResubmit,
  useWithdraw,
} from '../api/applications.ts';
import { ApplicationForm, clearDraft } from './ApplicationForm.tsx';
import { AssessmentView } from './AssessmentView.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { FormValues } from './FormValues.tsx';
import { StatusTag } from './StatusTag.tsx';

const texts = {
  applicant: { zh: '申请单位', en: 'Applicant' },
  district: { zh: '所在县区', en: 'District' },
  submitted: { zh: '提交时间', en: 'Submitted' },
  form: { zh: '申请内容', en: 'Application' },
  assessment: { zh: '自动核算', en: 'Computed by rule' },
  history: { zh: '办理记录', en: 'History' },
  certificate: { zh: '证书', en: 'Certificate' },
  download: { zh: '下载证书', en: 'Download the certificate' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
  withdrawReason: { zh: '撤回原因', en: 'Reason for withdrawing' },
  revise: { zh: '补正材料', en: 'Revise and resubmit' },
  closingReasons: { zh: '办结原因', en: 'Why it closed' },
  chainBroken: { zh: '审计记录校验失败', en: 'The audit trail failed verification' },
};

// dagre and the ASL files load with the chart, not with the page.
/** Whether a decision's record carries files (e.g. a supervision completion's evidence). */
const hasFiles = (data: unknown): boolean =>
  attachmentIdsIn((data as { record?: unknown } | undefined)?.record).length > 0;

const WorkflowDiagram = lazy(async () => ({
  default: (await import('../../workflow/components/WorkflowDiagram.tsx')).WorkflowDiagram,
}));

const ApplicantActions = ({
  application,
  tasks,
}: {
  application: ApplicationRecord;
  tasks: ApplicationTask[];
}) => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const withdraw = useWithdraw(application.id);
  const resubmit = useResubmit(application.id);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const revision = tasks.find((task) => task.kind === 'revision' && task.status === 'OPEN');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {revision ? (
        <Card title={t(texts.revise)}>
          <ApplicationForm
            program={application.program}
            draftId={application.id}
            initial={application.form}
            busy={resubmit.isPending}
            error={resubmit.error}
            onSubmit={(form) =>
              resubmit.mutate({ form }, { onSuccess: () => clearDraft(application.program, application.id) })
            }
          />
        </Card>
      ) : null}
      {!isClosed(application.status) ? (
        <Button danger onClick={() => setWithdrawing(true)}>
          {t(texts.withdraw)}
        </Button>
      ) : null}
      <Modal
        open={withdrawing}
        title={t(texts.withdraw)}
        confirmLoading={withdraw.isPending}
        onCancel={() => setWithdrawing(false)}
        onOk={() =>
          withdraw.mutate(reason, {
            onSuccess: () => setWithdrawing(false),
            onError: (error) => message.error(error.message),
          })
        }
      >
        <label htmlFor="withdraw-reason">{t(texts.withdrawReason)}</label>
        <Input.TextArea
          id="withdraw-reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </Modal>
    </Space>
  );
};

const ApplicationPage = () => {
  const { id = '' } = useParams();
  const { t, language } = useLanguage();
  const { session } = useAuth();
  const programs = usePrograms();
  const application = useApplication(id);
  const history = useApplicationHistory(application.data?.application);
  if (application.error)
    return <ErrorAlert error={application.error} onRetry={() => application.refetch()} />;
  if (!application.data) return <Card loading />;
  const { application: record, tasks } = application.data;
  const role = session?.user.role ?? '';
  // The API knows the caller by the token's subject; a panel member's task names that subject.
  const userId = session?.userId;
  const isApplicant =
    ['park', 'enterprise', 'trainee'].includes(role) && session?.user.orgId === record.orgId;
  const actionable = tasks.filter(
    (task) =>
      (task.status === 'OPEN' || task.status === 'CLAIMED') &&
      task.kind !== 'revision' &&
      task.kind !== 'panel' &&
      (task.kind === 'panel-member'
        ? task.assigneeUserId === userId
        : // A claimed task is its claimant's; an unclaimed one anyone's of the role.
          task.assigneeRole === role &&
          (task.assigneeUserId === undefined || task.assigneeUserId === userId)),
  );
  const stageName = (stage: string | undefined) => {
    const info = stage ? stageOf(programs.data, record.program, stage) : undefined;
    if (info) return t(info.name);
    const system = stage ? systemStageText[stage] : undefined;
    return system ? t(system) : (stage ?? '—');
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {record.title}
            </Typography.Title>
            <StatusTag status={record.status} />
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t({ zh: '业务类型', en: 'Program' })}>
              {t(programName(programs.data, record.program))}
            </Descriptions.Item>
            <Descriptions.Item label={t({ zh: '当前环节', en: 'Stage' })}>
              {stageName(record.stage)}
            </Descriptions.Item>
            <Descriptions.Item label={t(texts.applicant)}>{record.orgName ?? record.orgId}</Descriptions.Item>
            <Descriptions.Item label={t(texts.district)}>
              {t(districtName(record.district))}
            </Descriptions.Item>
            <Descriptions.Item label={t(texts.submitted)}>
              {formatDateTime(record.createdAt, language)}
            </Descriptions.Item>
          </Descriptions>
          {record.closingReasons?.length ? (
            <Result
              status="warning"
              title={t(texts.closingReasons)}
              subTitle={record.closingReasons.map(t).join('；')}
            />
          ) : null}
          {record.certificate ? (
            <Space>
              <Typography.Text>
                {t(texts.certificate)} {record.certificate.number} ·{' '}
                {formatDate(record.certificate.validFrom, language)} – {record.certificate.validUntil}
              </Typography.Text>
              <Button
                onClick={() =>
                  downloadFile(
                    `/applications/${record.id}/certificate`,
                    { language, token: session?.token },
                    `${record.certificate?.number}.pdf`,
                  )
                }
              >
                {t(texts.download)}
              </Button>
            </Space>
          ) : null}
        </Space>
      </Card>
      {actionable.map((task) => (
        <DecisionPanel key={task.taskId} program={record.program} task={task} />
      ))}
      {isApplicant ? <ApplicantActions application={record} tasks={tasks} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t(texts.form)}>
            <FormValues value={record.form} applicationId={record.id} />
          </Card>
          {record.assessment || record.criteria ? (
            <Card title={t(texts.assessment)} style={{ marginTop: 16 }}>
              <AssessmentView
                assessment={record.assessment}
                criteria={record.criteria}
                reductionReason={
                  history.data?.audit.findLast((event) => event.action === 'AMOUNT_REDUCED')?.reason
                }
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t(texts.history)}>
            {history.data && !history.data.chain.valid ? (
              <ErrorAlert error={new Error(t(texts.chainBroken))} />
            ) : null}
            <Timeline
              items={(history.data?.audit ?? []).map((event) => ({
                children: (
                  <div>
                    <Typography.Text strong>{t(auditActionLabel(event.action))}</Typography.Text>{' '}
                    {event.stage ? (
                      <Typography.Text type="secondary">{stageName(event.stage)}</Typography.Text>
                    ) : null}
                    <div>
                      {formatDateTime(event.at, language)} ·{' '}
                      {event.actor.name ? localizeMessage(event.actor.name, language) : event.actor.id} (
                      {t(roleText[event.actor.role] ?? { zh: event.actor.role, en: event.actor.role })})
                    </div>
                    {event.reason ? <div>{event.reason}</div> : null}
                    {hasFiles(event.data) ? (
                      <FormValues
                        value={(event.data as { record: unknown }).record}
                        applicationId={record.id}
                      />
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Suspense fallback={<Card loading />}>
        <WorkflowDiagram program={record.program} events={history.data?.execution ?? []} />
      </Suspense>
    </Space>
  );
};
export default ApplicationPage;
