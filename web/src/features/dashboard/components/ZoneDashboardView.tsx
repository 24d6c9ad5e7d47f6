import {
  Card,
  Col,
  type TableColumnsType as ColumnsType,
  Empty,
  Row,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { type ReactNode, useId, useMemo } from 'react';
import type { ApplicationStatus } from '../../../../../domain/shared/program.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { statusText } from '../../../shared/texts.ts';
import { programName, stageOf, usePrograms } from '../../programs/api/programs.ts';
import type { ScopeFigures, ZoneDashboard } from '../api/dashboard.ts';
import {
  type ApplicationRow,
  applicationRows,
  applicationsSummary,
  applicationTotals,
  formatCount,
  formatHours,
  formatYuan,
  stageTimesSummary,
  statusChartColor,
  statusesPresent,
} from '../logic.ts';
import { Chart } from './Chart.tsx';
import type { ChartOption } from './EChart.tsx';
import { TargetCards } from './TargetCards.tsx';

const texts = {
  targets: { zh: '目标完成情况', en: 'Targets' },
  applications: { zh: '各业务申请情况', en: 'Applications by program and status' },
  overdue: { zh: '逾期任务', en: 'Overdue tasks' },
  stageTimes: { zh: '各环节平均用时', en: 'Average time per stage' },
  districts: { zh: '分县区情况', en: 'By district' },
  program: { zh: '业务类型', en: 'Program' },
  stage: { zh: '环节', en: 'Stage' },
  total: { zh: '合计', en: 'Total' },
  count: { zh: '数量', en: 'Count' },
  decided: { zh: '已办结', en: 'Decided' },
  averageTime: { zh: '平均用时', en: 'Average time' },
  district: { zh: '县区', en: 'District' },
  enterprises: { zh: '注册企业', en: 'Registered enterprises' },
  parks: { zh: '市级以上园区', en: 'Certified parks' },
  leading: { zh: '龙头企业', en: 'Leading enterprises' },
  transactions: { zh: '交易额（{year} 年）', en: 'Transactions ({year})' },
  applicationsTotal: { zh: '申请总数', en: 'Applications' },
  open: { zh: '在办申请', en: 'In progress' },
  overdueTasks: { zh: '逾期任务', en: 'Overdue tasks' },
  zoneTotal: { zh: '全区合计', en: 'Zone total' },
  noApplications: { zh: '暂无申请', en: 'No applications' },
  noOverdue: { zh: '没有逾期任务', en: 'No overdue tasks' },
  noStageTimes: { zh: '暂无已办结的环节', en: 'No stage decided yet' },
};

/** A titled block of the dashboard; its heading names it for assistive technology. */
const Section = ({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) => {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 17, margin: 0 }}>
            {title}
          </Typography.Title>
        }
        extra={extra}
      >
        {children}
      </Card>
    </section>
  );
};

const useLabels = () => {
  const { t } = useLanguage();
  const programs = usePrograms();
  return useMemo(
    () => ({
      program: (code: string) => t(programName(programs.data, code)),
      stage: (program: string, stage: string) => {
        const info = stageOf(programs.data, program, stage);
        return info ? t(info.name) : stage;
      },
      status: (status: ApplicationStatus) => t(statusText[status] ?? { zh: status, en: status }),
    }),
    [t, programs.data],
  );
};

const ApplicationsSection = ({ figures }: { figures: ScopeFigures }) => {
  const { t, language } = useLanguage();
  const labels = useLabels();
  const rows = useMemo(() => applicationRows(figures.applications), [figures.applications]);
  const statuses = useMemo(() => statusesPresent(rows), [rows]);
  // Horizontal bars: program names are long (especially in English) and read best on their own lines.
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
      // Top to bottom in the table's order.
      yAxis: {
        type: 'category',
        data: [...rows].reverse().map((row) => labels.program(row.program)),
        axisLabel: { width: 220, overflow: 'break' },
      },
      xAxis: { type: 'value', minInterval: 1 },
      series: statuses.map((status) => ({
        type: 'bar',
        stack: 'applications',
        name: labels.status(status),
        barMaxWidth: 28,
        itemStyle: { color: statusChartColor[status] },
        emphasis: { focus: 'series' },
        data: [...rows].reverse().map((row) => row.counts[status] ?? 0),
      })),
    }),
    [rows, statuses, labels],
  );
  const columns: ColumnsType<ApplicationRow> = [
    { title: t(texts.program), key: 'program', render: (_, row) => labels.program(row.program) },
    ...statuses.map((status) => ({
      title: labels.status(status),
      key: status,
      align: 'right' as const,
      render: (_: unknown, row: ApplicationRow) => formatCount(row.counts[status] ?? 0, language),
    })),
    {
      title: t(texts.total),
      key: 'total',
      align: 'right',
      render: (_, row) => <strong>{formatCount(row.total, language)}</strong>,
    },
  ];
  return (
    <Section title={t(texts.applications)}>
      {rows.length === 0 ? (
        <Empty description={t(texts.noApplications)} />
      ) : (
        <>
          <Chart
            option={option}
            label={applicationsSummary(rows, labels.program, labels.status, t)}
            height={72 + 40 * rows.length}
          />
          <Table<ApplicationRow>
            size="small"
            rowKey="program"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={rows}
            aria-label={t(texts.applications)}
            style={{ marginTop: 12 }}
          />
        </>
      )}
    </Section>
  );
};

type OverdueRow = ScopeFigures['overdueByStage'][number];

const OverdueSection = ({ figures }: { figures: ScopeFigures }) => {
  const { t, language } = useLanguage();
  const labels = useLabels();
  const columns: ColumnsType<OverdueRow> = [
    { title: t(texts.program), key: 'program', render: (_, row) => labels.program(row.program) },
    { title: t(texts.stage), key: 'stage', render: (_, row) => labels.stage(row.program, row.stage) },
    {
      title: t(texts.count),
      key: 'count',
      align: 'right',
      render: (_, row) => formatCount(row.count, language),
    },
  ];
  return (
    <Section title={t(texts.overdue)}>
      <Statistic
        title={t(texts.overdueTasks)}
        value={formatCount(figures.overdueTasks, language)}
        valueStyle={{ color: figures.overdueTasks > 0 ? '#cf1322' : undefined }}
      />
      {figures.overdueByStage.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t(texts.noOverdue)}
        </Typography.Paragraph>
      ) : (
        <Table<OverdueRow>
          size="small"
          rowKey={(row) => `${row.program}#${row.stage}`}
          pagination={false}
          columns={columns}
          dataSource={figures.overdueByStage}
          aria-label={t(texts.overdue)}
          style={{ marginTop: 12 }}
        />
      )}
    </Section>
  );
};

type StageRow = ScopeFigures['stageTimes'][number];

const StageTimesSection = ({ figures }: { figures: ScopeFigures }) => {
  const { t, language } = useLanguage();
  const labels = useLabels();
  const stages = figures.stageTimes;
  const option = useMemo<ChartOption>(() => {
    const names = stages.map(
      (entry) => `${labels.program(entry.program)} · ${labels.stage(entry.program, entry.stage)}`,
    );
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      // Top to bottom in the table's order.
      yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { width: 280, overflow: 'break' } },
      xAxis: { type: 'value', name: language === 'en' ? 'h' : '小时' },
      series: [
        {
          type: 'bar',
          name: t(texts.averageTime),
          itemStyle: { color: '#1554ad' },
          label: { show: true, position: 'right' },
          data: [...stages].reverse().map((entry) => entry.averageHours),
        },
      ],
    };
  }, [stages, labels, language, t]);
  const columns: ColumnsType<StageRow> = [
    { title: t(texts.program), key: 'program', render: (_, row) => labels.program(row.program) },
    { title: t(texts.stage), key: 'stage', render: (_, row) => labels.stage(row.program, row.stage) },
    {
      title: t(texts.decided),
      key: 'decided',
      align: 'right',
      render: (_, row) => formatCount(row.decided, language),
    },
    {
      title: t(texts.averageTime),
      key: 'averageHours',
      align: 'right',
      render: (_, row) => formatHours(row.averageHours, language),
    },
  ];
  return (
    <Section title={t(texts.stageTimes)}>
      {stages.length === 0 ? (
        <Empty description={t(texts.noStageTimes)} />
      ) : (
        <>
          <Chart
            option={option}
            label={stageTimesSummary(stages, labels.stage, language, t)}
            height={48 + 32 * stages.length}
          />
          <Table<StageRow>
            size="small"
            rowKey={(row) => `${row.program}#${row.stage}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={stages}
            aria-label={t(texts.stageTimes)}
            style={{ marginTop: 12 }}
          />
        </>
      )}
    </Section>
  );
};

type DistrictRow = ZoneDashboard['districts'][number];

const DistrictTable = ({ dashboard }: { dashboard: ZoneDashboard }) => {
  const { t, language } = useLanguage();
  const year = dashboard.figures.year;
  const cells = (figures: ScopeFigures) => {
    const totals = applicationTotals(figures.applications);
    return [
      formatCount(figures.measures.registered_enterprises ?? 0, language),
      formatCount(figures.measures.certified_parks ?? 0, language),
      formatCount(figures.measures.leading_enterprises ?? 0, language),
      formatYuan(figures.measures.transaction_value ?? 0, language),
      formatCount(totals.total, language),
      formatCount(totals.open, language),
      formatCount(figures.overdueTasks, language),
    ];
  };
  const headings = [
    t(texts.enterprises),
    t(texts.parks),
    t(texts.leading),
    t(texts.transactions).replace('{year}', String(year)),
    t(texts.applicationsTotal),
    t(texts.open),
    t(texts.overdueTasks),
  ];
  const columns: ColumnsType<DistrictRow> = [
    {
      title: t(texts.district),
      key: 'district',
      fixed: 'left',
      render: (_, row) => t({ zh: row.nameZh, en: row.nameEn }),
    },
    ...headings.map((title, index) => ({
      title,
      key: String(index),
      align: 'right' as const,
      render: (_: unknown, row: DistrictRow) => cells(row.figures)[index],
    })),
  ];
  const total = cells(dashboard.figures);
  return (
    <Section title={t(texts.districts)}>
      <Table<DistrictRow>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={dashboard.districts}
        aria-label={t(texts.districts)}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t(texts.zoneTotal)}</strong>
              </Table.Summary.Cell>
              {total.map((value, index) => (
                <Table.Summary.Cell key={headings[index]} index={index + 1} align="right">
                  <strong>{value}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Section>
  );
};

/** One zone: targets, then applications, overdue tasks and time per stage, then every district. */
export const ZoneDashboardView = ({ dashboard }: { dashboard: ZoneDashboard }) => {
  const { t, language } = useLanguage();
  const totals = applicationTotals(dashboard.figures.applications);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Section title={t(texts.targets)}>
        <TargetCards targets={dashboard.targets} />
      </Section>
      <Card size="small">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t(texts.applicationsTotal)} value={formatCount(totals.total, language)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t(texts.open)} value={formatCount(totals.open, language)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t(texts.overdueTasks)}
              value={formatCount(dashboard.figures.overdueTasks, language)}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t(texts.transactions).replace('{year}', String(dashboard.figures.year))}
              value={formatYuan(dashboard.figures.measures.transaction_value ?? 0, language)}
            />
          </Col>
        </Row>
      </Card>
      <ApplicationsSection figures={dashboard.figures} />
      <OverdueSection figures={dashboard.figures} />
      <StageTimesSection figures={dashboard.figures} />
      <DistrictTable dashboard={dashboard} />
    </div>
  );
};
