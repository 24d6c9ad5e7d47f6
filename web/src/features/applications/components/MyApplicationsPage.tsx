import { Button, Card, Table } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { common } from '../../../shared/texts.ts';
import { programName, stageOf, usePrograms } from '../../programs/api/programs.ts';
import { type ApplicationRecord, useMyApplications } from '../api/applications.ts';
import { StatusTag } from './StatusTag.tsx';

const texts = {
  title: { zh: '名称', en: 'Title' },
  program: { zh: '业务类型', en: 'Program' },
  status: { zh: '状态', en: 'Status' },
  stage: { zh: '当前环节', en: 'Current stage' },
  updated: { zh: '更新时间', en: 'Updated' },
};

const MyApplicationsPage = () => {
  const { t, language } = useLanguage();
  const applications = useMyApplications();
  const programs = usePrograms();
  return (
    <Card
      title={t(common.myApplications)}
      extra={
        <Link to="/applications/new">
          <Button type="primary">{t(common.newApplication)}</Button>
        </Link>
      }
    >
      {applications.error ? (
        <ErrorAlert error={applications.error} onRetry={() => applications.refetch()} />
      ) : null}
      <Table<ApplicationRecord>
        rowKey="id"
        loading={applications.isLoading}
        dataSource={applications.data ?? []}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t(texts.title),
            dataIndex: 'title',
            render: (title: string, record) => <Link to={`/applications/${record.id}`}>{title}</Link>,
          },
          {
            title: t(texts.program),
            dataIndex: 'program',
            render: (code: string) => t(programName(programs.data, code)),
          },
          {
            title: t(texts.status),
            dataIndex: 'status',
            render: (status: string) => <StatusTag status={status} />,
          },
          {
            title: t(texts.stage),
            render: (_, record) => {
              const stage = record.stage ? stageOf(programs.data, record.program, record.stage) : undefined;
              return stage ? t(stage.name) : (record.stage ?? '—');
            },
          },
          {
            title: t(texts.updated),
            dataIndex: 'updatedAt',
            render: (at: string) => formatDateTime(at, language),
          },
        ]}
      />
    </Card>
  );
};
export default MyApplicationsPage;
