import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { Policy } from '../../../../../domain/subsidy/policy.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatCny } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { usePolicies } from '../api/policies.ts';
import { chinaYear, yearChoices } from '../logic.ts';
import { adminTexts } from '../texts.ts';
import { PolicyBudget } from './PolicyBudget.tsx';
import { categoryText, PolicyForm, policyStatusText } from './PolicyForm.tsx';
import { NotForThisRole, useZoneChoice, ZoneSelect } from './scope.tsx';
import { ZoneCapEditor } from './ZoneCapEditor.tsx';

const texts = {
  title: { zh: '政策目录', en: 'Policy catalog' },
  create: { zh: '新建政策', en: 'New policy' },
  editTitle: { zh: '编辑政策', en: 'Edit policy' },
  budget: { zh: '预算', en: 'Budget' },
  budgetTitle: { zh: '政策预算', en: 'Policy budget' },
  code: { zh: '编号', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  category: { zh: '类别', en: 'Category' },
  status: { zh: '状态', en: 'Status' },
  rate: { zh: '比例', en: 'Rate' },
  perClaim: { zh: '单笔上限', en: 'Per claim' },
  perEnterprise: { zh: '企业年度上限', en: 'Per enterprise a year' },
  total: { zh: '总预算', en: 'Total budget' },
  period: { zh: '受理期间', en: 'Open' },
};

const statusColor: Record<string, string> = {
  DRAFT: 'default',
  PUBLISHED: 'success',
  SUSPENDED: 'warning',
  WITHDRAWN: 'error',
};

const PoliciesPage = () => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const { zone, setZone, scope, allowed } = useZoneChoice();
  const currentYear = useMemo(() => chinaYear(new Date()), []);
  const [year, setYear] = useState<number | undefined>(currentYear);
  const policies = usePolicies(zone, year);
  const [editing, setEditing] = useState<{ policy?: Policy } | undefined>();
  const [budgetOf, setBudgetOf] = useState<string | undefined>();
  if (!allowed || !zone) return <NotForThisRole />;

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(texts.title)}</h1>}
      extra={
        <Button autoInsertSpace={false} type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          {t(texts.create)}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <ZoneSelect zone={zone} onChange={setZone} zones={scope.zones} fixed={scope.fixed} />
        <Select<number>
          aria-label={t(adminTexts.year)}
          style={{ width: 140 }}
          value={year ?? 0}
          onChange={(value) => setYear(value === 0 ? undefined : value)}
          options={[
            { value: 0, label: t(adminTexts.allYears) },
            ...yearChoices(currentYear).map((value) => ({ value, label: String(value) })),
          ]}
        />
      </Space>
      {year !== undefined ? (
        <div style={{ marginBottom: 12 }}>
          <ZoneCapEditor key={`${zone}-${year}`} zone={zone} year={year} />
        </div>
      ) : null}
      {policies.error ? <ErrorAlert error={policies.error} onRetry={() => policies.refetch()} /> : null}
      <Table<Policy>
        rowKey="code"
        size="middle"
        loading={policies.isLoading}
        dataSource={policies.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t(adminTexts.empty) }}
        columns={[
          { title: t(texts.code), dataIndex: 'code', width: 150 },
          { title: t(texts.name), key: 'name', render: (_, policy) => t(policy.name) },
          {
            title: t(texts.category),
            key: 'category',
            width: 110,
            render: (_, policy) => t(categoryText[policy.category]),
          },
          {
            title: t(texts.status),
            key: 'status',
            width: 90,
            render: (_, policy) => (
              <Tag color={statusColor[policy.status]}>{t(policyStatusText[policy.status])}</Tag>
            ),
          },
          {
            title: t(texts.rate),
            key: 'rate',
            width: 70,
            align: 'right',
            render: (_, policy) => `${Math.round(policy.subsidyRate * 1000) / 10}%`,
          },
          {
            title: t(texts.perClaim),
            key: 'perClaim',
            align: 'right',
            render: (_, policy) => formatCny(policy.perClaimCapCny, language),
          },
          {
            title: t(texts.perEnterprise),
            key: 'perEnterprise',
            align: 'right',
            render: (_, policy) => formatCny(policy.perEnterpriseAnnualCapCny, language),
          },
          {
            title: t(texts.total),
            key: 'total',
            align: 'right',
            render: (_, policy) => formatCny(policy.totalBudgetCny, language),
          },
          {
            title: t(texts.period),
            key: 'period',
            width: 190,
            render: (_, policy) => `${policy.openDate} – ${policy.closeDate}`,
          },
          { title: t(adminTexts.version), dataIndex: 'version', width: 60, align: 'right' },
          {
            title: t(adminTexts.actions),
            key: 'actions',
            fixed: 'right',
            width: 140,
            render: (_, policy) => (
              <Space size="small">
                <Button
                  autoInsertSpace={false}
                  size="small"
                  aria-label={`${t(adminTexts.edit)} ${policy.code}`}
                  onClick={() => setEditing({ policy })}
                >
                  {t(adminTexts.edit)}
                </Button>
                <Button
                  autoInsertSpace={false}
                  size="small"
                  aria-label={`${t(texts.budget)} ${policy.code}`}
                  onClick={() => setBudgetOf(policy.code)}
                >
                  {t(texts.budget)}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing?.policy ? `${t(texts.editTitle)} ${editing.policy.code}` : t(texts.create)}
        onCancel={() => setEditing(undefined)}
        footer={null}
        width={820}
        destroyOnHidden
      >
        {editing ? (
          <PolicyForm
            policy={editing.policy}
            zone={zone}
            year={year ?? currentYear}
            onCancel={() => setEditing(undefined)}
            onDone={(policy) => {
              setEditing(undefined);
              message.success(`${t(adminTexts.saved)}: ${policy.code}`);
            }}
          />
        ) : null}
      </Modal>
      <Modal
        open={budgetOf !== undefined}
        title={`${t(texts.budgetTitle)} ${budgetOf ?? ''}`}
        onCancel={() => setBudgetOf(undefined)}
        footer={null}
        destroyOnHidden
      >
        {budgetOf ? <PolicyBudget code={budgetOf} /> : null}
      </Modal>
    </Card>
  );
};
export default PoliciesPage;
