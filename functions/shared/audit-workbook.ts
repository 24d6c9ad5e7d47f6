import ExcelJS from 'exceljs';
import {
  type AuditSearchItem,
  auditExportColumns,
  auditExportRow,
} from '../../domain/shared/audit-search.ts';

/** The search results as an .xlsx workbook: one row per event, newest first, times in Asia/Shanghai. */
export const auditWorkbook = async (zone: string, items: readonly AuditSearchItem[]): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pilot-zone-workflows';
  const sheet = workbook.addWorksheet(`audit-${zone}`);
  sheet.columns = auditExportColumns.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  // Times are written as text: an Excel date has no time zone, and exceljs would store UTC.
  for (const item of items) sheet.addRow(auditExportRow(item));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
