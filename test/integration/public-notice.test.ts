import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../domain/shared/application.ts';
import { endOfChinaDay, startOfChinaDay } from '../../domain/shared/calendar.ts';
import type { PublicNotice } from '../../domain/shared/notice.ts';
import { chinaDay } from '../../local/china-today.ts';
import {
  ApiClient,
  eventually,
  snapshotTable,
  submitPark,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';

const local = withLocalCloud();

// The repository runs in this process against the local cloud: imported once the cloud has set the
// table name and endpoint variables.
let notices: typeof import('../../functions/shared/notices.ts');
let park: ApiClient;
/** Open, receives the accepted objections. */
let underNotice: Application;
/** Open, then closed by the test. */
let closing: Application;
/** Open, used up by the rate-limit test. */
let spare: Application;
/** Published, but its first day is tomorrow. */
let upcoming: Application;

const noticeOf = (application: Application, firstDay: string, lastDay: string): PublicNotice => ({
  applicationId: application.id,
  program: application.program,
  variant: application.variant,
  title: application.title,
  ...(application.orgName !== undefined ? { orgName: application.orgName } : {}),
  zone: application.zone,
  district: application.district,
  firstDay,
  lastDay,
  endsAt: endOfChinaDay(lastDay).toISOString(),
  status: 'OPEN',
  openedAt: new Date().toISOString(),
  objectionCount: 0,
});

const listingFields = [
  'applicationId',
  'district',
  'endsAt',
  'firstDay',
  'lastDay',
  'openedAt',
  'orgName',
  'program',
  'title',
  'variant',
  'zone',
];

const validObjection = {
  name: '李明',
  contact: 'liming@example.com',
  reason: '该园区申报的入驻企业数量与实际情况不符，请核实。',
};

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Anonymous POST; `body` as a string is sent verbatim. */
const object = async (id: string, body: unknown = validObjection, headers: Record<string, string> = {}) => {
  const response = await fetch(`${local.cloud.apiUrl}/public/notices/${id}/objections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  } satisfies Reply;
};

const publicList = async (query = 'limit=100') => {
  const reply = await new ApiClient(local.cloud.apiUrl).get<{
    items: Record<string, unknown>[];
    cursor: string | null;
  }>(`/public/notices?${query}`);
  expect(reply.status).toBe(200);
  return reply.body;
};

const rateCounters = async (purpose: string) =>
  (await snapshotTable(local.documents, local.cloud.tableName)).filter((item) =>
    String(item.pk).startsWith(`RATE#${purpose}#`),
  );

beforeAll(async () => {
  park = await local.login('park.wuhu');
  const district = await local.login('district.jiujiang');
  const submitted = await Promise.all(
    ['公示测试园区甲', '公示测试园区乙', '公示测试园区丙', '公示测试园区丁'].map((parkName) =>
      submitPark(park, { parkName }),
    ),
  );
  // Let each workflow park at its first human step, so that nothing else writes while we compare tables.
  for (const application of submitted) {
    await waitForTask(district, application.id, 'DISTRICT_REVIEW');
    await eventually(async () => {
      const { body } = await park.get<{ audit: { action: string }[] }>(
        `/applications/${application.id}/history`,
      );
      return body.audit.some((event) => event.action === 'TASK_CREATED') ? true : undefined;
    });
  }
  await local.cloud.stepFunctions.settled();
  [underNotice, closing, spare, upcoming] = (await Promise.all(
    submitted.map(
      async ({ id }) =>
        (
          await park.get<{ application: Application }>(`/applications/${id}`)
        ).body.application,
    ),
  )) as [Application, Application, Application, Application];

  notices = await import('../../functions/shared/notices.ts');
  for (const application of [underNotice, closing, spare]) {
    await notices.openNotice(noticeOf(application, chinaDay(-1), chinaDay(10)));
  }
  await notices.openNotice(noticeOf(upcoming, chinaDay(1), chinaDay(12)));
});

describe('public notice repository', () => {
  it('opens idempotently: a retried step gets the stored notice back', async () => {
    const stored = await notices.getNotice(underNotice.id);
    const again = await notices.openNotice({
      ...noticeOf(underNotice, chinaDay(5), chinaDay(20)),
      title: '另一个标题',
    });
    expect(again).toEqual(stored);
    expect(await notices.getNotice(underNotice.id)).toEqual(stored);
  });

  it('refuses objections outside the window: before the first day and after endsAt', async () => {
    const notice = await notices.getNotice(underNotice.id);
    if (!notice) throw new Error('no notice');
    const refusal = (at: Date) =>
      notices.addObjection(underNotice.id, validObjection, at).then(
        () => 'accepted',
        (error: unknown) => (error instanceof notices.ObjectionRefusedError ? error.reason : error),
      );
    expect(await refusal(new Date(Date.parse(notice.endsAt) + 1))).toBe('ENDED');
    expect(await refusal(new Date(startOfChinaDay(notice.firstDay).getTime() - 1))).toBe('NOT_STARTED');
    expect(await refusal(new Date())).toBe('accepted');
    expect(await refusal(new Date())).toBe('accepted');
    expect(
      await notices.addObjection('no-such-application', validObjection, new Date()).catch((e) => e),
    ).toEqual(expect.objectContaining({ reason: 'NO_NOTICE' }));
    expect(await notices.listObjections(underNotice.id)).toHaveLength(2);
  });

  it('records a ruling once; a retry with the same ruling succeeds, another ruling does not', async () => {
    const [first, second] = await notices.listObjections(underNotice.id);
    if (!first || !second) throw new Error('expected two objections');
    const ruling = {
      outcome: 'DISMISS' as const,
      reason: '经核实，入驻企业数量属实。',
      decidedBy: 'municipal.wuhu',
      decidedAt: new Date().toISOString(),
    };
    expect((await notices.recordRuling(underNotice.id, first.objectionId, ruling))?.ruling).toEqual(ruling);
    expect((await notices.recordRuling(underNotice.id, first.objectionId, ruling))?.ruling).toEqual(ruling);
    expect(
      await notices.recordRuling(underNotice.id, first.objectionId, { ...ruling, outcome: 'UPHOLD' }),
    ).toBeUndefined();
    const sk = `OBJECTION#${second.receivedAt}#${second.objectionId}`;
    expect((await notices.recordRuling(underNotice.id, sk, ruling))?.objectionId).toBe(second.objectionId);
    expect(await notices.recordRuling(underNotice.id, 'missing-objection', ruling)).toBeUndefined();
  });

  it('counts requests in fixed windows and refuses, writing nothing, above the limit', async () => {
    const at = new Date('2026-03-02T08:00:10Z');
    const take = (when: Date) => notices.takeRateLimitToken('unit-test', 'client-1', 2, 60, when);
    expect(await take(at)).toBe(true);
    expect(await take(new Date(at.getTime() + 5_000))).toBe(true);
    expect(await take(new Date(at.getTime() + 10_000))).toBe(false);
    expect(await notices.takeRateLimitToken('unit-test', 'client-2', 2, 60, at)).toBe(true);
    expect(await take(new Date(at.getTime() + 60_000))).toBe(true);
    const [counter] = await rateCounters('unit-test');
    expect(counter).toMatchObject({ count: 2, expiresAt: Date.parse('2026-03-02T08:02:00Z') / 1000 });
    expect(notices.rateWindowResetsIn(60, at)).toBe(50);
  });
});

describe('public notice API (no sign-in)', () => {
  it('lists open notices with public fields only, soonest-ending first, page by page', async () => {
    const { items } = await publicList();
    const listed = items.find((item) => item.applicationId === underNotice.id);
    expect(Object.keys(listed ?? {}).sort()).toEqual(listingFields);
    expect(listed).toMatchObject({
      title: underNotice.title,
      zone: 'wuhu',
      firstDay: chinaDay(-1),
      lastDay: chinaDay(10),
    });
    const ids = items.map((item) => item.applicationId);
    expect(ids).toEqual(expect.arrayContaining([underNotice.id, closing.id, spare.id, upcoming.id]));
    expect(ids.indexOf(upcoming.id)).toBe(ids.length - 1);
    const text = JSON.stringify(items);
    for (const secret of ['objectionCount', 'contact', validObjection.contact, 'OBJECTION#', 'gsi1']) {
      expect(text).not.toContain(secret);
    }

    const first = await publicList('limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await publicList(`limit=2&cursor=${first.cursor}`);
    expect(second.items.map((item) => item.applicationId)).toEqual(ids.slice(2, 4));

    // A token, even a bogus one, is neither needed nor read.
    expect((await new ApiClient(local.cloud.apiUrl, 'not-a-token').get('/public/notices')).status).toBe(200);
    expect((await new ApiClient(local.cloud.apiUrl).get('/public/notices?cursor=abc')).status).toBe(400);
  });

  it('accepts an objection (201) with a receipt only, counts it and audits its id only', async () => {
    const before = await notices.getNotice(underNotice.id);
    const reply = await object(underNotice.id);
    expect(reply.status).toBe(201);
    expect(Object.keys(reply.body).sort()).toEqual(['objectionId', 'receivedAt']);
    const { objectionId } = reply.body as { objectionId: string };

    expect((await notices.getNotice(underNotice.id))?.objectionCount).toBe((before?.objectionCount ?? 0) + 1);
    const stored = (await notices.listObjections(underNotice.id)).find((o) => o.objectionId === objectionId);
    expect(stored).toMatchObject({ ...validObjection, applicationId: underNotice.id });

    const { body } = await park.get<{
      audit: { action: string; actor: unknown; data?: unknown; eventKey: string }[];
      chain: { valid: boolean };
    }>(`/applications/${underNotice.id}/history`);
    const event = body.audit.find((entry) => entry.action === 'OBJECTION_RECEIVED');
    expect(event).toMatchObject({
      actor: { id: 'public', role: 'public' },
      data: { objectionId },
      eventKey: `objection:${objectionId}`,
    });
    expect(Object.keys(event?.data as object)).toEqual(['objectionId']);
    expect(JSON.stringify(body.audit)).not.toContain(validObjection.contact);
    expect(body.chain.valid).toBe(true);

    expect(JSON.stringify(await publicList())).not.toContain(validObjection.contact);
  });

  const invalid: [string, unknown, string][] = [
    ['a missing field', { name: validObjection.name, contact: validObjection.contact }, 'VALIDATION_FAILED'],
    ['an oversized reason', { ...validObjection, reason: '异'.repeat(2_001) }, 'VALIDATION_FAILED'],
    ['a control character', { ...validObjection, name: '李\u0000明' }, 'VALIDATION_FAILED'],
    ['an extra field', { ...validObjection, status: 'UPHOLD' }, 'VALIDATION_FAILED'],
    ['a too short reason', { ...validObjection, reason: '不同意' }, 'VALIDATION_FAILED'],
    ['a wrong type', { ...validObjection, contact: 13800000000 }, 'VALIDATION_FAILED'],
    ['an array', [validObjection], 'VALIDATION_FAILED'],
    ['malformed JSON', '{"name": "李明",', 'MALFORMED_JSON'],
  ];

  it.each(invalid)('refuses %s with 400 %s and changes nothing', async (_name, body, code) => {
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const reply = await object(underNotice.id, body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('refuses a malformed id with 400 and changes nothing', async () => {
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    expect((await object('..%2F..%2Fetc')).status).toBe(400);
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('answers 404 for an application without a notice', async () => {
    const reply = await object('unknown-application-0001');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'NOT_FOUND', message: '公示不存在' } });
  });

  it('answers 409 once the notice is closed, and the notice leaves the list', async () => {
    const closed = await notices.closeNotice(closing.id, 'CLOSED', new Date());
    expect(closed).toMatchObject({ status: 'CLOSED', objectionCount: 0 });
    expect(await notices.closeNotice(closing.id, 'CLOSED', new Date())).toBeUndefined();

    const reply = await object(closing.id, validObjection, { 'accept-language': 'en' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      error: {
        code: 'NOTICE_NOT_OPEN',
        message: `The notice period ended on ${chinaDay(10)}; objections are no longer accepted`,
        details: { status: 'CLOSED' },
      },
    });
    expect(await notices.listObjections(closing.id)).toEqual([]);
    expect((await notices.getNotice(closing.id))?.objectionCount).toBe(0);

    const ids = (await publicList()).items.map((item) => item.applicationId);
    expect(ids).not.toContain(closing.id);
    expect(ids).toContain(underNotice.id);
  });

  it('answers 409 before the notice period starts', async () => {
    const reply = await object(upcoming.id);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      error: { code: 'NOTICE_NOT_OPEN', message: `公示期尚未开始，自 ${chinaDay(1)} 起受理异议` },
    });
    expect(await notices.listObjections(upcoming.id)).toEqual([]);
  });

  it('refuses the 6th objection from one address within the hour with 429 and retry-after', async () => {
    // Fixed hourly windows: do not straddle a boundary.
    const leftInHour = 3_600_000 - (Date.now() % 3_600_000);
    if (leftInHour < 20_000) await new Promise((resolve) => setTimeout(resolve, leftInHour + 100));

    // Earlier tests used some of this address's five; alternate notices so that none exceeds its own limit.
    let reply: Reply | undefined;
    for (const target of [spare, underNotice, spare, underNotice, spare, spare]) {
      reply = await object(target.id);
      if (reply.status === 429) break;
      expect(reply.status).toBe(201);
    }
    expect(reply?.status).toBe(429);
    expect(reply?.body).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: 5 } } });
    const retryAfter = Number(reply?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    expect((await rateCounters('objection')).map((counter) => counter.count)).toContain(5);

    // A refused request writes nothing, not even to its counter.
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    expect((await object(spare.id)).status).toBe(429);
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });
});
