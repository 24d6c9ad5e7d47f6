import { z } from 'zod';
import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { putPolicyCapBodySchema } from '../../domain/subsidy/policy.ts';
import { nowIso } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { putPolicyCap } from '../shared/policies.ts';

const pathSchema = z
  .object({ zone: zoneCodeSchema, year: z.coerce.number().int().min(2020).max(2099) })
  .strict();

/** The zone-wide per-enterprise annual cap across all policies of a year (`version` as for policies). */
export const handler = createApiHandler(
  { path: pathSchema, body: putPolicyCapBodySchema },
  async ({ caller, path, body }) => {
    if (caller.role !== 'admin' && !(caller.role === 'office' && caller.zone === path.zone)) {
      throw forbidden({
        zh: '只有管理员或本综试区领导小组办公室可以设置年度上限',
        en: 'Only an administrator or the zone office sets the annual cap',
      });
    }
    const { cap, created } = await putPolicyCap(
      path.zone,
      path.year,
      body.perEnterpriseAnnualCapCny,
      body.version,
      { userId: caller.userId, now: nowIso() },
    );
    return respond(created ? 201 : 200, { cap });
  },
);
