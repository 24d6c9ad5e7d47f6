import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoExperts } from '../../local/seed.ts';
import {
  type ApplicationView,
  eventually,
  sampleParkForm,
  submitPark,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import {
  approveUpToNotice,
  decide,
  historyOf,
  inspection,
  type ParkActors,
  panelOf,
  scorePanel,
  wuhuActors,
} from './park-flow.ts';

// 50,000× time: a five-working-day notice lasts about twelve seconds.
const local = withLocalCloud({ timeScale: 50_000 });
let actors: ParkActors;

beforeAll(async () => {
  await loadDemoExperts(local.cloud.apiUrl);
  actors = await wuhuActors(local.login);
});

afterEach(() => {
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

interface PublicNoticeView {
  applicationId: string;
  firstDay: string;
  lastDay: string;
}

const publicNotices = async () => {
  const response = await fetch(`${local.cloud.apiUrl}/public/notices?limit=100`);
  return ((await response.json()) as { items: PublicNoticeView[] }).items;
};

const waitForNotice = (applicationId: string) =>
  eventually(async () => (await publicNotices()).find((notice) => notice.applicationId === applicationId), {
    what: `the public notice of ${applicationId}`,
  });

/** Objections count only within the notice period, which starts the next working day: step into it. */
const objectTo = async (applicationId: string, reason: string, ip: string) => {
  const notice = await waitForNotice(applicationId);
  process.env.PLATFORM_CLOCK_OFFSET_MS = String(Date.parse(`${notice.firstDay}T01:00:00Z`) - Date.now());
  const response = await fetch(`${local.cloud.apiUrl}/public/notices/${applicationId}/objections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ name: '王先生', contact: '13900000000', reason }),
  });
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
  expect(response.status).toBe(201);
  return ((await response.json()) as { objectionId: string }).objectionId;
};

describe('municipal park certification, full path', () => {
  it('approves through panel, inspection and notice; the draw excludes conflicted experts', async () => {
    const submitted = await submitPark(actors.park, { parkName: '全流程测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE', {
      comment: '同意，提交专家评审',
    });

    const members = await scorePanel(actors, submitted.id, [78, 82, 90]);
    // expert.wuhu.2 lives in the park's district and expert.wuhu.4 declared a conflict with the operator.
    expect(members.sort()).toEqual(['demo-expert.wuhu', 'demo-expert.wuhu.3', 'demo-expert.wuhu.5']);

    await decide(actors.municipal, submitted.id, 'SITE_INSPECTION', 'APPROVE', { data: inspection(true) });
    const notice = await waitForNotice(submitted.id);
    expect(notice.firstDay <= notice.lastDay).toBe(true);

    const approved = await waitForStatus(actors.park, submitted.id, 'APPROVED');
    expect(approved.certificate?.number).toMatch(/^WH-PARK-M-\d{4}-\d{4}$/);
    expect((await publicNotices()).some((item) => item.applicationId === submitted.id)).toBe(false);

    const history = await historyOf(actors.park, submitted.id);
    expect(history.chain.valid).toBe(true);
    const actions = history.audit.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'EXPERT_PANEL_DRAWN',
        'EXPERT_SCORED',
        'EXPERT_PANEL_PASSED',
        'PUBLIC_NOTICE_OPENED',
        'PUBLIC_NOTICE_CLOSED',
        'CERTIFICATE_ISSUED',
      ]),
    );
    expect(actions.filter((action) => action === 'EXPERT_SCORED')).toHaveLength(3);
    const draw = history.audit.find((event) => event.action === 'EXPERT_PANEL_DRAWN');
    expect(draw?.data?.exclusions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: 'demo-expert.wuhu.2', reason: 'SAME_DISTRICT' }),
        expect.objectContaining({ userId: 'demo-expert.wuhu.4', reason: 'DECLARED_CONFLICT' }),
      ]),
    );
  });

  it('lets an expert read only the applications assigned to them', async () => {
    const submitted = await submitPark(actors.park, { parkName: '专家权限测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE');
    const members = await panelOf(actors.municipal, submitted.id);
    const assigned = await actors.login((members[0] ?? '').replace(/^demo-/, ''));
    expect((await assigned.get(`/applications/${submitted.id}`)).status).toBe(200);
    const excluded = await actors.login('expert.wuhu.2');
    const refused = await excluded.get(`/applications/${submitted.id}`);
    expect(refused.status).toBe(404);
    expect((await excluded.get(`/applications/${submitted.id}/history`)).status).toBe(404);
  });

  it('rejects when the panel average is below the threshold', async () => {
    const submitted = await submitPark(actors.park, { parkName: '评分不足测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE');
    await scorePanel(actors, submitted.id, [60, 65, 70]);
    await waitForStatus(actors.park, submitted.id, 'REJECTED');
    const history = await historyOf(actors.park, submitted.id);
    const result = history.audit.find((event) => event.action === 'EXPERT_PANEL_FAILED');
    expect(result?.data).toMatchObject({ average: 65, passAverage: 70 });
  });

  it('returns after a failed inspection, then rejects on a second failure', async () => {
    const submitted = await submitPark(actors.park, { parkName: '核查失败测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE');
    await scorePanel(actors, submitted.id, [80, 80, 80]);

    const task = await waitForTask(actors.municipal, submitted.id, 'SITE_INSPECTION');
    const inconsistent = await actors.municipal.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'APPROVE',
      data: inspection(false),
    });
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body).toMatchObject({ error: { code: 'DECISION_INCONSISTENT' } });
    const missing = await actors.municipal.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(missing.status).toBe(400);

    await decide(actors.municipal, submitted.id, 'SITE_INSPECTION', 'RETURN', {
      comment: '请整改后重新申请核查',
      data: inspection(false),
    });
    await waitForTask(actors.park, submitted.id, 'SITE_INSPECTION_REVISION');
    const resubmitted = await actors.park.post(`/applications/${submitted.id}/resubmit`, {
      form: sampleParkForm({ parkName: '核查失败测试园区' }),
      comment: '已整改',
    });
    expect(resubmitted.status).toBe(200);
    await decide(actors.municipal, submitted.id, 'SITE_INSPECTION', 'REJECT', {
      comment: '整改后仍不符合',
      data: inspection(false),
    });
    await waitForStatus(actors.park, submitted.id, 'REJECTED');
  });

  it('keeps two revision rounds in the history', async () => {
    const submitted = await submitPark(actors.park, { parkName: '两轮补正测试园区' });
    for (const round of [1, 2]) {
      await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'RETURN', {
        comment: `第 ${round} 次补正`,
      });
      await waitForTask(actors.park, submitted.id, 'DISTRICT_REVISION');
      const reply = await actors.park.post<{ application: ApplicationView }>(
        `/applications/${submitted.id}/resubmit`,
        {
          form: sampleParkForm({ parkName: '两轮补正测试园区', description: `第 ${round} 轮补正材料` }),
        },
      );
      expect(reply.body.application.revision).toBe(round);
    }
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await waitForTask(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW');
    const history = await historyOf(actors.park, submitted.id);
    const actions = history.audit.map((event) => event.action);
    expect(actions.filter((action) => action === 'DECISION_RETURN')).toHaveLength(2);
    expect(actions.filter((action) => action === 'RESUBMITTED')).toHaveLength(2);
  });

  it.each(['DISTRICT_REVIEW', 'MUNICIPAL_REVIEW'])('rejects at %s', async (stage) => {
    const submitted = await submitPark(actors.park, { parkName: `驳回测试园区 ${stage}` });
    if (stage === 'MUNICIPAL_REVIEW')
      await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    const reviewer = stage === 'DISTRICT_REVIEW' ? actors.district : actors.municipal;
    await decide(reviewer, submitted.id, stage, 'REJECT', { comment: '不符合条件' });
    await waitForStatus(actors.park, submitted.id, 'REJECTED');
  });

  it('rejects automatically when the criteria are not met', async () => {
    const submitted = await submitPark(actors.park, { floorAreaSqm: 500, crossBorderEnterprises: 3 });
    const rejected = await waitForStatus(actors.park, submitted.id, 'REJECTED');
    expect(rejected.stage).toBe('CRITERIA_CHECK');
  });
});

describe('public notice', () => {
  it('rejects when the office upholds an objection', async () => {
    const submitted = await submitPark(actors.park, { parkName: '异议成立测试园区' });
    await approveUpToNotice(actors, submitted.id);
    await waitForNotice(submitted.id);
    const objectionId = await objectTo(submitted.id, '园区实际入驻企业数量与申报严重不符。', '203.0.113.7');

    const task = await waitForTask(actors.office, submitted.id, 'OBJECTION_REVIEW');
    const incomplete = await actors.office.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'REJECT',
      comment: '异议成立',
      data: { rulings: [{ objectionId: 'someone-else', outcome: 'UPHOLD', reason: '核实属实' }] },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ error: { code: 'DECISION_INCONSISTENT' } });

    await decide(actors.office, submitted.id, 'OBJECTION_REVIEW', 'REJECT', {
      comment: '异议成立',
      data: { rulings: [{ objectionId, outcome: 'UPHOLD', reason: '经核实，入驻企业数量不实' }] },
    });
    await waitForStatus(actors.park, submitted.id, 'REJECTED');
    const history = await historyOf(actors.park, submitted.id);
    expect(history.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'OBJECTION_UPHELD', reason: '经核实，入驻企业数量不实' }),
      ]),
    );
  });

  it('continues to the certificate when the office dismisses every objection', async () => {
    const submitted = await submitPark(actors.park, { parkName: '异议不成立测试园区' });
    await approveUpToNotice(actors, submitted.id);
    await waitForNotice(submitted.id);
    const first = await objectTo(submitted.id, '担心园区周边交通拥堵问题。', '203.0.113.8');
    const second = await objectTo(submitted.id, '园区宣传材料夸大了海外仓规模。', '203.0.113.9');

    const task = await waitForTask(actors.office, submitted.id, 'OBJECTION_REVIEW');
    const inconsistent = await actors.office.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'REJECT',
      comment: '驳回',
      data: {
        rulings: [
          { objectionId: first, outcome: 'DISMISS', reason: '与认定条件无关' },
          { objectionId: second, outcome: 'DISMISS', reason: '经核实，规模属实' },
        ],
      },
    });
    expect(inconsistent.status).toBe(400);
    await decide(actors.office, submitted.id, 'OBJECTION_REVIEW', 'APPROVE', {
      data: {
        rulings: [
          { objectionId: first, outcome: 'DISMISS', reason: '与认定条件无关' },
          { objectionId: second, outcome: 'DISMISS', reason: '经核实，规模属实' },
        ],
      },
    });
    const approved = await waitForStatus(actors.park, submitted.id, 'APPROVED');
    expect(approved.certificate).toBeDefined();
    const actions = (await historyOf(actors.park, submitted.id)).audit.map((event) => event.action);
    expect(actions.filter((action) => action === 'OBJECTION_DISMISSED')).toHaveLength(2);
  });

  it('counts the notice in working days across National Day and its make-up Saturday', async () => {
    const submitted = await submitPark(actors.park, { parkName: '国庆公示测试园区' });
    await decide(actors.district, submitted.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(actors.municipal, submitted.id, 'MUNICIPAL_REVIEW', 'APPROVE');
    await scorePanel(actors, submitted.id, [80, 80, 80]);
    // The inspection is approved on Tuesday 29 September 2026, just before the National Day holiday.
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(Date.parse('2026-09-29T02:00:00Z') - Date.now());
    await decide(actors.municipal, submitted.id, 'SITE_INSPECTION', 'APPROVE', { data: inspection(true) });
    const notice = await waitForNotice(submitted.id);
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;
    // Working days: 30 Sep, then 1–7 Oct off, 8 and 9 Oct, Saturday 10 Oct (调休 working day), Monday 12 Oct.
    expect(notice).toMatchObject({ firstDay: '2026-09-30', lastDay: '2026-10-12' });
    // The holiday stretches the window to 13.6 days after it opened: about 23 s at this time scale.
    await waitForStatus(actors.park, submitted.id, 'APPROVED', 55_000);
  });

  it('withdraws during the notice: the notice disappears and the execution stops', async () => {
    const submitted = await submitPark(actors.park, { parkName: '公示期撤回测试园区' });
    await approveUpToNotice(actors, submitted.id);
    await waitForNotice(submitted.id);
    const withdrawn = await actors.park.post(`/applications/${submitted.id}/withdraw`, {
      reason: '主动撤回',
    });
    expect(withdrawn.status).toBe(200);
    expect((await publicNotices()).some((notice) => notice.applicationId === submitted.id)).toBe(false);
    const history = await eventually(async () => {
      const view = await historyOf(actors.park, submitted.id);
      return view.execution.some((event) => event.type === 'ExecutionAborted') ? view : undefined;
    });
    expect(history.audit.at(-1)?.action).toBe('WITHDRAWN');
  });
});

describe('provincial certification', () => {
  const certifyMunicipal = async (parkName: string) => {
    const submitted = await submitPark(actors.park, { parkName });
    await approveUpToNotice(actors, submitted.id);
    return waitForStatus(actors.park, submitted.id, 'APPROVED');
  };

  it('refuses a provincial application without a valid municipal certificate', async () => {
    const unknown = await actors.park.post('/applications', {
      program: 'PARK_CERT',
      form: sampleParkForm({ level: 'PROVINCIAL', municipalCertificateNumber: 'WH-PARK-M-2020-9999' }),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { code: 'SUBMISSION_REFUSED' } });
    expect((unknown.body as { error: { message: string } }).error.message).toContain('市级');

    const missingNumber = await actors.park.post('/applications', {
      program: 'PARK_CERT',
      form: sampleParkForm({ level: 'PROVINCIAL' }),
    });
    expect(missingNumber.status).toBe(400);
  });

  it('refuses another organization’s municipal certificate', async () => {
    const certified = await certifyMunicipal('他人证书测试园区');
    const other = await actors.login('park.jinghu');
    const reply = await other.request(
      'POST',
      '/applications',
      {
        program: 'PARK_CERT',
        form: sampleParkForm({
          level: 'PROVINCIAL',
          parkName: '他人证书测试园区',
          municipalCertificateNumber: certified.certificate?.number,
        }),
      },
      { 'accept-language': 'en' },
    );
    expect(reply.status).toBe(422);
    expect((reply.body as { error: { message: string } }).error.message).toContain(
      'another park or organization',
    );
  });

  it('certifies at provincial level: recommendation, provincial review, notice', async () => {
    const municipal = await certifyMunicipal('省级认定测试园区');
    const reply = await actors.park.post<{ application: ApplicationView }>('/applications', {
      program: 'PARK_CERT',
      form: sampleParkForm({
        level: 'PROVINCIAL',
        parkName: '省级认定测试园区',
        floorAreaSqm: 60_000,
        crossBorderEnterprises: 80,
        annualTransactionCnyMillion: 1_200,
        municipalCertificateNumber: municipal.certificate?.number,
      }),
    });
    expect(reply.status).toBe(201);
    const id = reply.body.application.id;
    await decide(actors.municipal, id, 'MUNICIPAL_RECOMMENDATION', 'APPROVE', { comment: '推荐' });
    await decide(actors.provincial, id, 'PROVINCIAL_REVIEW', 'APPROVE');
    await waitForNotice(id);
    const approved = await waitForStatus(actors.park, id, 'APPROVED');
    expect(approved.certificate?.number).toMatch(/^WH-PARK-P-\d{4}-\d{4}$/);
  });

  it.each(['MUNICIPAL_RECOMMENDATION', 'PROVINCIAL_REVIEW'])('rejects at %s', async (stage) => {
    const municipal = await certifyMunicipal(`省级驳回测试园区 ${stage}`);
    const reply = await actors.park.post<{ application: ApplicationView }>('/applications', {
      program: 'PARK_CERT',
      form: sampleParkForm({
        level: 'PROVINCIAL',
        parkName: `省级驳回测试园区 ${stage}`,
        floorAreaSqm: 60_000,
        crossBorderEnterprises: 80,
        annualTransactionCnyMillion: 1_200,
        municipalCertificateNumber: municipal.certificate?.number,
      }),
    });
    const id = reply.body.application.id;
    if (stage === 'PROVINCIAL_REVIEW')
      await decide(actors.municipal, id, 'MUNICIPAL_RECOMMENDATION', 'APPROVE');
    const reviewer = stage === 'PROVINCIAL_REVIEW' ? actors.provincial : actors.municipal;
    await decide(reviewer, id, stage, 'REJECT', { comment: '暂不具备省级条件' });
    await waitForStatus(actors.park, id, 'REJECTED');
  });
});

describe('certificate numbers', () => {
  it('are gapless per zone, level and year', async () => {
    const submitted = await Promise.all(
      [1, 2, 3].map((n) => submitPark(actors.park, { parkName: `编号测试园区 ${n}` })),
    );
    await Promise.all(submitted.map(({ id }) => approveUpToNotice(actors, id)));
    const certified = await Promise.all(
      submitted.map(({ id }) => waitForStatus(actors.park, id, 'APPROVED')),
    );
    const sequences = certified
      .map((application) => application.certificate?.sequence ?? 0)
      .sort((a, b) => a - b);
    for (let index = 1; index < sequences.length; index += 1) {
      expect(sequences[index]).toBe((sequences[index - 1] ?? 0) + 1);
    }
  });
});
