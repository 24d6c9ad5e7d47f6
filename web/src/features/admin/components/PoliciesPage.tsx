import { Button, Modal, Select, Space, type TableColumnType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { Policy } from '../../../../../domain/subsidy/policy.ts';
import { formatCny } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { usePolicies } from '../api/policies.ts';
import { chinaYear, yearChoices } from '../logic.ts';
import { adminTexts } from '../texts.ts';
import { AdminListPage, EditButton } from './AdminListPage.tsx';
import { PolicyBudget } from './PolicyBudget.tsx';
import { categoryText, PolicyForm, policyStatusText } from './PolicyForm.tsx';
import { useZoneChoice } from './scope.tsx';
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
  const choice = useZoneChoice();
  const currentYear = useMemo(() => chinaYear(new Date()), []);
  const [year, setYear] = useState<number | undefined>(currentYear);
  const policies = usePolicies(choice.zone, year);
  const [budgetOf, setBudgetOf] = useState<string | undefined>();
  /** A column of one of the policy's amounts, in yuan. */
  const amount = (
    key: string,
    title: Text,
    field: 'perClaimCapCny' | 'perEnterpriseAnnualCapCny' | 'totalBudgetCny',
  ): TableColumnType<Policy> => ({
    title: t(title),
    key,
    align: 'right',
    render: (_, policy) => formatCny(policy[field], language),
  });

  return (
    <AdminListPage<Policy>
      title={texts.title}
      choice={choice}
      rows={policies}
      rowKey="code"
      scrollX={1100}
      addLabel={texts.create}
      filters={
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
      }
      aboveTable={(zone) =>
        year !== undefined ? (
          <div style={{ marginBottom: 12 }}>
            <ZoneCapEditor key={`${zone}-${year}`} zone={zone} year={year} />
          </div>
        ) : null
      }
      columns={(edit) => [
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
        amount('perClaim', texts.perClaim, 'perClaimCapCny'),
        amount('perEnterprise', texts.perEnterprise, 'perEnterpriseAnnualCapCny'),
        amount('total', texts.total, 'totalBudgetCny'),
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
              <EditButton name={policy.code} onClick={() => edit(policy)} />
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
      editor={{
        title: (policy) => (policy ? `${t(texts.editTitle)} ${policy.code}` : t(texts.create)),
        width: 820,
        render: ({ row, zone, close, saved }) => (
          <PolicyForm
            policy={row}
            zone={zone}
            year={year ?? currentYear}
            onCancel={close}
            onDone={(policy) => saved(policy.code)}
          />
        ),
      }}
    >
      <Modal
        open={budgetOf !== undefined}
        title={`${t(texts.budgetTitle)} ${budgetOf ?? ''}`}
        onCancel={() => setBudgetOf(undefined)}
        footer={null}
        destroyOnHidden
      >
        {budgetOf ? <PolicyBudget code={budgetOf} /> : null}
      </Modal>
    </AdminListPage>
  );
};
export default PoliciesPage;
