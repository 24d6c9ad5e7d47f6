import { idPathSchema } from '../../domain/shared/requests.ts';
import { requireReadableApplication } from '../shared/application-service.ts';
import { listAuditEvents, verifyAuditChain } from '../shared/audit-log.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { executionSteps } from '../shared/workflows.ts';

export const handler = createApiHandler({ path: idPathSchema }, async ({ caller, path }) => {
  const application = await requireReadableApplication(caller, path.id);
  const audit = await listAuditEvents(application.id);
  const execution = application.executionArn ? await executionSteps(application.executionArn) : [];
  return respond(200, { audit, chain: verifyAuditChain(audit), execution });
});
