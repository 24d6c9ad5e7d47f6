import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import {
  Button,
  Card,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { zones } from '../../../../../domain/shared/zones.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import type { Text } from '../../../shared/i18n.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { type BoardItem, useSupervisionBoard } from '../api/board.ts';
import { chinaToday, daysUntil, filterByRag, type Rag, ragCounts, ragOrder, sortBoard } from '../logic.ts';

const texts = {
  title: { zh: '督办看板', en: 'Supervision board' },
  zone: { zh: '综试区', en: 'Pilot zone' },
  create: { zh: '新建督办事项', en: 'New supervision task' },
  refresh: { zh: '刷新', en: 'Refresh' },
  filter: { zh: '按状态筛选', en: 'Filter by status' },
  all: { zh: '全部', en: 'All' },
  status: { zh: '状态', en: 'Status' },
  task: { zh: '督办事项', en: 'Task' },
  unit: { zh: '责任单位', en: 'Responsible unit' },
  due: { zh: '办结期限', en: 'Due date' },
  daysLeft: { zh: '还剩 {n} 天', en: '{n} days left' },
  dueToday: { zh: '今日到期', en: 'Due today' },
  daysLate: { zh: '已逾期 {n} 天', en: '{n} days overdue' },
  progress: { zh: '进度', en: 'Progress' },
  noReport: { zh: '尚未报告', en: 'No report yet' },
  reports: { zh: '已报告', en: 'Reports' },
  nextReport: { zh: '下次报告', en: 'Next report' },
  target: { zh: '关联目标', en: 'Zone target' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  empty: { zh: '暂无督办事项', en: 'No supervision tasks' },
  legend: {
    zh: '红：已过办结期限或环节严重逾期（督办）；黄：环节逾期（催办）；绿：按期推进。',
    en: 'Red: past the due date or a step seriously overdue (escalated); yellow: a step overdue (urged); green: on track.',
  },
};

/** Color, icon and words together: the status never rests on color alone. */
const ragDisplay: Record<Rag, { color: string; icon: ReactNode; text: Text; short: Text }> = {
  RED: {
    color: 'error',
    icon: <CloseCircleFilled />,
    text: { zh: '红灯 · 督办', en: 'Red · escalated' },
    short: { zh: '红灯', en: 'Red' },
  },
  YELLOW: {
    color: 'warning',
    icon: <ExclamationCircleFilled />,
    text: { zh: '黄灯 · 催办', en: 'Yellow · urged' },
    short: { zh: '黄灯', en: 'Yellow' },
  },
  GREEN: {
    color: 'success',
    icon: <CheckCircleFilled />,
    text: { zh: '绿灯 · 正常', en: 'Green · on track' },
    short: { zh: '绿灯', en: 'Green' },
  },
};

const colon: Text = { zh: '：', en: ': ' };

const periodText: Record<BoardItem['reportingPeriod'], Text> = {
  WEEKLY: { zh: '每周', en: 'weekly' },
  MONTHLY: { zh: '每月', en: 'monthly' },
  QUARTERLY: { zh: '每季度', en: 'quarterly' },
};

const stateText: Record<BoardItem['state'], Text> = {
  ACTIVE: { zh: '进行中', en: 'Active' },
  COMPLETED: { zh: '已办结', en: 'Completed' },
  CLOSED: { zh: '已关闭', en: 'Closed' },
};

export const RagTag = ({ rag }: { rag: Rag }) => {
  const { t } = useLanguage();
  const display = ragDisplay[rag];
  return (
    <Tag color={display.color} icon={display.icon} data-rag={rag}>
      {t(display.text)}
    </Tag>
  );
};

const zoneName = (code: string): Text => {
  const zone = zones.find((candidate) => candidate.code === code);
  return zone ? { zh: zone.nameZh, en: zone.nameEn } : { zh: code, en: code };
};

const targetName = (zone: string, code: string | undefined): Text | undefined => {
  if (!code) return undefined;
  const target = zones
    .find((candidate) => candidate.code === zone)
    ?.targets.find((item) => item.code === code);
  return target ? { zh: target.nameZh, en: target.nameEn } : { zh: code, en: code };
};

/** Roles that see every zone and choose one; the others see their own (a unit only its own tasks). */
const zoneChoosers = new Set(['provincial_reviewer', 'admin']);

/** 督办看板: the zone's supervision tasks, red / yellow / green, with unit, due date and progress. */
const SupervisionBoardPage = () => {
  const { t, language } = useLanguage();
  const { session } = useAuth();
  const role = session?.user.role ?? '';
  const [params, setParams] = useSearchParams();
  const chooses = zoneChoosers.has(role);
  const chosen = params.get('zone') ?? zones[0]?.code;
  const board = useSupervisionBoard(chooses ? chosen : undefined);
  const [rag, setRag] = useState<Rag | 'ALL'>('ALL');
  const today = useMemo(() => chinaToday(new Date(board.dataUpdatedAt || Date.now())), [board.dataUpdatedAt]);
  const items = useMemo(() => sortBoard(board.data?.items ?? []), [board.data]);
  const counts = useMemo(() => ragCounts(items), [items]);
  const shown = useMemo(() => filterByRag(items, rag), [items, rag]);
  const zone = board.data?.zone;

  const dueLabel = (item: BoardItem) => {
    const days = daysUntil(item.dueDate, today);
    if (days === 0) return t(texts.dueToday);
    return (days > 0 ? t(texts.daysLeft) : t(texts.daysLate)).replace('{n}', String(Math.abs(days)));
  };

  const columns: TableColumnsType<BoardItem> = [
    {
      title: t(texts.status),
      key: 'rag',
      width: 130,
      render: (_, item) => <RagTag rag={item.rag} />,
    },
    {
      title: t(texts.task),
      key: 'title',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <Link to={`/applications/${item.applicationId}`}>{item.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(stateText[item.state])}
            {' · '}
            {t(periodText[item.reportingPeriod])}
            {item.targetCode
              ? ` · ${t(texts.target)}${t(colon)}${t(targetName(item.zone, item.targetCode))}`
              : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t(texts.unit),
      key: 'unit',
      render: (_, item) => (item.unitName ? t(item.unitName) : item.unitCode),
    },
    {
      title: t(texts.due),
      key: 'due',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <span>{item.dueDate}</span>
          <Typography.Text
            type={daysUntil(item.dueDate, today) < 0 ? 'danger' : 'secondary'}
            style={{ fontSize: 12 }}
          >
            {dueLabel(item)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t(texts.progress),
      key: 'progress',
      width: 180,
      render: (_, item) =>
        item.lastPercentComplete === undefined ? (
          <Typography.Text type="secondary">{t(texts.noReport)}</Typography.Text>
        ) : (
          <Progress
            percent={item.lastPercentComplete}
            size="small"
            status={item.rag === 'RED' ? 'exception' : 'normal'}
            format={(percent) => `${percent}%`}
            aria-label={`${t(texts.progress)} ${item.title}`}
          />
        ),
    },
    {
      title: t(texts.reports),
      key: 'reports',
      align: 'right',
      render: (_, item) => item.reportsSubmitted,
    },
    {
      title: t(texts.nextReport),
      key: 'nextReport',
      render: (_, item) => item.nextReportDate ?? '—',
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t(texts.title)}
          {zone ? ` · ${t(zoneName(zone))}` : ''}
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
          <Button icon={<ReloadOutlined />} loading={board.isFetching} onClick={() => board.refetch()}>
            {t(texts.refresh)}
          </Button>
          {role === 'office' ? (
            <Link to="/applications/new/SUPERVISION">
              <Button type="primary" icon={<PlusOutlined />} tabIndex={-1}>
                {t(texts.create)}
              </Button>
            </Link>
          ) : null}
        </Space>
      </Space>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            aria-label={t(texts.filter)}
            optionType="button"
            value={rag}
            onChange={(event) => setRag(event.target.value as Rag | 'ALL')}
            options={[
              { value: 'ALL', label: `${t(texts.all)} ${items.length}` },
              ...ragOrder.map((value) => ({
                value,
                label: (
                  <span>
                    {ragDisplay[value].icon} {t(ragDisplay[value].short)} {counts[value]}
                  </span>
                ),
              })),
            ]}
          />
          <Typography.Text type="secondary">{t(texts.legend)}</Typography.Text>
        </Space>
      </Card>
      {board.error ? <ErrorAlert error={board.error} onRetry={() => board.refetch()} /> : null}
      <Table<BoardItem>
        rowKey="applicationId"
        loading={board.isLoading}
        columns={columns}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        aria-label={t(texts.title)}
        locale={{ emptyText: t(texts.empty) }}
        footer={
          board.data
            ? () => (
                <Typography.Text type="secondary">
                  {t(texts.updatedAt)} {formatDateTime(new Date(board.dataUpdatedAt).toISOString(), language)}
                </Typography.Text>
              )
            : undefined
        }
      />
    </Space>
  );
};
export default SupervisionBoardPage;
