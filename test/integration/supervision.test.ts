import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { COMPLETION_LEAD_DAYS } from '../../domain/supervision/schedule.ts';
import type { ApiClient } from '../../local/api-client.ts';
import { uploadSamplePdfs } from '../../local/sample-files.ts';
import {
  type ApplicationView,
  eventually,
  expectRefusal,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import { decide } from './park-flow.ts';

// 200,000× time: a week of reporting lasts about three seconds.
const local = withLocalCloud({ timeScale: 200_000 });

/**
 * Weekly reports fall 7, 14, 21 and 28 days after acceptance; the completion step opens
 * COMPLETION_LEAD_DAYS before the due date. A due date 35 + lead days away leaves exactly four reports,
 * also when acceptance happens one China day after the test computed this date (crossing midnight).
 */
const dueDateForFourWeeklyReports = chinaDate(
  new Date(Date.now() + (35 + COMPLETION_LEAD_DAYS) * 86_400_000),
);
/**
 * The platform clock does not advance with the engine's scaled Waits, so the n-th report waits n weeks of
 * engine time (about 3 s each): the fourth one about 12 s, longer on a loaded machine.
 */
const REPORT_WAIT_MS = 90_000;

interface SupervisionView extends ApplicationView {
  form: { unitCode: string };
  previousExecutions?: string[];
}
interface BoardItem {
  applicationId: string;
  rag: string;
  unitCode: string;
  reportsSubmitted: number;
  lastPercentComplete?: number;
  state: string;
}

let office: ApiClient;
let customs: ApiClient;
let commerce: ApiClient;
let enterprise: ApiClient;

const supervisionForm = (overrides: Record<string, unknown> = {}) => ({
  title: '推进跨境电商 9710、9810 出口监管模式落地',
  description: '在综试区内推广跨境电商 B2B 直接出口与出口海外仓监管模式，按周报告进展。',
  unitCode: 'WH_CUSTOMS',
  dueDate: dueDateForFourWeeklyReports,
  reportingPeriod: 'WEEKLY',
  targetCode: 'transaction_value',
  ...overrides,
});

const create = (form: unknown, headers?: Record<string, string>) =>
  office.post<{ application: SupervisionView }>('/applications', { program: 'SUPERVISION', form }, headers);

const board = async (client: ApiClient, zone?: string) => {
  const reply = await client.get<{ items: BoardItem[] }>(`/supervision/board${zone ? `?zone=${zone}` : ''}`);
  return reply;
};

const boardEntry = async (id: string) =>
  (await board(office)).body.items.find((item) => item.applicationId === id);

const audit = async (id: string) =>
  (await office.get<{ audit: { action: string; reason?: string }[] }>(`/applications/${id}/history`)).body
    .audit;

beforeAll(async () => {
  // Two reports per execution, so the test sees a task continue in a new execution.
  process.env.SUPERVISION_MAX_REPORTS_PER_EXECUTION = '2';
  office = await local.login('office.wuhu');
  customs = await local.login('unit.wuhu');
  commerce = await local.login('unit.wuhu.commerce');
  enterprise = await local.login('enterprise.wuhu');
});

afterAll(() => {
  delete process.env.SUPERVISION_MAX_REPORTS_PER_EXECUTION;
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

describe('SUPERVISION', () => {
  it('refuses a unit of another zone, an unknown target and a past due date, in Chinese and English', async () => {
    const otherZone = await expectRefusal(
      (headers) => create(supervisionForm({ unitCode: 'AQ_CUSTOMS' }), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(otherZone.en).toContain('not one of this zone');
    const target = await expectRefusal(
      (headers) => create(supervisionForm({ targetCode: 'no_such_target' }), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(target.zh).toContain('没有目标');
    const past = await expectRefusal(
      (headers) => create(supervisionForm({ dueDate: '2020-01-01' }), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(past.en).toBe('The due date must be after today');
    const notOffice = await enterprise.post('/applications', {
      program: 'SUPERVISION',
      form: supervisionForm(),
    });
    expect(notOffice.status).toBe(403);
  });

  it('reassigns on request, takes weekly reports across a continued execution, and closes on approved completion', async () => {
    const created = await create(supervisionForm());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.application.id;
    const firstExecution = created.body.application.executionArn;

    // 海关 asks to be replaced; the office reassigns to 市商务局, which accepts.
    await decide(customs, id, 'ACCEPTANCE', 'RETURN', {
      comment: '该事项主要由商务部门牵头，建议改派市商务局',
    });
    const sameUnit = await office.post(
      `/tasks/${(await waitForTask(office, id, 'REASSIGNMENT')).taskId}/decision`,
      {
        outcome: 'APPROVE',
        data: { unitCode: 'WH_CUSTOMS' },
      },
    );
    expect(sameUnit.status).toBe(400);
    await decide(office, id, 'REASSIGNMENT', 'APPROVE', { data: { unitCode: 'WH_COMMERCE' } });
    await decide(commerce, id, 'ACCEPTANCE', 'APPROVE');
    expect(
      (await office.get<{ application: SupervisionView }>(`/applications/${id}`)).body.application.form
        .unitCode,
    ).toBe('WH_COMMERCE');
    expect((await boardEntry(id))?.rag).toBe('GREEN');
    // The unit that handed over can still read the task; the new unit sees it on its board.
    expect((await customs.get(`/applications/${id}`)).status).toBe(200);
    expect((await board(commerce)).body.items.map((item) => item.applicationId)).toContain(id);
    expect((await board(customs)).body.items.map((item) => item.applicationId)).not.toContain(id);

    for (const percentComplete of [20, 45, 70, 90]) {
      await decide(commerce, id, 'PROGRESS_REPORT', 'SUBMIT', {
        data: { summary: `本周推进情况：完成 ${percentComplete}%`, percentComplete },
        waitMs: REPORT_WAIT_MS,
      });
      await eventually(
        async () => ((await boardEntry(id))?.lastPercentComplete === percentComplete ? true : undefined),
        { what: `report ${percentComplete}` },
      );
    }
    const continued = (await office.get<{ application: SupervisionView }>(`/applications/${id}`)).body
      .application;
    expect(continued.previousExecutions?.[0]).toBe(firstExecution);
    expect(continued.executionArn).not.toBe(firstExecution);

    await decide(commerce, id, 'COMPLETION', 'SUBMIT', {
      data: { summary: '两种监管模式均已落地', evidence: await uploadSamplePdfs(commerce, ['report.pdf']) },
      waitMs: REPORT_WAIT_MS,
    });
    await decide(office, id, 'COMPLETION_REVIEW', 'RETURN', { comment: '请补充海关统计数据' });
    await decide(commerce, id, 'COMPLETION', 'SUBMIT', {
      data: {
        summary: '已补充统计数据',
        evidence: await uploadSamplePdfs(commerce, ['report.pdf', 'statistics.pdf']),
      },
    });
    await decide(office, id, 'COMPLETION_REVIEW', 'APPROVE');
    await waitForStatus(office, id, 'APPROVED', 60_000);
    expect(await boardEntry(id)).toBeUndefined();

    const actions = (await audit(id)).map((event) => event.action);
    for (const action of [
      'SUPERVISION_OPENED',
      'SUPERVISION_REASSIGNED',
      'EXECUTION_CONTINUED',
      'COMPLETED',
    ]) {
      expect(actions).toContain(action);
    }
    expect(actions.filter((action) => action === 'EXECUTION_CONTINUED').length).toBeGreaterThanOrEqual(1);
  }, 400_000);

  it('turns yellow (催办) when a step is overdue, then red (督办), in the audit trail and the notifications', async () => {
    const created = await create(
      supervisionForm({
        title: '建设跨境电商公共海外仓',
        dueDate: chinaDate(new Date(Date.now() + 200 * 86_400_000)),
      }),
    );
    expect(created.status).toBe(201);
    const id = created.body.application.id;
    await waitForTask(customs, id, 'ACCEPTANCE');

    const day = 24 * 60 * 60 * 1000;
    // The acceptance is due within three working days: a week on it is overdue, two weeks on seriously.
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(7 * day);
    await local.cloud.runScheduled('steps/supervise-overdue');
    expect((await boardEntry(id))?.rag).toBe('YELLOW');
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(14 * day);
    await local.cloud.runScheduled('steps/supervise-overdue');
    expect((await boardEntry(id))?.rag).toBe('RED');
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;

    const events = await audit(id);
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['SUPERVISION_URGED', 'SUPERVISION_ESCALATED']),
    );
    expect(events.find((event) => event.action === 'SUPERVISION_URGED')?.reason).toContain('催办');
    const notices = await office.get<{ items: { kind: string; applicationId?: string }[] }>('/notifications');
    expect(
      notices.body.items.some((item) => item.kind === 'SUPERVISION_ESCALATED' && item.applicationId === id),
    ).toBe(true);

    // Accepting brings it back to green at the next run.
    await decide(customs, id, 'ACCEPTANCE', 'APPROVE');
    await eventually(
      async () => {
        await local.cloud.runScheduled('steps/supervise-overdue');
        return (await boardEntry(id))?.rag === 'GREEN' ? true : undefined;
      },
      { what: 'the task to turn green again' },
    );
  });

  it('shows the board only within scope', async () => {
    expect((await board(enterprise)).status).toBe(403);
    expect((await board(office, 'anqing')).status).toBe(403);
    const provincial = await local.login('provincial');
    expect((await board(provincial, 'wuhu')).status).toBe(200);
  });
});
