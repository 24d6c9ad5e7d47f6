import { Table, Tag } from 'antd';
import type { ImportReport } from '../../../../../domain/registry/credit-import.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { type ReportRow, reportRows } from '../logic.ts';

const texts = {
  caption: { zh: '逐行校验报告', en: 'Row-by-row report' },
  row: { zh: '行号', en: 'Row' },
  result: { zh: '结果', en: 'Result' },
  reasons: { zh: '原因', en: 'Reasons' },
  imported: { zh: '已导入', en: 'Imported' },
  valid: { zh: '校验通过（未导入）', en: 'Valid (not imported)' },
  refused: { zh: '未通过', en: 'Refused' },
};

/** Every data row of the file (the header is row 1): imported or valid, or refused with the reasons. */
export const ImportReportTable = ({ report, imported }: { report: ImportReport; imported: boolean }) => {
  const { t } = useLanguage();
  return (
    <Table<ReportRow>
      aria-label={t(texts.caption)}
      title={() => t(texts.caption)}
      rowKey="row"
      size="small"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      dataSource={reportRows(report)}
      columns={[
        { title: t(texts.row), dataIndex: 'row', width: 80 },
        {
          title: t(texts.result),
          key: 'result',
          width: 180,
          render: (_, row) =>
            row.accepted ? (
              <Tag color={imported ? 'success' : 'blue'}>{t(imported ? texts.imported : texts.valid)}</Tag>
            ) : (
              <Tag color="error">{t(texts.refused)}</Tag>
            ),
        },
        {
          title: t(texts.reasons),
          key: 'reasons',
          render: (_, row) =>
            row.errors.length === 0 ? (
              '—'
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {row.errors.map((error) => (
                  <li key={`${error.field}-${error.code}`}>{t(error.message)}</li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
};
