import { createHash } from 'node:crypto';
import {
  ImportFileError,
  importBodySchema,
  validateImportSheet,
} from '../../domain/registry/credit-import.ts';
import { nowIso } from '../shared/clock.ts';
import { assertMaintainsCreditLists } from '../shared/credit-access.ts';
import { readImportFile } from '../shared/credit-import-file.ts';
import { runCreditImport } from '../shared/credit-lists.ts';
import { ApiError, badRequest } from '../shared/errors.ts';
import { createApiHandler, MAX_BODY_BYTES, respond } from '../shared/http.ts';

/**
 * Bulk import of a credit list from an .xlsx or CSV file, sent base64-encoded in a JSON body (so the
 * whole request, file included, stays under the 64 KB body limit: a few hundred rows).
 * Every row is validated first; if any is refused the answer is 422 with the per-row report and nothing
 * is written. Otherwise the rows are written as one import (see functions/shared/credit-lists.ts for how
 * that is all-or-nothing without transactions). The import id is a hash of (list, zone, file content):
 * the same file sent again answers 200 with the same import and writes nothing new.
 */
export const handler = createApiHandler({ body: importBodySchema }, async ({ caller, body }) => {
  const zone = assertMaintainsCreditLists(caller, body.zone ?? caller.zone);
  const bytes = Buffer.from(body.contentBase64, 'base64');
  if (bytes.length === 0) {
    throw badRequest('IMPORT_EMPTY', { zh: '文件为空', en: 'The file is empty' });
  }
  let validated: ReturnType<typeof validateImportSheet>;
  try {
    validated = validateImportSheet(await readImportFile(body.fileName, bytes));
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw badRequest(error.code, error.text, {
        ...(typeof error.details === 'object' && error.details !== null ? error.details : {}),
        bodyLimitBytes: MAX_BODY_BYTES,
      });
    }
    throw error;
  }
  const { report, rows } = validated;
  if (report.refused.length > 0) {
    throw new ApiError(
      422,
      'IMPORT_ROWS_REFUSED',
      {
        zh: `${report.refused.length} 行未通过校验，整个文件未导入；请按逐行报告修改后重新提交`,
        en: `${report.refused.length} row(s) were refused, so nothing was imported; fix them per the report and resend the file`,
      },
      report,
    );
  }
  const contentSha256 = createHash('sha256').update(bytes).digest('hex');
  const id = createHash('sha256')
    .update(`${body.list}\n${zone}\n${contentSha256}`)
    .digest('hex')
    .slice(0, 32);
  const { creditImport, created } = await runCreditImport({
    id,
    list: body.list,
    zone,
    fileName: body.fileName,
    contentSha256,
    rows,
    createdBy: caller.userId,
    now: nowIso(),
  });
  return respond(created ? 201 : 200, { import: creditImport, report });
});
