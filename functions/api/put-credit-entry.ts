import { z } from 'zod';
import { creditEntryBodySchema, creditListSchema } from '../../domain/registry/credit.ts';
import { usccSchema } from '../../domain/shared/uscc.ts';
import { nowIso } from '../shared/clock.ts';
import { assertMaintainsCreditLists } from '../shared/credit-access.ts';
import { putCreditEntry } from '../shared/credit-lists.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ list: creditListSchema, uscc: usccSchema }).strict();

/** Adds or replaces the manually maintained entry of an enterprise on a list in a zone. */
export const handler = createApiHandler(
  { path: pathSchema, body: creditEntryBodySchema },
  async ({ caller, path, body }) => {
    assertMaintainsCreditLists(caller, body.zone);
    const entry = await putCreditEntry({
      ...body,
      list: path.list,
      uscc: path.uscc,
      addedBy: caller.userId,
      addedAt: nowIso(),
    });
    return respond(200, { entry });
  },
);
