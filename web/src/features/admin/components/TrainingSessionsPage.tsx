import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  audienceNames,
  levelNames,
  type TrainingSessionView,
} from '../../../../../domain/training/session.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useTrainingSessions } from '../api/training.ts';
import { adminTexts } from '../texts.ts';
import { NotForThisRole, useZoneChoice, ZoneSelect } from './scope.tsx';
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
  const { message } = App.useApp();
  const { zone, setZone, scope, allowed } = useZoneChoice();
  const sessions = useTrainingSessions(zone);
  const [editing, setEditing] = useState<{ session?: TrainingSessionView } | undefined>();
  if (!allowed || !zone) return <NotForThisRole />;
  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(texts.title)}</h1>}
      extra={
        <Space>
          <ZoneSelect zone={zone} onChange={setZone} zones={scope.zones} fixed={scope.fixed} />
          <Button
            autoInsertSpace={false}
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
          >
            {t(texts.add)}
          </Button>
        </Space>
      }
    >
      {sessions.error ? <ErrorAlert error={sessions.error} onRetry={() => sessions.refetch()} /> : null}
      <Table<TrainingSessionView>
        rowKey="code"
        size="middle"
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t(adminTexts.empty) }}
        columns={[
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
                {session.seats.closedAt ? (
                  <Tag style={{ marginInlineStart: 8 }}>{t(texts.closed)}</Tag>
                ) : null}
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
                <Button
                  autoInsertSpace={false}
                  size="small"
                  aria-label={`${t(adminTexts.edit)} ${session.code}`}
                  onClick={() => setEditing({ session })}
                >
                  {t(adminTexts.edit)}
                </Button>
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
      />
      <Modal
        open={editing !== undefined}
        title={editing?.session ? `${t(texts.editTitle)} ${editing.session.code}` : t(texts.add)}
        onCancel={() => setEditing(undefined)}
        footer={null}
        width={820}
        destroyOnHidden
      >
        {editing ? (
          <TrainingSessionForm
            session={editing.session}
            zone={zone}
            onCancel={() => setEditing(undefined)}
            onDone={(session) => {
              setEditing(undefined);
              message.success(`${t(adminTexts.saved)}: ${session.code}`);
            }}
          />
        ) : null}
      </Modal>
    </Card>
  );
};
export default TrainingSessionsPage;
