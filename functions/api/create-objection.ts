import { objectionBodySchema, type PublicNotice } from '../../domain/shared/notice.ts';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { idPathSchema } from '../../domain/shared/requests.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { conflict, notFound, tooManyRequests } from '../shared/errors.ts';
import { createPublicApiHandler, respond } from '../shared/http.ts';
import {
  addObjection,
  type ObjectionRefusal,
  ObjectionRefusedError,
  rateWindowResetsIn,
  takeRateLimitToken,
} from '../shared/notices.ts';

/** Per client address, over all notices; and per client address and notice, over a day. */
const PER_CLIENT = { purpose: 'objection', limit: 5, windowSeconds: 60 * 60 };
const PER_CLIENT_AND_NOTICE = { purpose: 'objection-notice', limit: 3, windowSeconds: 24 * 60 * 60 };

const publicActor = { id: 'public', role: 'public' };

const takeToken = async (
  { purpose, limit, windowSeconds }: typeof PER_CLIENT,
  client: string,
  at: Date,
): Promise<void> => {
  if (await takeRateLimitToken(purpose, client, limit, windowSeconds, at)) return;
  const retryAfter = rateWindowResetsIn(windowSeconds, at);
  throw tooManyRequests(
    retryAfter,
    {
      zh: `提交过于频繁，请于 ${retryAfter} 秒后再试`,
      en: `Too many objections from your address; retry in ${retryAfter} seconds`,
    },
    { limit, windowSeconds, retryAfterSeconds: retryAfter },
  );
};

const refusalText = (reason: ObjectionRefusal, notice: PublicNotice): LocalizedText => {
  if (reason === 'NOT_STARTED') {
    return {
      zh: `公示期尚未开始，自 ${notice.firstDay} 起受理异议`,
      en: `The notice period has not started; objections are accepted from ${notice.firstDay}`,
    };
  }
  if (notice.status === 'CANCELLED') {
    return {
      zh: '该公示已撤销，不再受理异议',
      en: 'This public notice was cancelled; objections are no longer accepted',
    };
  }
  return {
    zh: `公示期已于 ${notice.lastDay} 结束，不再受理异议`,
    en: `The notice period ended on ${notice.lastDay}; objections are no longer accepted`,
  };
};

/**
 * Public (no sign-in): an objection to an application under notice. Limited per client address; answers
 * with the receipt only. The audit trail gets the objection's id, never the submitter's data.
 */
export const handler = createPublicApiHandler(
  { public: true, path: idPathSchema, body: objectionBodySchema },
  async ({ event, path, body }) => {
    const at = now();
    const client = event.requestContext.http.sourceIp;
    await takeToken(PER_CLIENT, client, at);
    await takeToken(PER_CLIENT_AND_NOTICE, `${client}#${path.id}`, at);

    let objection: Awaited<ReturnType<typeof addObjection>>;
    try {
      objection = await addObjection(path.id, body, at);
    } catch (error) {
      if (!(error instanceof ObjectionRefusedError)) throw error;
      if (!error.notice) throw notFound({ zh: '公示', en: 'Public notice' });
      const { status, firstDay, lastDay } = error.notice;
      throw conflict('NOTICE_NOT_OPEN', refusalText(error.reason, error.notice), {
        reason: error.reason,
        status,
        firstDay,
        lastDay,
      });
    }
    await appendAuditEvent({
      applicationId: path.id,
      actor: publicActor,
      action: 'OBJECTION_RECEIVED',
      data: { objectionId: objection.objectionId },
      eventKey: `objection:${objection.objectionId}`,
      at: objection.receivedAt,
    });
    return respond(201, { objectionId: objection.objectionId, receivedAt: objection.receivedAt });
  },
);
