import { now } from '../shared/clock.ts';
import { createPublicApiHandler, respond } from '../shared/http.ts';
import { listOpenNotices } from '../shared/notices.ts';
import { pageQuerySchema } from '../shared/pagination.ts';

/** Public (no sign-in): the notices open now, soonest-ending first, with public fields only. */
export const handler = createPublicApiHandler({ public: true, query: pageQuerySchema }, async ({ query }) =>
  respond(200, await listOpenNotices(query.limit, query.cursor, { endingAfter: now() })),
);
