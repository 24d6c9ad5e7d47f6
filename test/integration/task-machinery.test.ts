import { describe, expect, it } from 'vitest';
import { findProgram } from '../../domain/programs.ts';
import { findDemoUser } from '../../local/demo-users.ts';
import { loadDemoExperts } from '../../local/seed.ts';
import {
  type ApplicationView,
  eventually,
  sampleParkForm,
  submitPark,
  tasksOfApplication,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import { decide, historyOf, panelOf, scoresTotalling, wuhuActors } from './park-flow.ts';

const local = withLocalCloud();

describe('generic human-task machinery', () => {
  it('lets exactly one of 20 concurrent decisions on a task win; the rest get 409', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const submitted = await submitPark(park, { parkName: '并发决定测试园区' });
    const task = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        district.post(`/tasks/${task.taskId}/decision`, {
          outcome: index % 2 === 0 ? 'APPROVE' : 'REJECT',
          comment: `并发 ${index}`,
        }),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.body).toMatchObject({ error: { code: 'TASK_ALREADY_DECIDED' } });
    }
    // One decision in the audit trail, and the workflow moved on exactly once.
    const { body } = await park.get<{ audit: { action: string }[] }>(`/applications/${submitted.id}/history`);
    expect(body.audit.filter((event) => event.action.startsWith('DECISION_'))).toHaveLength(1);
  });

  it('lets a reviewer claim a task so that a colleague cannot decide it', async () => {
    const park = await local.login('park.wuhu');
    const reviewer = await local.login('district.jiujiang');
    const colleague = await local.login('district.jiujiang.b');
    const submitted = await submitPark(park, { parkName: '认领测试园区' });
    const task = await waitForTask(reviewer, submitted.id, 'DISTRICT_REVIEW');

    const claimed = await reviewer.post(`/tasks/${task.taskId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ task: { status: 'CLAIMED' } });
    expect((await reviewer.post(`/tasks/${task.taskId}/claim`)).status).toBe(200);

    const stolenClaim = await colleague.post(`/tasks/${task.taskId}/claim`);
    expect(stolenClaim.status).toBe(409);
    expect(stolenClaim.body).toMatchObject({ error: { code: 'TASK_CLAIMED_BY_OTHER' } });
    const stolenDecision = await colleague.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(stolenDecision.status).toBe(409);

    const decided = await reviewer.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(decided.status).toBe(200);
  });

  it('creates one application for 10 concurrent submissions with one Idempotency-Key', async () => {
    const park = await local.login('park.jinghu');
    const before = (await park.get<{ items: unknown[] }>('/applications?limit=100')).body.items.length;
    const body = { program: 'PARK_CERT', form: sampleParkForm({ parkName: '幂等测试园区' }) };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        park.post('/applications', body, { 'idempotency-key': 'same-key-0001' }),
      ),
    );
    // Concurrent duplicates either replay the stored result (201) or are told the first is in progress (409).
    for (const reply of replies) expect([201, 409]).toContain(reply.status);
    const ids = new Set(
      replies
        .filter((reply) => reply.status === 201)
        .map((reply) => (reply.body as { application: ApplicationView }).application.id),
    );
    expect(ids.size).toBe(1);
    const after = (await park.get<{ items: unknown[] }>('/applications?limit=100')).body.items.length;
    expect(after).toBe(before + 1);

    // A retry after completion replays the same application.
    const retry = await park.post<{ application: ApplicationView }>('/applications', body, {
      'idempotency-key': 'same-key-0001',
    });
    expect(retry.status).toBe(201);
    expect(ids.has(retry.body.application.id)).toBe(true);

    // The same key with another body is refused.
    const reused = await park.post(
      '/applications',
      { ...body, form: sampleParkForm({ parkName: '另一个园区' }) },
      { 'idempotency-key': 'same-key-0001' },
    );
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('finishes a keyed submission whose first request stopped after writing the application', async () => {
    const park = await local.login('park.wuhu');
    const user = findDemoUser('park.wuhu');
    if (!user?.orgId || !user.zone || !user.district) throw new Error('park.wuhu has no organization');
    const key = 'half-way-0001';
    const form = sampleParkForm({ parkName: '续办提交测试园区' });
    // What a request that crashed (or timed out) right after its first write leaves: the application,
    // under the id its key names, with no audit event and no execution. Loaded once the local cloud has
    // set the handlers' variables.
    const { applicationIdForKey, insertApplication } = await import('../../functions/shared/applications.ts');
    const program = findProgram('PARK_CERT');
    if (!program) throw new Error('PARK_CERT is not defined');
    const parsed = program.formSchema.parse(form);
    const id = applicationIdForKey(user.orgId, key);
    const at = new Date(Date.now() - 60_000).toISOString();
    await insertApplication({
      id,
      program: 'PARK_CERT',
      variant: program.variantOf(parsed),
      title: program.titleOf(parsed),
      orgId: user.orgId,
      applicantId: `demo-${user.username}`,
      zone: user.zone,
      district: user.district,
      status: 'SUBMITTED',
      form: parsed as Record<string, unknown>,
      revision: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });

    // The client's retry with the same key finishes that application rather than making a second one.
    const retried = await park.post<{ application: ApplicationView & { executionArn?: string } }>(
      '/applications',
      { program: 'PARK_CERT', form },
      { 'idempotency-key': key },
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.application).toMatchObject({ id, executionArn: expect.any(String) });
    await waitForTask(await local.login('district.jiujiang'), id, 'DISTRICT_REVIEW');
    const { body } = await park.get<{ audit: { action: string }[] }>(`/applications/${id}/history`);
    expect(body.audit.filter((event) => event.action === 'SUBMITTED')).toHaveLength(1);
    const mine = (await park.get<{ items: { id: string }[] }>('/applications?limit=100')).body.items;
    expect(mine.filter((item) => item.id === id)).toHaveLength(1);

    // Another form under that key is still refused, and the application is untouched.
    const other = await park.post(
      '/applications',
      { program: 'PARK_CERT', form: sampleParkForm({ parkName: '另一个续办园区' }) },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(422);
  });

  it('keeps a decision whose delivery failed and redelivers it later', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const municipal = await local.login('municipal.wuhu');
    const submitted = await submitPark(park, { parkName: '投递恢复测试园区' });
    const task = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');

    local.cloud.failStepFunctionsCalls(10);
    const reply = await district.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    local.cloud.failStepFunctionsCalls(0);
    expect(reply.status).toBe(200);
    expect(reply.body.delivery).toBe('retry-later');
    const [stored] = await tasksOfApplication(local.documents, local.cloud.tableName, submitted.id);
    expect(stored).toMatchObject({ status: 'DECIDED', gsi1pk: 'Q#UNDELIVERED' });

    // A second decision is still refused: the first one is recorded.
    const again = await district.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'REJECT',
      comment: '重复',
    });
    expect(again.status).toBe(409);

    const swept = await local.cloud.runScheduled('redeliver-decisions', { graceMs: 0 });
    expect(swept).toMatchObject({ delivered: 1 });
    await waitForTask(municipal, submitted.id, 'MUNICIPAL_REVIEW');
  });

  it('finishes an expert score whose request stopped after recording it: audit event, panel, workflow', async () => {
    await loadDemoExperts(local.cloud.apiUrl);
    const actors = await wuhuActors(local.login);
    const submitted = await submitPark(actors.park, { parkName: '评分续办测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE');
    const members = await panelOf(actors.municipal, submitted.id);
    const [last, ...others] = members;
    for (const userId of others) {
      await decide(
        await local.login(userId.replace(/^demo-/, '')),
        submitted.id,
        'EXPERT_SCORING',
        'SUBMIT',
        {
          data: scoresTotalling(80),
        },
      );
    }
    // The last expert's request records the score and then stops (a crash, a timeout): no audit event,
    // no panel decision. The module is loaded now, once the local cloud has set the handlers' variables.
    const { recordPanelSubmission } = await import('../../functions/shared/tasks.ts');
    const lastTask = await waitForTask(
      await local.login(`${last}`.replace(/^demo-/, '')),
      submitted.id,
      'EXPERT_SCORING',
    );
    const recorded = await recordPanelSubmission(lastTask.taskId, {
      outcome: 'SUBMIT',
      data: scoresTotalling(90),
      decidedBy: `${last}`,
      decidedByRole: 'expert',
      decidedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(recorded.ok).toBe(true);
    const scoredBefore = (await historyOf(actors.park, submitted.id)).audit.filter(
      (event) => event.action === 'EXPERT_SCORED',
    );
    expect(scoredBefore).toHaveLength(others.length);

    const swept = await local.cloud.runScheduled('redeliver-decisions', { graceMs: 0 });
    expect(swept).toMatchObject({ scoresFinished: 1 });
    // The panel is decided (average of 80, 80, 90) and the workflow moves on to the site inspection.
    await waitForTask(actors.municipal, submitted.id, 'SITE_INSPECTION');
    const history = await historyOf(actors.park, submitted.id);
    const scored = history.audit.filter((event) => event.action === 'EXPERT_SCORED');
    expect(scored).toHaveLength(members.length);
    expect(history.audit.filter((event) => event.action === 'EXPERT_PANEL_PASSED')).toHaveLength(1);
    expect(history.chain.valid).toBe(true);
    // Nothing is left to finish: a second sweep changes nothing.
    expect(await local.cloud.runScheduled('redeliver-decisions', { graceMs: 0 })).toMatchObject({
      scoresFinished: 0,
      delivered: 0,
    });
    const tasks = await tasksOfApplication(local.documents, local.cloud.tableName, submitted.id);
    expect(tasks.filter((task) => task.gsi1pk === 'Q#PANEL_SCORED')).toEqual([]);
  });

  it('withdraws during review: the execution stops and the inbox no longer shows the task', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const submitted = await submitPark(park, { parkName: '撤回测试园区' });
    const task = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');

    const withdrawn = await park.post(`/applications/${submitted.id}/withdraw`, { reason: '园区规划调整' });
    expect(withdrawn.status).toBe(200);
    await waitForStatus(park, submitted.id, 'WITHDRAWN');

    const { body: inbox } = await district.get<{ items: { taskId: string }[] }>('/inbox?limit=100');
    expect(inbox.items.some((item) => item.taskId === task.taskId)).toBe(false);
    const decide = await district.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(decide.status).toBe(409);
    const history = await eventually(
      async () => {
        const { body } = await park.get<{ execution: { type: string }[] }>(
          `/applications/${submitted.id}/history`,
        );
        return body.execution.some((event) => event.type === 'ExecutionAborted') ? body : undefined;
      },
      { what: 'the execution to be aborted' },
    );
    expect(history.execution.at(-1)?.type).toBe('ExecutionAborted');

    const twice = await park.post(`/applications/${submitted.id}/withdraw`, {});
    expect(twice.status).toBe(409);
  });

  it('pages the inbox by due date with a cursor that cannot be moved to another queue', async () => {
    const park = await local.login('park.anqing');
    const reviewer = await local.login('district.anqing');
    const submitted = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => submitPark(park, { parkName: `安庆分页测试园区 ${n}` })),
    );
    for (const application of submitted) await waitForTask(reviewer, application.id, 'DISTRICT_REVIEW');

    const seen: { taskId: string; dueAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const { status, body } = await reviewer.get<{
        items: { taskId: string; dueAt: string }[];
        cursor: string | null;
      }>(`/inbox${query}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items);
      cursor = body.cursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((task) => task.taskId)).size).toBe(seen.length);
    const dueDates = seen.map((task) => task.dueAt);
    expect([...dueDates].sort()).toEqual(dueDates);

    const foreignCursor = Buffer.from(
      JSON.stringify({ gsi1pk: 'Q#district_reviewer#wuhu#jiujiang' }),
    ).toString('base64url');
    const refused = await reviewer.get(`/inbox?cursor=${foreignCursor}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'INVALID_CURSOR' } });
  });

  it('detects tampering with the audit trail', async () => {
    const park = await local.login('park.wuhu');
    const submitted = await submitPark(park, { parkName: '审计链测试园区' });
    await eventually(async () => {
      const { body } = await park.get<{ audit: unknown[] }>(`/applications/${submitted.id}/history`);
      return body.audit.length >= 3 ? true : undefined;
    });
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await local.documents.send(
      new UpdateCommand({
        TableName: local.cloud.tableName,
        Key: { pk: `APP#${submitted.id}`, sk: 'AUDIT#00000001' },
        UpdateExpression: 'SET actor.id = :forged',
        ExpressionAttributeValues: { ':forged': 'someone-else' },
      }),
    );
    const { body } = await park.get<{ chain: { valid: boolean; brokenAt: number } }>(
      `/applications/${submitted.id}/history`,
    );
    expect(body.chain).toEqual({ valid: false, brokenAt: 1 });
  });
});
