import { auditFilterQuerySchema, tooManyRowsText } from '../../domain/shared/audit-search.ts';
import { auditExportMaxRows, resolveAuditSearch, searchAuditEvents } from '../shared/audit-search.ts';
import { auditWorkbook } from '../shared/audit-workbook.ts';
import { ApiError } from '../shared/errors.ts';
import { createApiHandler, respondBinary } from '../shared/http.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The audit search's results as an Excel workbook: every matching event, or a refusal, never a part. */
export const handler = createApiHandler({ query: auditFilterQuerySchema }, async ({ caller, query }) => {
  const search = resolveAuditSearch(caller, query);
  const maxRows = auditExportMaxRows();
  const { items, nextCursor } = await searchAuditEvents(search, maxRows);
  if (nextCursor !== undefined) {
    throw new ApiError(422, 'TOO_MANY_ROWS', tooManyRowsText(maxRows), { maxRows });
  }
  // Zone codes and ISO dates are [a-z0-9-], safe in a header value.
  return respondBinary(200, await auditWorkbook(search.zone, items), XLSX, {
    'content-disposition': `attachment; filename="audit-${search.zone}-${search.from}-${search.to}.xlsx"`,
    'cache-control': 'private, no-store',
  });
});
