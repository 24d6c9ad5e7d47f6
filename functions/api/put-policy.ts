import { z } from 'zod';
import { policyCodeMatches, policyCodeSchema, putPolicyBodySchema } from '../../domain/subsidy/policy.ts';
import { nowIso } from '../shared/clock.ts';
import { badRequest, forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { putPolicy } from '../shared/policies.ts';

const pathSchema = z.object({ code: policyCodeSchema }).strict();

export const handler = createApiHandler(
  { path: pathSchema, body: putPolicyBodySchema },
  async ({ caller, path, body }) => {
    if (caller.role !== 'admin' && !(caller.role === 'office' && caller.zone === body.zone)) {
      throw forbidden({
        zh: '只有管理员或本综试区领导小组办公室可以维护政策目录',
        en: 'Only an administrator or the zone office maintains the policy catalog',
      });
    }
    // The code names the zone and year, so an update can never move a policy to another zone or year.
    if (!policyCodeMatches(path.code, body.zone, body.year)) {
      throw badRequest(
        'VALIDATION_FAILED',
        {
          zh: '政策编号的综试区前缀或年度与内容不符',
          en: "The policy code's zone prefix or year does not match the policy",
        },
        [{ path: 'code', code: 'invalid_value', message: 'code does not match zone and year' }],
      );
    }
    const { version, ...fields } = body;
    const { policy, created } = await putPolicy(path.code, fields, version, {
      userId: caller.userId,
      now: nowIso(),
    });
    return respond(created ? 201 : 200, { policy });
  },
);
