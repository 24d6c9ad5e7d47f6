import { roleScope } from '../../domain/shared/roles.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { inboxQueue } from '../shared/keys.ts';
import { pageQuerySchema } from '../shared/pagination.ts';
import { listInbox } from '../shared/tasks.ts';

export const handler = createApiHandler({ query: pageQuerySchema }, async ({ caller, query }) => {
  const queue = inboxQueue(caller.role, roleScope[caller.role], caller);
  if (!queue) {
    throw forbidden({
      zh: '账号缺少所属区域或单位信息',
      en: 'Your account lacks the zone, district or organization',
    });
  }
  const page = await listInbox(queue, query.limit, query.cursor);
  return respond(200, page);
});
