import { z } from 'zod';
import { roleScope } from '../../domain/shared/roles.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { inboxQueue } from '../shared/keys.ts';
import { listNotifications } from '../shared/notifications.ts';

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();

export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  const recipients = new Set(
    [
      inboxQueue(caller.role, roleScope[caller.role], caller),
      inboxQueue(caller.role, 'user', caller),
      caller.orgId ? inboxQueue(caller.role, 'organization', caller) : undefined,
    ].filter((recipient): recipient is string => recipient !== undefined),
  );
  return respond(200, { items: await listNotifications([...recipients], query.limit) });
});
