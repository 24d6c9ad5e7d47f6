import { auditSearchQuerySchema } from '../../domain/shared/audit-search.ts';
import { resolveAuditSearch, searchAuditEvents } from '../shared/audit-search.ts';
import { createApiHandler, respond } from '../shared/http.ts';

/**
 * Zone-wide audit search (审计查询): events of every application in one zone and period, newest first,
 * filtered by program, action, actor or application. The office its own zone; province and admin any.
 */
export const handler = createApiHandler({ query: auditSearchQuerySchema }, async ({ caller, query }) => {
  const search = resolveAuditSearch(caller, query);
  return respond(200, await searchAuditEvents(search, query.limit, query.cursor));
});
