import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RosterLine } from '../../../../../domain/training/registration.ts';
import { audienceNames } from '../../../../../domain/training/session.ts';
import { downloadFile } from '../../../shared/api.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { statusText } from '../../../shared/texts.ts';
import { registrationsXlsxPath, useRegistrations } from '../api/training.ts';
import { adminTexts } from '../texts.ts';
import { AttendanceCard } from './AttendanceCard.tsx';
import { NotForThisRole, useZoneChoice } from './scope.tsx';
import { trainingTexts } from './TrainingSessionForm.tsx';

const texts = {
  title: { zh: '报名名单', en: 'Registrations' },
  back: { zh: '返回培训班列表', en: 'Back to the sessions' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号（脱敏）', en: 'ID number (masked)' },
  phone: { zh: '电话', en: 'Phone' },
  category: { zh: '类别', en: 'Category' },
  employer: { zh: '用人单位', en: 'Employer' },
  seat: { zh: '名额', en: 'Seat' },
  status: { zh: '状态', en: 'Status' },
  days: { zh: '出勤天数', en: 'Days present' },
  certificate: { zh: '结业证书', en: 'Certificate' },
  submitted: { zh: '报名时间', en: 'Registered' },
  seated: { zh: '已占名额', en: 'Seated' },
  waiting: { zh: '候补第 {n} 位', en: 'Waitlist #{n}' },
  none: { zh: '无名额', en: 'No seat' },
  seats: { zh: '名额', en: 'Seats' },
  seatsValue: {
    zh: '容量 {capacity}，已占 {seated}，候补 {waiting}，剩余 {available}',
    en: '{capacity} seats: {seated} taken, {waiting} waiting, {available} free',
  },
  when: { zh: '时间', en: 'When' },
  sessionTitle: { zh: '培训班', en: 'Session' },
};

const fill = (template: string, values: Record<string, number | string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

const RegistrationsPage = () => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const { session: signedIn } = useAuth();
  const { allowed } = useZoneChoice();
  const { code } = useParams();
  const registrations = useRegistrations(code);
  const [downloading, setDownloading] = useState(false);
  if (!allowed || !code) return <NotForThisRole />;
  const session = registrations.data?.session;

  const exportXlsx = async () => {
    setDownloading(true);
    try {
      await downloadFile(
        registrationsXlsxPath(code),
        { token: signedIn?.token, language },
        `${code}-registrations.xlsx`,
      );
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      title={
        <h1 style={{ fontSize: 18, margin: 0 }}>
          {t(texts.title)} · {code}
        </h1>
      }
      extra={
        <Space>
          <Link to="/admin/training">
            <Button autoInsertSpace={false} icon={<ArrowLeftOutlined />}>
              {t(texts.back)}
            </Button>
          </Link>
          <Button
            autoInsertSpace={false}
            type="primary"
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void exportXlsx()}
          >
            {t(texts.export)}
          </Button>
        </Space>
      }
    >
      {registrations.error ? (
        <ErrorAlert error={registrations.error} onRetry={() => registrations.refetch()} />
      ) : null}
      {session ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t(texts.sessionTitle)}>{t(session.title)}</Descriptions.Item>
          <Descriptions.Item label={t(trainingTexts.provider)}>{session.provider.name}</Descriptions.Item>
          <Descriptions.Item label={t(texts.when)}>
            {formatDateTime(session.startsAt, language)} – {formatDateTime(session.endsAt, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t(texts.seats)}>
            {fill(t(texts.seatsValue), session.seats)}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<RosterLine>
        rowKey="registrationId"
        size="middle"
        loading={registrations.isLoading}
        dataSource={registrations.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t(adminTexts.empty) }}
        columns={[
          { title: t(texts.name), dataIndex: 'name', width: 100 },
          { title: t(texts.idNumber), dataIndex: 'idNumberMasked', width: 170 },
          { title: t(texts.phone), dataIndex: 'phone', width: 130 },
          {
            title: t(texts.category),
            key: 'category',
            width: 140,
            render: (_, line) => t(audienceNames[line.category]),
          },
          {
            title: t(texts.employer),
            key: 'employer',
            width: 180,
            render: (_, line) => line.employerName ?? line.employerUscc ?? '—',
          },
          {
            title: t(texts.seat),
            key: 'seat',
            width: 120,
            render: (_, line) =>
              line.seat === 'SEATED' ? (
                <Tag color="success">{t(texts.seated)}</Tag>
              ) : line.seat === 'WAITLISTED' ? (
                <Tag color="gold">{fill(t(texts.waiting), { n: line.waitlistPosition ?? '?' })}</Tag>
              ) : (
                <Tag>{t(texts.none)}</Tag>
              ),
          },
          {
            title: t(texts.status),
            key: 'status',
            width: 110,
            render: (_, line) => t(statusText[line.status]) || line.status,
          },
          {
            title: t(texts.days),
            key: 'days',
            width: 90,
            align: 'right',
            render: (_, line) => line.daysPresent.length,
          },
          {
            title: t(texts.certificate),
            key: 'certificate',
            width: 150,
            render: (_, line) => line.certificateNumber ?? '—',
          },
          {
            title: t(texts.submitted),
            key: 'submitted',
            width: 160,
            render: (_, line) => formatDateTime(line.submittedAt, language),
          },
        ]}
      />
      {session ? (
        <div style={{ marginTop: 16 }}>
          <AttendanceCard session={session} lines={registrations.data?.items ?? []} />
        </div>
      ) : null}
    </Card>
  );
};
export default RegistrationsPage;
