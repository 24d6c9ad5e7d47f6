import { sessionPathSchema } from '../../domain/training/session.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { rosterLines } from '../shared/training-roster.ts';
import {
  assertMaintainsSessions,
  getStoredSession,
  sessionText,
  sessionView,
} from '../shared/training-sessions.ts';

/** The session's registration list for its maintainers: seats, the waitlist in order, attendance. */
export const handler = createApiHandler({ path: sessionPathSchema }, async ({ caller, path }) => {
  const stored = await getStoredSession(path.code);
  if (!stored) throw notFound(sessionText);
  assertMaintainsSessions(caller, stored.session.zone);
  return respond(200, { session: sessionView(stored), items: await rosterLines(stored) });
});
