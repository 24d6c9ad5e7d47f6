import { Space, Tag } from 'antd';
import { Link } from 'react-router';
import {
  audienceNames,
  levelNames,
  type TrainingSessionView,
} from '../../../../../domain/training/session.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useTrainingSessions } from '../api/training.ts';
import { adminTexts } from '../texts.ts';
import { AdminListPage, EditButton } from './AdminListPage.tsx';
import { useZoneChoice } from './scope.tsx';
import { TrainingSessionForm, trainingTexts } from './TrainingSessionForm.tsx';

const texts = {
  title: { zh: '培训班', en: 'Training sessions' },
  add: { zh: '新建培训班', en: 'New session' },
  editTitle: { zh: '编辑培训班', en: 'Edit session' },
  name: { zh: '名称', en: 'Title' },
  period: { zh: '时间', en: 'When' },
  seats: { zh: '名额（已占 / 候补 / 剩余）', en: 'Seats (taken / waiting / free)' },
  registrations: { zh: '报名名单', en: 'Registrations' },
  closed: { zh: '报名已截止', en: 'Closed' },
};

const TrainingSessionsPage = () => {
  const { t, language } = useLanguage();
  const choice = useZoneChoice();
  const sessions = useTrainingSessions(choice.zone);
  return (
    <AdminListPage<TrainingSessionView>
      title={texts.title}
      choice={choice}
      rows={sessions}
      rowKey="code"
      scrollX={1100}
      addLabel={texts.add}
      columns={(edit) => [
        { title: t(trainingTexts.code), dataIndex: 'code', width: 130 },
        {
          title: t(texts.name),
          key: 'title',
          render: (_, session) => (
            <>
              {t(session.title)}
              <div>
                <Tag color="blue">{t(levelNames[session.level])}</Tag>
                {session.audiences.map((audience) => (
                  <Tag key={audience}>{t(audienceNames[audience])}</Tag>
                ))}
              </div>
            </>
          ),
        },
        {
          title: t(texts.period),
          key: 'period',
          width: 200,
          render: (_, session) => (
            <>
              <div>{formatDateTime(session.startsAt, language)}</div>
              <div>{formatDateTime(session.endsAt, language)}</div>
            </>
          ),
        },
        {
          title: t(trainingTexts.venue),
          key: 'venue',
          width: 80,
          render: (_, session) =>
            t(session.venue.mode === 'ONLINE' ? trainingTexts.online : trainingTexts.onsite),
        },
        {
          title: t(texts.seats),
          key: 'seats',
          width: 170,
          render: (_, session) => (
            <>
              {session.seats.seated} / {session.seats.waiting} / {session.seats.available}
              {session.seats.closedAt ? <Tag style={{ marginInlineStart: 8 }}>{t(texts.closed)}</Tag> : null}
            </>
          ),
        },
        {
          title: t(adminTexts.actions),
          key: 'actions',
          fixed: 'right',
          width: 170,
          render: (_, session) => (
            <Space size="small">
              <EditButton name={session.code} onClick={() => edit(session)} />
              <Link
                to={`/admin/training/${encodeURIComponent(session.code)}`}
                aria-label={`${t(texts.registrations)} ${session.code}`}
              >
                {t(texts.registrations)}
              </Link>
            </Space>
          ),
        },
      ]}
      editor={{
        title: (session) => (session ? `${t(texts.editTitle)} ${session.code}` : t(texts.add)),
        width: 820,
        render: ({ row, zone, close, saved }) => (
          <TrainingSessionForm
            session={row}
            zone={zone}
            onCancel={close}
            onDone={(session) => saved(session.code)}
          />
        ),
      }}
    />
  );
};
export default TrainingSessionsPage;
