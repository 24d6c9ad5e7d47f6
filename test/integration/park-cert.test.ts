import { describe, expect, it } from 'vitest';
import {
  type ApplicationView,
  submitPark,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';

const local = withLocalCloud();

interface History {
  audit: { action: string; stage?: string; seq: number; actor: { role: string } }[];
  chain: { valid: boolean; brokenAt: number | null };
  execution: { type: string; state?: string }[];
}

describe('municipal park certification through the HTTP API', () => {
  it('runs submit → district approve → municipal approve → certificate', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const municipal = await local.login('municipal.wuhu');

    const submitted = await submitPark(park);
    expect(submitted.status).toBe('SUBMITTED');

    const districtTask = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
    const districtDecision = await district.post(`/tasks/${districtTask.taskId}/decision`, {
      outcome: 'APPROVE',
    });
    expect(districtDecision.status).toBe(200);
    expect(districtDecision.body.delivery).toBe('delivered');

    const municipalTask = await waitForTask(municipal, submitted.id, 'MUNICIPAL_REVIEW');
    const municipalDecision = await municipal.post(`/tasks/${municipalTask.taskId}/decision`, {
      outcome: 'APPROVE',
      comment: '同意认定',
    });
    expect(municipalDecision.status).toBe(200);

    const approved = await waitForStatus(park, submitted.id, 'APPROVED');
    const year = new Date().getFullYear();
    expect(approved.certificate?.number).toMatch(new RegExp(`^WH-PARK-M-${year}-\\d{4}$`));
    expect(approved.certificate?.validUntil.slice(0, 4)).toBe(String(year + 3));

    const { body: history } = await park.get<History>(`/applications/${submitted.id}/history`);
    expect(history.chain).toEqual({ valid: true, brokenAt: null });
    expect(history.audit.map((event) => event.action)).toEqual([
      'SUBMITTED',
      'CRITERIA_MET',
      'TASK_CREATED',
      'DECISION_APPROVE',
      'TASK_CREATED',
      'DECISION_APPROVE',
      'CERTIFICATE_ISSUED',
    ]);
    expect(history.execution.at(-1)?.type).toBe('ExecutionSucceeded');

    const { body: inbox } = await municipal.get<{ items: { applicationId: string }[] }>('/inbox');
    expect(inbox.items.some((task) => task.applicationId === submitted.id)).toBe(false);
  });

  it.each(['DISTRICT', 'MUNICIPAL'] as const)(
    'returns for revision at %s review and reviews again',
    async (level) => {
      const park = await local.login('park.wuhu');
      const district = await local.login('district.jiujiang');
      const municipal = await local.login('municipal.wuhu');
      const reviewer = level === 'DISTRICT' ? district : municipal;
      const submitted = await submitPark(park, { parkName: `退回测试园区 ${level}` });

      if (level === 'MUNICIPAL') {
        const first = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
        await district.post(`/tasks/${first.taskId}/decision`, { outcome: 'APPROVE' });
      }
      const review = await waitForTask(reviewer, submitted.id, `${level}_REVIEW`);
      const returned = await reviewer.post(`/tasks/${review.taskId}/decision`, {
        outcome: 'RETURN',
        comment: '请补充入驻企业名单',
      });
      expect(returned.status).toBe(200);

      const revisionTask = await waitForTask(park, submitted.id, `${level}_REVISION`);
      expect(revisionTask.stage).toBe(`${level}_REVISION`);
      await waitForStatus(park, submitted.id, 'RETURNED');

      const resubmitted = await park.post<{ application: ApplicationView }>(
        `/applications/${submitted.id}/resubmit`,
        {
          form: (await import('./local-cloud.ts')).sampleParkForm({
            parkName: `退回测试园区 ${level}（补正后）`,
          }),
          comment: '已补充名单',
        },
      );
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.application.revision).toBe(1);

      // The same review stage comes back, as a new task.
      const again = await waitForTask(reviewer, submitted.id, `${level}_REVIEW`);
      expect(again.taskId).not.toBe(review.taskId);
      await reviewer.post(`/tasks/${again.taskId}/decision`, { outcome: 'APPROVE' });
      if (level === 'DISTRICT') {
        const next = await waitForTask(municipal, submitted.id, 'MUNICIPAL_REVIEW');
        await municipal.post(`/tasks/${next.taskId}/decision`, { outcome: 'APPROVE' });
      }
      const approved = await waitForStatus(park, submitted.id, 'APPROVED');
      expect(approved.certificate).toBeDefined();

      const { body: history } = await park.get<History>(`/applications/${submitted.id}/history`);
      expect(history.audit.map((event) => event.action)).toContain('RESUBMITTED');
      expect(history.chain.valid).toBe(true);
    },
  );

  it('rejects automatically when the criteria are not met', async () => {
    const park = await local.login('park.wuhu');
    const submitted = await submitPark(park, { floorAreaSqm: 500, crossBorderEnterprises: 3 });
    const rejected = await waitForStatus(park, submitted.id, 'REJECTED');
    expect(rejected.stage).toBe('CRITERIA_CHECK');
    const { body } = await park.get<{ application: { criteria: { reasons: { zh: string }[] } } }>(
      `/applications/${submitted.id}`,
    );
    expect(body.application.criteria.reasons).toHaveLength(2);
  });

  it('rejects at district review and ends the workflow', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const submitted = await submitPark(park, { parkName: '驳回测试园区' });
    const task = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
    const reply = await district.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'REJECT',
      comment: '材料不实',
    });
    expect(reply.status).toBe(200);
    await waitForStatus(park, submitted.id, 'REJECTED');
  });

  it('numbers certificates without gaps per zone, level and year', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const municipal = await local.login('municipal.wuhu');
    const ids = await Promise.all([1, 2, 3].map((n) => submitPark(park, { parkName: `编号测试园区 ${n}` })));
    await Promise.all(
      ids.map(async ({ id }) => {
        const first = await waitForTask(district, id, 'DISTRICT_REVIEW');
        await district.post(`/tasks/${first.taskId}/decision`, { outcome: 'APPROVE' });
        const second = await waitForTask(municipal, id, 'MUNICIPAL_REVIEW');
        await municipal.post(`/tasks/${second.taskId}/decision`, { outcome: 'APPROVE' });
      }),
    );
    const certified = await Promise.all(ids.map(({ id }) => waitForStatus(park, id, 'APPROVED')));
    const sequences = certified
      .map((application) => application.certificate?.sequence ?? 0)
      .sort((a, b) => a - b);
    // Earlier tests in this file certified some parks already; the numbers continue without a hole.
    for (let index = 1; index < sequences.length; index += 1) {
      expect(sequences[index]).toBe((sequences[index - 1] ?? 0) + 1);
    }
    expect(new Set(certified.map((application) => application.certificate?.number)).size).toBe(3);
  });
});
