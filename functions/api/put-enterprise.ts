import { z } from 'zod';
import { putEnterpriseBodySchema } from '../../domain/registry/enterprise.ts';
import { usccSchema } from '../../domain/shared/uscc.ts';
import { nowIso } from '../shared/clock.ts';
import { putEnterprise } from '../shared/enterprises.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ uscc: usccSchema }).strict();

const refusal = () =>
  forbidden({
    zh: '只有管理员或本综试区领导小组办公室可以维护企业名录',
    en: 'Only an administrator or the zone office maintains the enterprise registry',
  });

export const handler = createApiHandler(
  { path: pathSchema, body: putEnterpriseBodySchema },
  async ({ caller, path, body }) => {
    const office = caller.role === 'office' && caller.zone !== undefined && caller.zone === body.zone;
    if (caller.role !== 'admin' && !office) throw refusal();
    const { version, ...fields } = body;
    const { enterprise, created } = await putEnterprise(path.uscc, fields, version, {
      userId: caller.userId,
      now: nowIso(),
      // An office may neither take over nor move an enterprise of another zone.
      ...(caller.role === 'office' ? { zoneScope: { zone: body.zone, refusal } } : {}),
    });
    return respond(created ? 201 : 200, { enterprise });
  },
);
