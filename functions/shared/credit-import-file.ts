import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportFileError, type RawCell, type RawSheet } from '../../domain/registry/credit-import.ts';

/** exceljs cell values beyond the plain ones: rich text, hyperlinks, formulas (their cached result). */
const plainValue = (value: unknown): RawCell => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      return (object.richText as { text?: unknown }[]).map((part) => String(part.text ?? '')).join('');
    }
    if ('result' in object) return plainValue(object.result);
    if ('text' in object) return plainValue(object.text);
  }
  return String(value);
};

const sheetOf = (worksheet: ExcelJS.Worksheet | undefined): RawSheet => {
  if (!worksheet || worksheet.rowCount === 0) {
    throw new ImportFileError('IMPORT_EMPTY', { zh: '文件中没有数据', en: 'The file holds no data' });
  }
  const cellsOf = (row: ExcelJS.Row): RawCell[] => {
    const cells: RawCell[] = [];
    // row.values is 1-based (index 0 unused).
    const values = row.values as unknown[];
    for (let index = 1; index < values.length; index += 1) cells.push(plainValue(values[index]));
    return cells;
  };
  let header: RawCell[] | undefined;
  const rows: RawSheet['rows'] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (header === undefined) header = cellsOf(row);
    else rows.push({ row: rowNumber, cells: cellsOf(row) });
  });
  if (header === undefined) {
    throw new ImportFileError('IMPORT_EMPTY', { zh: '文件中没有表头', en: 'The file has no header row' });
  }
  return { header, rows };
};

const unreadable = (fileName: string, cause: unknown) =>
  new ImportFileError(
    'IMPORT_FILE_UNREADABLE',
    {
      zh: `无法读取文件“${fileName}”：须为 .xlsx 工作簿或 UTF-8 编码的 CSV`,
      en: `Cannot read "${fileName}": it must be an .xlsx workbook or a UTF-8 CSV file`,
    },
    { reason: cause instanceof Error ? cause.message : String(cause) },
  );

/**
 * Reads the first worksheet of an .xlsx file, or a CSV file (UTF-8, optional BOM), with exceljs. CSV cells
 * stay text (no number or date guessing: an all-digit code must not become a float); xlsx cells keep
 * their types (dates as Date).
 */
export const readImportFile = async (fileName: string, bytes: Buffer): Promise<RawSheet> => {
  const workbook = new ExcelJS.Workbook();
  if (/\.csv$/i.test(fileName)) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    let worksheet: ExcelJS.Worksheet;
    try {
      worksheet = await workbook.csv.read(Readable.from([text]), {
        map: (value: unknown) => value,
        parserOptions: { trim: true },
      });
    } catch (cause) {
      throw unreadable(fileName, cause);
    }
    return sheetOf(worksheet);
  }
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw unreadable(fileName, cause);
  }
  return sheetOf(workbook.worksheets[0]);
};
