import { ReloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { zones } from '../../../../../domain/shared/zones.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { common } from '../../../shared/texts.ts';
import { useDashboard } from '../api/dashboard.ts';
import { ZoneDashboardView } from './ZoneDashboardView.tsx';

const texts = {
  title: { zh: '统计监测', en: 'Zone dashboard' },
  zone: { zh: '综试区', en: 'Pilot zone' },
  generatedAt: { zh: '数据时间', en: 'As of' },
  refresh: { zh: '刷新', en: 'Refresh' },
};

/** Roles that see every zone and choose one; the office and municipal reviewers see their own. */
const zoneChoosers = new Set(['provincial_reviewer', 'admin']);

/** 统计监测: the zone's targets against current values, applications, overdue tasks, time per stage, districts. */
const DashboardPage = () => {
  const { t, language } = useLanguage();
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const chooses = zoneChoosers.has(session?.user.role ?? '');
  const chosen = params.get('zone') ?? zones[0]?.code;
  const dashboard = useDashboard(chooses ? chosen : undefined);
  const zone = dashboard.data?.zones[0];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t(texts.title)}
          {zone ? ` · ${t({ zh: zone.nameZh, en: zone.nameEn })}` : ''}
        </Typography.Title>
        <Space wrap>
          {chooses ? (
            <Select
              aria-label={t(texts.zone)}
              style={{ width: 160 }}
              value={chosen}
              onChange={(code) => setParams({ zone: code })}
              options={zones.map((candidate) => ({
                value: candidate.code,
                label: t({ zh: candidate.nameZh, en: candidate.nameEn }),
              }))}
            />
          ) : null}
          {dashboard.data ? (
            <Typography.Text type="secondary">
              {t(texts.generatedAt)} {formatDateTime(dashboard.data.generatedAt, language)}
            </Typography.Text>
          ) : null}
          <Button
            icon={<ReloadOutlined />}
            loading={dashboard.isFetching}
            onClick={() => dashboard.refetch()}
          >
            {t(texts.refresh)}
          </Button>
        </Space>
      </Space>
      {dashboard.error ? <ErrorAlert error={dashboard.error} onRetry={() => dashboard.refetch()} /> : null}
      {dashboard.isLoading ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin tip={t(common.loading)} />
        </div>
      ) : null}
      {zone ? <ZoneDashboardView dashboard={zone} /> : null}
    </Space>
  );
};
export default DashboardPage;
