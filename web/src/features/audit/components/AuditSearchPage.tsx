import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { type Control, useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { type AuditSearchItem, auditFilterQuerySchema } from '../../../../../domain/shared/audit-search.ts';
import { ApiFailure, downloadFile } from '../../../shared/api.ts';
import { auditActionLabel, auditActionText, systemStageText } from '../../../shared/audit-actions.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { localizeMessage } from '../../../shared/bilingual.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { roleText } from '../../../shared/texts.ts';
import { Field } from '../../admin/components/Field.tsx';
import { NotForThisRole, ZoneSelect } from '../../admin/components/scope.tsx';
import { programName, stageOf, usePrograms } from '../../programs/api/programs.ts';
import { useAuditSearch } from '../api/audit.ts';
import { type AuditFilters, auditQuery, auditZones, exportFileName, filtersFromParams } from '../logic.ts';

const texts = {
  title: { zh: '审计查询', en: 'Audit search' },
  intro: {
    zh: '按时间、业务、动作、操作人或申请查询本综试区的全部办理记录，可导出为 Excel。默认显示最近 30 天。',
    en: 'Search every recorded action of the zone by period, program, action, actor or application, and export it to Excel. The last 30 days by default.',
  },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期', en: 'To' },
  program: { zh: '业务类型', en: 'Program' },
  action: { zh: '动作', en: 'Action' },
  actor: { zh: '操作人账号', en: 'Actor (user id)' },
  applicationId: { zh: '申请编号', en: 'Application id' },
  search: { zh: '查询', en: 'Search' },
  reset: { zh: '清空条件', en: 'Clear' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  exported: { zh: '已导出', en: 'Exported' },
  more: { zh: '加载更多', en: 'Load more' },
  shown: { zh: '已显示 {n} 条', en: '{n} shown' },
  allShown: { zh: '共 {n} 条', en: '{n} in all' },
  time: { zh: '时间', en: 'Time' },
  application: { zh: '申请', en: 'Application' },
  stage: { zh: '环节', en: 'Stage' },
  who: { zh: '操作人', en: 'Actor' },
  reason: { zh: '理由', en: 'Reason' },
  empty: { zh: '没有符合条件的记录', en: 'No matching records' },
} satisfies Record<string, Text>;

type FilterInput = z.input<typeof auditFilterQuerySchema>;

const blank = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** One of the filters chosen from a list (program, action); cleared is no filter. */
const ChoiceFilter = ({
  control,
  name,
  label,
  options,
  searchable = false,
}: {
  control: Control<FilterInput>;
  name: 'program' | 'action';
  label: string;
  options: { value: string; label: string }[];
  /** Typing narrows the list by label. */
  searchable?: boolean;
}) => (
  <Col xs={24} sm={12} md={6}>
    <Field
      control={control}
      name={name}
      label={label}
      render={(field, a11y) => (
        <Select
          {...a11y}
          allowClear
          {...(searchable ? { showSearch: true, optionFilterProp: 'label' } : {})}
          value={field.value as string | undefined}
          onChange={(value) => field.onChange(value ?? undefined)}
          options={options}
        />
      )}
    />
  </Col>
);

/** Zone-wide audit search (审计查询) with Excel export, for the office, the province and administrators. */
const AuditSearchPage = () => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const { session } = useAuth();
  const programs = usePrograms();
  const scope = useMemo(() => auditZones(session?.user), [session?.user]);
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => filtersFromParams(params), [params]);
  // The office's zone comes from its token; the others must name one.
  const zone = scope.fixed
    ? scope.zones[0]
    : (scope.zones.find((candidate) => candidate === applied.zone) ?? scope.zones[0]);
  const filters: AuditFilters = scope.fixed ? { ...applied, zone: undefined } : { ...applied, zone };
  const search = useAuditSearch(filters, scope.zones.length > 0);
  const [exporting, setExporting] = useState(false);
  const { control, handleSubmit, reset } = useForm<FilterInput>({
    values: { ...applied, zone },
    resolver: zodResolver(auditFilterQuerySchema),
  });

  if (scope.zones.length === 0) return <NotForThisRole />;

  const apply = handleSubmit((values) => {
    const next = new URLSearchParams(auditQuery({ ...values, zone: scope.fixed ? undefined : zone }));
    setParams(next);
  });
  const exportRows = async () => {
    setExporting(true);
    try {
      await downloadFile(
        `/audit/export.xlsx?${auditQuery(filters)}`,
        { language, token: session?.token },
        exportFileName(zone, filters),
      );
      message.success(t(texts.exported));
    } catch (error) {
      message.error(error instanceof ApiFailure ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  const stageName = (program: string, stage: string | undefined) => {
    if (!stage) return '';
    const info = stageOf(programs.data, program, stage);
    if (info) return t(info.name);
    return systemStageText[stage] ? t(systemStageText[stage]) : stage;
  };
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: TableColumnsType<AuditSearchItem> = [
    {
      title: t(texts.time),
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatDateTime(at, language),
    },
    {
      title: t(texts.application),
      dataIndex: 'applicationId',
      width: 130,
      render: (id: string) => <Link to={`/applications/${id}`}>{id.slice(0, 8)}</Link>,
    },
    {
      title: t(texts.program),
      dataIndex: 'program',
      width: 150,
      render: (code: string) => t(programName(programs.data, code)),
    },
    { title: t(texts.action), dataIndex: 'action', render: (action: string) => t(auditActionLabel(action)) },
    { title: t(texts.stage), key: 'stage', render: (_, item) => stageName(item.program, item.stage) },
    {
      title: t(texts.who),
      key: 'actor',
      render: (_, item) => (
        <span>
          {item.actor.name ? localizeMessage(item.actor.name, language) : item.actor.id}
          <Typography.Text type="secondary">
            {' '}
            · {t(roleText[item.actor.role] ?? { zh: item.actor.role, en: item.actor.role })}
          </Typography.Text>
        </span>
      ),
    },
    { title: t(texts.reason), dataIndex: 'reason', ellipsis: true },
  ];
  const actionOptions = Object.keys(auditActionText)
    .map((action) => ({ value: action, label: t(auditActionLabel(action)) }))
    .sort((a, b) => a.label.localeCompare(b.label, language === 'zh' ? 'zh-CN' : 'en'));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(texts.title)}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t(texts.intro)}</Typography.Paragraph>
        <Form layout="vertical" noValidate onFinish={() => void apply()} aria-label={t(texts.title)}>
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t({ zh: '综试区', en: 'Pilot zone' })}>
                <ZoneSelect
                  zone={zone}
                  zones={scope.zones}
                  fixed={scope.fixed}
                  onChange={(next) => setParams(new URLSearchParams(auditQuery({ ...applied, zone: next })))}
                />
              </Form.Item>
            </Col>
            {(['from', 'to'] as const).map((name) => (
              <Col key={name} xs={12} md={6}>
                <Field
                  control={control}
                  name={name}
                  label={t(texts[name])}
                  render={(field, a11y) => (
                    <Input
                      {...a11y}
                      type="date"
                      value={(field.value as string | undefined) ?? ''}
                      onChange={(event) => field.onChange(blank(event.target.value))}
                    />
                  )}
                />
              </Col>
            ))}
            <ChoiceFilter
              control={control}
              name="program"
              label={t(texts.program)}
              options={(programs.data ?? []).map((program) => ({
                value: program.code,
                label: t(program.name),
              }))}
            />
            <ChoiceFilter
              control={control}
              name="action"
              label={t(texts.action)}
              options={actionOptions}
              searchable
            />
            {(['actor', 'applicationId'] as const).map((name) => (
              <Col key={name} xs={24} sm={12} md={6}>
                <Field
                  control={control}
                  name={name}
                  label={t(texts[name])}
                  render={(field, a11y) => (
                    <Input
                      {...a11y}
                      value={(field.value as string | undefined) ?? ''}
                      onChange={(event) => field.onChange(blank(event.target.value))}
                    />
                  )}
                />
              </Col>
            ))}
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t(texts.search)}
            </Button>
            <Button
              onClick={() => {
                reset({});
                setParams(new URLSearchParams(scope.fixed ? '' : auditQuery({ zone })));
              }}
            >
              {t(texts.reset)}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportRows()}>
              {t(texts.export)}
            </Button>
          </Space>
        </Form>
      </Card>
      {search.error ? <ErrorAlert error={search.error} onRetry={() => search.refetch()} /> : null}
      <Card>
        <Table<AuditSearchItem>
          rowKey={(item) => `${item.applicationId}#${item.seq}`}
          size="small"
          loading={search.isLoading}
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t(texts.empty) }}
        />
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" aria-live="polite">
            {t(search.hasNextPage ? texts.shown : texts.allShown).replace('{n}', String(items.length))}
          </Typography.Text>
          {search.hasNextPage ? (
            <Button loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
              {t(texts.more)}
            </Button>
          ) : null}
        </Space>
      </Card>
    </Space>
  );
};

export default AuditSearchPage;
