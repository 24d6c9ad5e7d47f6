import { App, Button, Card, Popconfirm, Tabs, Typography } from 'antd';
import { useState } from 'react';
import {
  type CreditEntry,
  type CreditList,
  creditListNames,
  creditListSchema,
  isActiveOn,
} from '../../../../../domain/registry/credit.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useCreditEntries, usePutCreditEntry } from '../api/credit-lists.ts';
import { adminTexts } from '../texts.ts';
import { AdminListPage } from './AdminListPage.tsx';
import { CreditEntryForm, creditTexts } from './CreditEntryForm.tsx';
import { CreditImport } from './CreditImport.tsx';
import { useZoneChoice } from './scope.tsx';

const texts = {
  actions: { zh: '操作', en: 'Actions' },
  end: { zh: '移出', en: 'End' },
  endConfirm: { zh: '自今日起将该企业移出名单？', en: 'Take the enterprise off the list from today?' },
  title: { zh: '信用名单', en: 'Credit lists' },
  add: { zh: '添加条目', en: 'Add an entry' },
  addTitle: { zh: '添加信用名单条目', en: 'Add a credit-list entry' },
  added: { zh: '登记', en: 'Added' },
  origin: { zh: '来源方式', en: 'How' },
  imported: { zh: '批量导入', en: 'Imported' },
  manual: { zh: '逐条登记', en: 'By hand' },
  active: { zh: '生效中', en: 'Active' },
  ended: { zh: '已失效', en: 'Ended' },
};

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const CreditListsPage = () => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const choice = useZoneChoice();
  const [list, setList] = useState<CreditList>('BLACKLIST');
  const entries = useCreditEntries(list, choice.zone);
  const ending = usePutCreditEntry();
  const today = chinaToday();

  return (
    <AdminListPage<CreditEntry>
      title={texts.title}
      choice={choice}
      rows={entries}
      rowKey={(entry) => `${entry.uscc}-${entry.importId ?? 'manual'}-${entry.startDate}`}
      scrollX={1000}
      addLabel={texts.add}
      aboveTable={() => (
        <Tabs
          activeKey={list}
          onChange={(key) => setList(key as CreditList)}
          items={creditListSchema.options.map((value) => ({ key: value, label: t(creditListNames[value]) }))}
        />
      )}
      columns={() => [
        {
          title: t(creditTexts.uscc),
          dataIndex: 'uscc',
          width: 200,
          render: (uscc: string) => <Typography.Text code>{uscc}</Typography.Text>,
        },
        { title: t(creditTexts.enterpriseName), dataIndex: 'enterpriseName' },
        { title: t(creditTexts.reason), dataIndex: 'reason' },
        { title: t(creditTexts.source), dataIndex: 'source', width: 120 },
        {
          title: `${t(creditTexts.startDate)} – ${t(creditTexts.endDate)}`,
          key: 'dates',
          width: 220,
          render: (_, entry) => (
            <>
              {entry.startDate} – {entry.endDate ?? '…'}{' '}
              <Typography.Text type={isActiveOn(entry, today) ? 'success' : 'secondary'}>
                {t(isActiveOn(entry, today) ? texts.active : texts.ended)}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t(texts.origin),
          key: 'origin',
          width: 100,
          render: (_, entry) => t(entry.importId ? texts.imported : texts.manual),
        },
        {
          title: t(texts.added),
          key: 'added',
          width: 170,
          render: (_, entry) => formatDateTime(entry.addedAt, language),
        },
        {
          title: t(texts.actions),
          key: 'actions',
          width: 100,
          // An imported entry belongs to its import; a manual one is ended by saving it with today's end.
          render: (_, entry) =>
            !entry.importId && isActiveOn(entry, today) ? (
              <Popconfirm
                title={t(texts.endConfirm)}
                onConfirm={() =>
                  ending.mutate(
                    {
                      list,
                      uscc: entry.uscc,
                      body: {
                        enterpriseName: entry.enterpriseName,
                        zone: entry.zone,
                        reason: entry.reason,
                        source: entry.source,
                        startDate: entry.startDate,
                        // Active today, so it started on or before today.
                        endDate: today,
                      },
                    },
                    {
                      onSuccess: () => message.success(t(adminTexts.saved)),
                      onError: (error) => message.error(error.message),
                    },
                  )
                }
              >
                <Button size="small" danger aria-label={`${t(texts.end)} ${entry.enterpriseName}`}>
                  {t(texts.end)}
                </Button>
              </Popconfirm>
            ) : null,
        },
      ]}
      below={(zone) => (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t({ zh: '批量导入', en: 'Bulk import' })}</h2>}>
          <CreditImport key={zone} zone={zone} initialList={list} />
        </Card>
      )}
      editor={{
        // Entries are only added here; an entry is ended from its row.
        title: () => `${t(texts.addTitle)} · ${t(creditListNames[list])}`,
        width: 720,
        render: ({ zone, close, saved }) => (
          <CreditEntryForm list={list} zone={zone} onCancel={close} onDone={() => saved()} />
        ),
      }}
    />
  );
};
export default CreditListsPage;
