import { sessionPathSchema } from '../../domain/training/session.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respondBinary } from '../shared/http.ts';
import { rosterLines } from '../shared/training-roster.ts';
import { rosterWorkbook } from '../shared/training-roster-workbook.ts';
import { assertMaintainsSessions, getStoredSession, sessionText } from '../shared/training-sessions.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The registration list as an Excel workbook (ID numbers masked, as stored). */
export const handler = createApiHandler({ path: sessionPathSchema }, async ({ caller, path }) => {
  const stored = await getStoredSession(path.code);
  if (!stored) throw notFound(sessionText);
  assertMaintainsSessions(caller, stored.session.zone);
  const workbook = await rosterWorkbook(stored, await rosterLines(stored));
  // Session codes are [A-Z0-9-], safe in a header value.
  return respondBinary(200, workbook, XLSX, {
    'content-disposition': `attachment; filename="${path.code}-registrations.xlsx"`,
    'cache-control': 'private, no-store',
  });
});
