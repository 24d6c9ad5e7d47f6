import { z } from 'zod';
import type { LocalizedText } from '../shared/program.ts';
import { hasControlCharacters } from '../shared/text.ts';
import { isValidUscc } from '../shared/uscc.ts';
import { creditListSchema } from './credit.ts';

/**
 * Validation of a credit-list import file, row by row. Pure: the file is read elsewhere (exceljs) into
 * a header row and data rows of raw cell values; this module maps the headers, normalises the cells and
 * says, for every row, whether it is accepted or why it is refused.
 */

/** Rows a file may hold; the 64 KB request limit allows a few hundred in practice. */
export const MAX_IMPORT_ROWS = 1000;

export const creditImportFields = [
  'uscc',
  'enterpriseName',
  'reason',
  'source',
  'startDate',
  'endDate',
] as const;
export type CreditImportField = (typeof creditImportFields)[number];

const requiredFields: readonly CreditImportField[] = [
  'uscc',
  'enterpriseName',
  'reason',
  'source',
  'startDate',
];

/** Accepted header texts (Chinese or English, case and spaces ignored) → field. */
const headerAliases: Record<string, CreditImportField> = {
  统一社会信用代码: 'uscc',
  uscc: 'uscc',
  企业名称: 'enterpriseName',
  enterprisename: 'enterpriseName',
  原因: 'reason',
  reason: 'reason',
  来源: 'source',
  source: 'source',
  开始日期: 'startDate',
  startdate: 'startDate',
  结束日期: 'endDate',
  enddate: 'endDate',
};

export const fieldNames: Record<CreditImportField, LocalizedText> = {
  uscc: { zh: '统一社会信用代码', en: 'uscc' },
  enterpriseName: { zh: '企业名称', en: 'enterpriseName' },
  reason: { zh: '原因', en: 'reason' },
  source: { zh: '来源', en: 'source' },
  startDate: { zh: '开始日期', en: 'startDate' },
  endDate: { zh: '结束日期', en: 'endDate' },
};

const maxLengths: Partial<Record<CreditImportField, number>> = {
  enterpriseName: 100,
  reason: 500,
  source: 50,
};

export const rowErrorSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const importReportSchema = z.object({
  /** Spreadsheet row numbers (the header is row 1). */
  accepted: z.array(z.number().int()),
  refused: z.array(z.object({ row: z.number().int(), errors: z.array(rowErrorSchema) })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importedRowSchema = z.object({
  row: z.number().int(),
  uscc: z.string(),
  enterpriseName: z.string(),
  reason: z.string(),
  source: z.string(),
  startDate: z.string(),
  endDate: z.string().optional(),
});
export type ImportedRow = z.infer<typeof importedRowSchema>;

export const creditImportStatusSchema = z.enum(['PENDING', 'COMPLETE']);

export const creditImportSchema = z.object({
  id: z.string(),
  list: creditListSchema,
  zone: z.string(),
  fileName: z.string(),
  contentSha256: z.string(),
  status: creditImportStatusSchema,
  rowCount: z.number().int(),
  /** Spreadsheet row numbers written (all data rows: an import is accepted whole or not at all). */
  accepted: z.array(z.number().int()),
  refused: z.array(z.never()).default([]),
  createdBy: z.string(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
});
export type CreditImport = z.infer<typeof creditImportSchema>;

export const importBodySchema = z
  .object({
    list: creditListSchema,
    /** Defaults to the caller's zone; an administrator must give it. */
    zone: z.enum(['wuhu', 'anqing']).optional(),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/\.(xlsx|csv)$/i, { message: '文件须为 .xlsx 或 .csv / fileName must end in .xlsx or .csv' }),
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容须为 base64 / contentBase64 must be base64' }),
  })
  .strict();
export type ImportBody = z.infer<typeof importBodySchema>;

/** A problem with the file as a whole (no header, unknown columns…): nothing is validated row by row. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly text: LocalizedText,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = 'ImportFileError';
  }
}

/** A raw cell as a reader hands it over: text, number, date, or nothing. */
export type RawCell = string | number | boolean | Date | null | undefined;

export interface RawSheet {
  header: RawCell[];
  /** Data rows with their spreadsheet row numbers. */
  rows: { row: number; cells: RawCell[] }[];
}

const normaliseHeader = (cell: RawCell): string =>
  String(cell ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s_*]/g, '')
    .toLowerCase();

/** Column index of each field; refuses a header that lacks a required column or repeats one. */
export const mapHeader = (header: RawCell[]): Partial<Record<CreditImportField, number>> => {
  const columns: Partial<Record<CreditImportField, number>> = {};
  header.forEach((cell, index) => {
    const field = headerAliases[normaliseHeader(cell)];
    if (!field) return;
    if (columns[field] !== undefined) {
      throw new ImportFileError('IMPORT_HEADER_INVALID', {
        zh: `表头列“${fieldNames[field].zh}”重复`,
        en: `The header names column ${field} twice`,
      });
    }
    columns[field] = index;
  });
  const missing = requiredFields.filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    throw new ImportFileError(
      'IMPORT_HEADER_INVALID',
      {
        zh: `表头缺少列：${missing.map((field) => fieldNames[field].zh).join('、')}`,
        en: `The header lacks columns: ${missing.join(', ')}`,
      },
      { missing },
    );
  }
  return columns;
};

const pad = (value: number) => String(value).padStart(2, '0');

const isRealDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * A date cell as YYYY-MM-DD, or undefined when it is not a date. Accepts a Date (spreadsheet readers
 * give UTC midnight), an Excel serial number, and text as 2026-01-31, 2026/1/31, 2026.1.31 or 2026年1月31日.
 */
export const normaliseDate = (cell: RawCell): string | undefined => {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return undefined;
    return normaliseDate(new Date(Math.round((cell - 25_569) * 86_400_000)));
  }
  if (typeof cell !== 'string') return undefined;
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
};

const text = (cell: RawCell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return normaliseDate(cell) ?? '';
  return String(cell).trim();
};

const error = (field: CreditImportField, code: string, message: LocalizedText): RowError => ({
  field,
  code,
  message,
});

const isBlankRow = (cells: RawCell[]) => cells.every((cell) => text(cell) === '');

/**
 * Validates every data row; a row is accepted only with no error. Duplicates (the same USCC twice in one
 * file) refuse the later rows and name the first. Blank rows are skipped.
 */
export const validateImportSheet = (sheet: RawSheet): { report: ImportReport; rows: ImportedRow[] } => {
  const columns = mapHeader(sheet.header);
  const dataRows = sheet.rows.filter((row) => !isBlankRow(row.cells));
  if (dataRows.length === 0) {
    throw new ImportFileError('IMPORT_EMPTY', { zh: '文件中没有数据行', en: 'The file has no data rows' });
  }
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError(
      'IMPORT_TOO_MANY_ROWS',
      {
        zh: `文件超过 ${MAX_IMPORT_ROWS} 行上限`,
        en: `The file has more than ${MAX_IMPORT_ROWS} rows`,
      },
      { limit: MAX_IMPORT_ROWS, rows: dataRows.length },
    );
  }
  const cellOf = (cells: RawCell[], field: CreditImportField): RawCell => {
    const index = columns[field];
    return index === undefined ? undefined : cells[index];
  };
  const firstRowOf = new Map<string, number>();
  const report: ImportReport = { accepted: [], refused: [] };
  const rows: ImportedRow[] = [];
  for (const { row, cells } of dataRows) {
    const errors: RowError[] = [];
    const values: Partial<Record<CreditImportField, string>> = {};
    for (const field of creditImportFields) {
      const value = text(cellOf(cells, field));
      if (value === '') {
        if (requiredFields.includes(field)) {
          errors.push(
            error(field, 'REQUIRED', {
              zh: `${fieldNames[field].zh}不能为空`,
              en: `${field} is required`,
            }),
          );
        }
        continue;
      }
      const max = maxLengths[field];
      if (max !== undefined && value.length > max) {
        errors.push(
          error(field, 'TOO_LONG', {
            zh: `${fieldNames[field].zh}超过 ${max} 个字符`,
            en: `${field} is longer than ${max} characters`,
          }),
        );
        continue;
      }
      // The file's cells reach the registry without passing the API's check of the request body.
      if (hasControlCharacters(value, { multiline: field === 'reason' })) {
        errors.push(
          error(field, 'CONTROL_CHARACTERS', {
            zh: `${fieldNames[field].zh}含有控制字符`,
            en: `${field} contains control characters`,
          }),
        );
        continue;
      }
      values[field] = value;
    }
    const uscc = values.uscc?.toUpperCase();
    if (uscc !== undefined) {
      if (!isValidUscc(uscc)) {
        errors.push(
          error('uscc', 'INVALID_USCC', {
            zh: `统一社会信用代码“${uscc}”无效（长度、字符或校验位不符）`,
            en: `"${uscc}" is not a valid unified social credit code (length, characters or check character)`,
          }),
        );
      } else {
        const first = firstRowOf.get(uscc);
        if (first !== undefined) {
          errors.push(
            error('uscc', 'DUPLICATE_IN_FILE', {
              zh: `统一社会信用代码与第 ${first} 行重复`,
              en: `The same unified social credit code is on row ${first}`,
            }),
          );
        } else {
          firstRowOf.set(uscc, row);
        }
      }
    }
    const dates: Partial<Record<'startDate' | 'endDate', string>> = {};
    for (const field of ['startDate', 'endDate'] as const) {
      if (values[field] === undefined) continue;
      const date = normaliseDate(cellOf(cells, field));
      if (date === undefined) {
        errors.push(
          error(field, 'INVALID_DATE', {
            zh: `${fieldNames[field].zh}“${values[field]}”不是有效日期（应为 YYYY-MM-DD）`,
            en: `${field} "${values[field]}" is not a valid date (expected YYYY-MM-DD)`,
          }),
        );
      } else {
        dates[field] = date;
      }
    }
    if (dates.startDate && dates.endDate && dates.startDate > dates.endDate) {
      errors.push(
        error('endDate', 'END_BEFORE_START', {
          zh: '结束日期早于开始日期',
          en: 'endDate is before startDate',
        }),
      );
    }
    if (errors.length > 0) {
      report.refused.push({ row, errors });
      continue;
    }
    report.accepted.push(row);
    rows.push({
      row,
      uscc: uscc as string,
      enterpriseName: values.enterpriseName as string,
      reason: values.reason as string,
      source: values.source as string,
      startDate: dates.startDate as string,
      ...(dates.endDate ? { endDate: dates.endDate } : {}),
    });
  }
  return { report, rows };
};
