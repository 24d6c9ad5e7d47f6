import { z } from 'zod';
import { creditStatusOf } from '../../domain/registry/credit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { usccSchema } from '../../domain/shared/uscc.ts';
import { now } from '../shared/clock.ts';
import { creditReadScope } from '../shared/credit-access.ts';
import { creditEntriesOf } from '../shared/credit-lists.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ uscc: usccSchema }).strict();

/**
 * An enterprise's credit entries and its effective status today (China date). Zone-scoped readers
 * (office, municipal and district reviewers) see, and are given the status from, their zone's entries.
 */
export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  const scope = creditReadScope(caller);
  const entries = (await creditEntriesOf(path.uscc)).filter(
    (entry) => scope === 'all' || entry.zone === scope,
  );
  const today = chinaDate(now());
  const { status, deciding } = creditStatusOf(entries, path.uscc, today);
  return respond(200, { uscc: path.uscc, today, status, deciding, entries });
});
