import { useVirtualizer } from '@tanstack/react-virtual';
import { App, Button, Card, Checkbox, Empty, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { districtName } from '../../../shared/places.ts';
import { common } from '../../../shared/texts.ts';
import { programName, stageOf, usePrograms } from '../../programs/api/programs.ts';
import { type InboxTask, useClaimTask, useDecideTask, useInbox } from '../api/inbox.ts';
import {
  bulkApprovable,
  type DueOrder,
  facets,
  filterTasks,
  type InboxFilters,
  isOverdue,
  sortByDue,
} from '../logic.ts';

const texts = {
  program: { zh: '业务类型', en: 'Program' },
  stage: { zh: '环节', en: 'Stage' },
  district: { zh: '县区', en: 'District' },
  overdueOnly: { zh: '仅看逾期', en: 'Overdue only' },
  search: { zh: '按名称搜索', en: 'Search by title' },
  soonest: { zh: '最早到期在前', en: 'Due soonest first' },
  latest: { zh: '最晚到期在前', en: 'Due latest first' },
  due: { zh: '到期', en: 'Due' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  claimed: { zh: '已认领', en: 'Claimed' },
  claim: { zh: '认领', en: 'Claim' },
  open: { zh: '办理', en: 'Open' },
  bulkApprove: { zh: '批量通过所选', en: 'Approve selected' },
  bulkDone: { zh: '已批量通过', en: 'Approved' },
  count: { zh: '共 {n} 项', en: '{n} tasks' },
  empty: { zh: '暂无待办', en: 'Nothing to do' },
};

const ROW_HEIGHT = 72;

const InboxPage = () => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const inbox = useInbox();
  const programs = usePrograms();
  const claim = useClaimTask();
  const decide = useDecideTask();
  const [filters, setFilters] = useState<InboxFilters>({});
  const [order, setOrder] = useState<DueOrder>('soonest');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // "Overdue" is judged at the time the inbox was loaded, so rows do not change while the user reads.
  const now = useMemo(() => new Date(inbox.dataUpdatedAt || Date.now()), [inbox.dataUpdatedAt]);

  const tasks = useMemo(
    () => sortByDue(filterTasks(inbox.data ?? [], filters, now), order),
    [inbox.data, filters, now, order],
  );
  const available = useMemo(() => facets(inbox.data ?? []), [inbox.data]);
  const stageAllowsBulk = (program: string, stage: string) => {
    const info = stageOf(programs.data, program, stage);
    return info?.outcomes.includes('APPROVE') === true && info.dataSchema === undefined;
  };
  const bulkCandidates = new Set(bulkApprovable(tasks, stageAllowsBulk).map((task) => task.taskId));

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const approveSelected = async () => {
    const chosen = [...selected].filter((taskId) => bulkCandidates.has(taskId));
    for (const taskId of chosen) await decide.mutateAsync({ taskId, outcome: 'APPROVE' });
    setSelected(new Set());
    message.success(`${t(texts.bulkDone)}: ${chosen.length}`);
  };

  const row = (task: InboxTask) => {
    const stage = stageOf(programs.data, task.program, task.stage);
    const late = isOverdue(task, now);
    return (
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          height: ROW_HEIGHT,
          borderBottom: '1px solid #f0f0f0',
        }}
        data-testid="inbox-row"
      >
        <Checkbox
          aria-label={`${t(texts.bulkApprove)}: ${task.title}`}
          disabled={!bulkCandidates.has(task.taskId)}
          checked={selected.has(task.taskId)}
          onChange={(event) => {
            const next = new Set(selected);
            if (event.target.checked) next.add(task.taskId);
            else next.delete(task.taskId);
            setSelected(next);
          }}
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Link to={`/applications/${task.applicationId}?task=${task.taskId}`}>
            <Typography.Text strong ellipsis>
              {task.title}
            </Typography.Text>
          </Link>
          <div>
            <Tag>{t(programName(programs.data, task.program))}</Tag>
            <Tag color="blue">{stage ? t(stage.name) : task.stage}</Tag>
            <Typography.Text type="secondary">{t(districtName(task.district))}</Typography.Text>
          </div>
        </div>
        <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
          <div>
            {t(texts.due)} {formatDateTime(task.dueAt, language)}
          </div>
          {late ? <Tag color="red">{t(texts.overdue)}</Tag> : null}
          {task.status === 'CLAIMED' ? <Tag color="gold">{t(texts.claimed)}</Tag> : null}
        </div>
        <Space>
          {task.status === 'OPEN' && task.kind !== 'revision' ? (
            <Button
              size="small"
              loading={claim.isPending && claim.variables === task.taskId}
              onClick={() =>
                claim.mutate(task.taskId, { onError: (error) => message.error((error as Error).message) })
              }
            >
              {t(texts.claim)}
            </Button>
          ) : null}
          <Link to={`/applications/${task.applicationId}?task=${task.taskId}`}>
            <Button size="small" type="primary">
              {t(texts.open)}
            </Button>
          </Link>
        </Space>
      </div>
    );
  };

  return (
    <Card title={t(common.inbox)} extra={t(texts.count).replace('{n}', String(tasks.length))}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t(texts.program)}
          placeholder={t(texts.program)}
          style={{ width: 200 }}
          value={filters.program}
          onChange={(program) => setFilters({ ...filters, program, stage: undefined })}
          options={available.programs.map((code) => ({
            value: code,
            label: t(programName(programs.data, code)),
          }))}
        />
        <Select
          allowClear
          aria-label={t(texts.stage)}
          placeholder={t(texts.stage)}
          style={{ width: 200 }}
          value={filters.stage}
          onChange={(stage) => setFilters({ ...filters, stage })}
          options={available.stages
            .filter((key) => !filters.program || key.startsWith(`${filters.program}:`))
            .map((key) => {
              const [program = '', stage = ''] = key.split(':');
              const info = stageOf(programs.data, program, stage);
              return { value: stage, label: info ? t(info.name) : stage };
            })}
        />
        <Select
          allowClear
          aria-label={t(texts.district)}
          placeholder={t(texts.district)}
          style={{ width: 160 }}
          value={filters.district}
          onChange={(district) => setFilters({ ...filters, district })}
          options={available.districts.map((code) => ({ value: code, label: t(districtName(code)) }))}
        />
        <Input.Search
          allowClear
          aria-label={t(texts.search)}
          placeholder={t(texts.search)}
          style={{ width: 200 }}
          onSearch={(search) => setFilters({ ...filters, search })}
        />
        <Space>
          <Switch
            aria-label={t(texts.overdueOnly)}
            checked={filters.overdueOnly === true}
            onChange={(overdueOnly) => setFilters({ ...filters, overdueOnly })}
          />
          {t(texts.overdueOnly)}
        </Space>
        <Select
          aria-label={t(texts.soonest)}
          value={order}
          onChange={setOrder}
          style={{ width: 160 }}
          options={[
            { value: 'soonest', label: t(texts.soonest) },
            { value: 'latest', label: t(texts.latest) },
          ]}
        />
        <Button
          type="primary"
          disabled={[...selected].every((taskId) => !bulkCandidates.has(taskId))}
          loading={decide.isPending}
          onClick={() => approveSelected().catch((error: Error) => message.error(error.message))}
        >
          {t(texts.bulkApprove)}
        </Button>
      </Space>
      {inbox.error ? <ErrorAlert error={inbox.error} onRetry={() => inbox.refetch()} /> : null}
      {!inbox.isLoading && tasks.length === 0 ? <Empty description={t(texts.empty)} /> : null}
      <div ref={scroller} style={{ height: '70vh', overflow: 'auto' }}>
        <ul
          aria-label={t(common.inbox)}
          style={{
            height: virtualizer.getTotalSize(),
            position: 'relative',
            listStyle: 'none',
            margin: 0,
            padding: 0,
          }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const task = tasks[item.index];
            return task ? (
              <li
                key={task.taskId}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row(task)}
              </li>
            ) : null;
          })}
        </ul>
      </div>
    </Card>
  );
};
export default InboxPage;
