import { z } from 'zod';
import { assertMaintainsCreditLists } from '../shared/credit-access.ts';
import { getCreditImport } from '../shared/credit-lists.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }).strict();
const importText = { zh: '信用名单导入记录', en: 'Credit-list import' };

export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  const creditImport = await getCreditImport(path.id);
  if (!creditImport) throw notFound(importText);
  assertMaintainsCreditLists(caller, creditImport.zone);
  return respond(200, {
    import: creditImport,
    report: { accepted: creditImport.accepted, refused: creditImport.refused },
  });
});
