import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  type ApplicationView,
  eventually,
  sampleParkForm,
  snapshotTable,
  submitPark,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';

const local = withLocalCloud();

let park: ApiClient;
let existing: ApplicationView;
let existingTaskId: string;

beforeAll(async () => {
  park = await local.login('park.wuhu');
  existing = await submitPark(park, { parkName: '输入校验基准园区' });
  // Let the workflow park at the first human step, so nothing else writes while we probe.
  existingTaskId = (await waitForTask(await local.login('district.jiujiang'), existing.id, 'DISTRICT_REVIEW'))
    .taskId;
  // The task becomes visible before the step finishes its last writes (stage, audit): wait for those too.
  await eventually(async () => {
    const { body } = await park.get<{ audit: { action: string }[] }>(`/applications/${existing.id}/history`);
    return body.audit.some((event) => event.action === 'TASK_CREATED') ? true : undefined;
  });
  await local.cloud.stepFunctions.settled();
});

type Probe = () => Promise<{ status: number; body: unknown }>;

const form = sampleParkForm();
const raw = async (path: string, init: RequestInit, username = 'park.wuhu') => {
  const token = (
    (await (
      await fetch(`${local.cloud.apiUrl}/local/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      })
    ).json()) as { idToken: string }
  ).idToken;
  const response = await fetch(`${local.cloud.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: (await response.json()) as unknown };
};

const cases: [string, number, string, Probe][] = [
  [
    'an invalid USCC',
    400,
    'VALIDATION_FAILED',
    () =>
      park.post('/applications', {
        program: 'PARK_CERT',
        form: { ...form, operatorUscc: '91350100M000100Y44' },
      }),
  ],
  [
    'a missing field',
    400,
    'VALIDATION_FAILED',
    () => {
      const { parkName: _omitted, ...rest } = form;
      return park.post('/applications', { program: 'PARK_CERT', form: rest });
    },
  ],
  [
    'an extra form field',
    400,
    'VALIDATION_FAILED',
    () => park.post('/applications', { program: 'PARK_CERT', form: { ...form, approved: true } }),
  ],
  [
    'an extra top-level field',
    400,
    'VALIDATION_FAILED',
    () => park.post('/applications', { program: 'PARK_CERT', form, status: 'APPROVED' }),
  ],
  [
    'wrong types',
    400,
    'VALIDATION_FAILED',
    () => park.post('/applications', { program: 'PARK_CERT', form: { ...form, floorAreaSqm: '42000' } }),
  ],
  [
    'a body over the size limit',
    413,
    'PAYLOAD_TOO_LARGE',
    () =>
      park.post('/applications', {
        program: 'PARK_CERT',
        form: { ...form, description: '园'.repeat(30_000) },
      }),
  ],
  ['an unknown program', 400, 'UNKNOWN_PROGRAM', () => park.post('/applications', { program: 'NOPE', form })],
  ['malformed JSON', 400, 'MALFORMED_JSON', () => park.post('/applications', '{"program": "PARK_CERT",')],
  [
    'a non-JSON content type',
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    () =>
      raw('/applications', {
        method: 'POST',
        body: 'program=PARK_CERT',
        headers: { 'content-type': 'text/plain' },
      }),
  ],
  [
    'the wrong applicant role',
    403,
    'FORBIDDEN',
    async () => (await local.login('enterprise.wuhu')).post('/applications', { program: 'PARK_CERT', form }),
  ],
  [
    'an applicant reading another organization’s application',
    404,
    'NOT_FOUND',
    async () => (await local.login('park.jinghu')).get(`/applications/${existing.id}`),
  ],
  [
    'an applicant reading another organization’s history',
    404,
    'NOT_FOUND',
    async () => (await local.login('park.anqing')).get(`/applications/${existing.id}/history`),
  ],
  [
    'a reviewer of another district deciding',
    403,
    'FORBIDDEN',
    async () =>
      (await local.login('district.jinghu')).post(`/tasks/${existingTaskId}/decision`, {
        outcome: 'APPROVE',
      }),
  ],
  [
    'a reviewer of another district reading',
    404,
    'NOT_FOUND',
    async () => (await local.login('district.jinghu')).get(`/applications/${existing.id}`),
  ],
  [
    'a reviewer of another zone claiming',
    403,
    'FORBIDDEN',
    async () => (await local.login('district.anqing')).post(`/tasks/${existingTaskId}/claim`),
  ],
  [
    'an unknown decision outcome',
    400,
    'VALIDATION_FAILED',
    async () =>
      (await local.login('district.jiujiang')).post(`/tasks/${existingTaskId}/decision`, {
        outcome: 'MAYBE',
      }),
  ],
  [
    'a return without a comment',
    400,
    'VALIDATION_FAILED',
    async () =>
      (await local.login('district.jiujiang')).post(`/tasks/${existingTaskId}/decision`, {
        outcome: 'RETURN',
      }),
  ],
  [
    'a comment with control characters',
    400,
    'VALIDATION_FAILED',
    async () =>
      (await local.login('district.jiujiang')).post(`/tasks/${existingTaskId}/decision`, {
        outcome: 'REJECT',
        comment: 'bad\u0000comment',
      }),
  ],
  [
    'a control character in a form field no schema checks for them',
    400,
    'VALIDATION_FAILED',
    () => park.post('/applications', { program: 'PARK_CERT', form: { ...form, parkName: '园区\u0007名称' } }),
  ],
  [
    'a control character in a key of a decision record',
    400,
    'VALIDATION_FAILED',
    async () =>
      (await local.login('district.jiujiang')).post(`/tasks/${existingTaskId}/decision`, {
        outcome: 'APPROVE',
        data: { 'note\u001b[31m': 'x' },
      }),
  ],
  ['a malformed application id', 400, 'VALIDATION_FAILED', () => park.get('/applications/..%2F..%2Fetc')],
  [
    'resubmitting when no revision is due',
    409,
    'NOT_AWAITING_REVISION',
    () => park.post(`/applications/${existing.id}/resubmit`, { form }),
  ],
  ['a missing token', 401, 'UNAUTHORIZED', () => raw('/inbox', { headers: { authorization: '' } })],
  [
    'a forged token',
    401,
    'UNAUTHORIZED',
    async () => {
      const response = await fetch(`${local.cloud.apiUrl}/inbox`, {
        headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      });
      return { status: response.status, body: await response.json() };
    },
  ],
  [
    'an invalid Idempotency-Key',
    400,
    'INVALID_IDEMPOTENCY_KEY',
    () => park.post('/applications', { program: 'PARK_CERT', form }, { 'idempotency-key': 'bad key!' }),
  ],
];

describe('bad input gets a clear 4xx JSON error and changes nothing', () => {
  it.each(cases)('%s → %i %s', async (_name, status, code, probe) => {
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const reply = await probe();
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(reply.body).toHaveProperty('error.details');
    const after = await snapshotTable(local.documents, local.cloud.tableName);
    expect(after).toEqual(before);
  });

  it('answers in English when asked', async () => {
    const reply = await park.request(
      'POST',
      '/applications',
      { program: 'NOPE', form },
      { 'accept-language': 'en' },
    );
    expect(reply.body).toMatchObject({
      error: { code: 'UNKNOWN_PROGRAM', message: 'Unknown program: NOPE' },
    });
    const chinese = await park.post('/applications', { program: 'NOPE', form });
    expect(chinese.body).toMatchObject({ error: { message: '未知的业务类型：NOPE' } });
  });

  it('reports the failing form field paths', async () => {
    const reply = await park.post('/applications', {
      program: 'PARK_CERT',
      form: { ...form, operatorUscc: 'not-a-code', contactPhone: '123' },
    });
    const paths = (reply.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['form.operatorUscc', 'form.contactPhone']));
  });

  it('names the field holding a control character, however deep', async () => {
    const reply = await park.post('/applications', {
      program: 'PARK_CERT',
      form: {
        ...form,
        description: '第一行\n第二行\t制表',
        parkName: 'ok',
        extra: [{ deep: ['a', 'b\u0085\u0001'] }],
      },
    });
    expect(reply.status).toBe(400);
    const details = (reply.body as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details).toEqual([
      {
        path: 'form.extra.0.deep.1',
        code: 'custom',
        message: '不允许控制字符 / Control characters are not allowed',
      },
    ]);
  });
});
