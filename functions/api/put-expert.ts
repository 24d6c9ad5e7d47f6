import { z } from 'zod';
import { expertSchema } from '../../domain/shared/expert.ts';
import { isDistrictOf } from '../../domain/shared/zones.ts';
import { nowIso } from '../shared/clock.ts';
import { badRequest, forbidden } from '../shared/errors.ts';
import { putExpert } from '../shared/experts.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const userIdPathSchema = z.object({ userId: z.string().regex(/^[A-Za-z0-9_.@-]{3,128}$/) }).strict();
const expertBodySchema = expertSchema.omit({ userId: true });

export const handler = createApiHandler(
  { path: userIdPathSchema, body: expertBodySchema },
  async ({ caller, path, body }) => {
    if (caller.role !== 'admin' && !(caller.role === 'office' && caller.zone === body.zone)) {
      throw forbidden({
        zh: '只有管理员或本区领导小组办公室可以维护专家库',
        en: 'Only an administrator or the zone office maintains the expert pool',
      });
    }
    if (!isDistrictOf(body.zone, body.district)) {
      throw badRequest(
        'VALIDATION_FAILED',
        { zh: '专家所在县区不属于该综试区', en: 'The district is not in that zone' },
        [{ path: 'district', code: 'invalid_value', message: 'unknown district' }],
      );
    }
    const expert = { ...body, userId: path.userId };
    // The office writes only experts of its own zone: one already in another zone is not its to move.
    const written = await putExpert(expert, nowIso(), caller.role === 'office' ? caller.zone : undefined);
    if (!written) {
      throw forbidden({
        zh: '该专家属于其他综试区，只能由该区领导小组办公室或管理员维护',
        en: "This expert belongs to another zone's pool; only that zone's office or an administrator maintains it",
      });
    }
    return respond(200, { expert });
  },
);
