import { sessionPathSchema } from '../../domain/training/session.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { getStoredSession, sessionText, sessionView } from '../shared/training-sessions.ts';

/** Any signed-in user reads a session with its seats (capacity, held, waiting, free). */
export const handler = createApiHandler({ path: sessionPathSchema }, async ({ path }) => {
  const stored = await getStoredSession(path.code);
  if (!stored) throw notFound(sessionText);
  return respond(200, { session: sessionView(stored) });
});
