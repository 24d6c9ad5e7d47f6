import { beforeAll, describe, expect, it } from 'vitest';
import type { PutPolicyBody } from '../../domain/subsidy/policy.ts';
import { ApiClient } from '../../local/api-client.ts';
import { chinaDay, chinaYear } from '../../local/china-today.ts';
import { demoPolicies, loadDemoRegistry } from '../../local/demo-registry.ts';
import { findDemoUser } from '../../local/demo-users.ts';
import { uploadSamplePdfs } from '../../local/sample-files.ts';
import { generatedEnterprise, sampleSubsidyForm, uploadRequiredDocuments } from '../../local/subsidy-demo.ts';
import {
  type ApplicationView,
  eventually,
  expectRefusal,
  snapshotTable,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import { decide } from './park-flow.ts';

// 50,000× time: a five-working-day notice lasts about twelve seconds, a queued claim retries every 72 ms.
const local = withLocalCloud({ timeScale: 50_000 });

/** The test policies are of the current year and open all of it, so claims made today go through. */
const year = chinaYear();

interface ClaimView extends ApplicationView {
  assessment?: {
    amount?: { amountCny: number; limitedBy: string; steps: { limit: string; ceilingCny: number }[] };
    eligibility?: { route: string; reasons: { zh: string; en: string }[] };
    hold?: { result: string };
    approvedAmountCny?: number;
  };
  closingReasons?: { zh: string; en: string }[];
}
interface Budget {
  totalCny: number;
  availableCny: number;
  reservedCny: number;
  committedCny: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

let admin: ApiClient;
let district: ApiClient;
let municipal: ApiClient;
let finance: ApiClient;
let office: ApiClient;
let nextEnterprise = 1;
let nextInvoice = 10_000_000;

const invoices = (count = 1) => Array.from({ length: count }, () => (nextInvoice += 1));

/** A newly registered Wuhu enterprise (unless `register` is false), signed in. */
const newEnterprise = async (register = true) => {
  const { user, body } = generatedEnterprise(nextEnterprise++);
  if (register) {
    const reply = await admin.put(`/enterprises/${user.orgId}`, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
  return {
    uscc: user.orgId as string,
    client: new ApiClient(local.cloud.apiUrl, await local.cloud.issueToken(user)),
  };
};

const testPolicy = (code: string, fields: Partial<PutPolicyBody>): PutPolicyBody => ({
  name: { zh: `测试政策 ${code}`, en: `Test policy ${code}` },
  zone: 'wuhu',
  year,
  category: 'OVERSEAS_WAREHOUSE',
  subsidyRate: 0.5,
  perClaimCapCny: 10_000,
  perEnterpriseAnnualCapCny: 10_000,
  totalBudgetCny: 100_000,
  requiredDocuments: [{ code: 'INVOICES', name: { zh: '费用发票', en: 'Invoices' } }],
  openDate: `${year}-01-01`,
  closeDate: `${year}-12-31`,
  overdraftPolicy: 'REFUSE',
  status: 'PUBLISHED',
  ...fields,
});

const putPolicy = async (code: string, fields: Partial<PutPolicyBody>) => {
  const reply = await admin.put(`/policies/${code}`, testPolicy(code, fields));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};

/** One invoice of 20,000 at 50 %: a claim of 10,000 under the test policies. */
const claimForm = (policyCode: string, serials = invoices(), invoiceAmountCny = 20_000) => ({
  ...sampleSubsidyForm({ policyCode, invoiceSerials: serials, invoiceAmountCny }),
  requestedAmountCny: (serials.length * invoiceAmountCny) / 2,
});

/** A claim form, with or without its files. */
type ClaimDraft = { policyCode: string; attachments?: unknown } & Record<string, unknown>;

/**
 * The claim's files, uploaded by the claimant as the console does, unless the form names its own: the demo
 * policies' required documents, or the test policies' one (INVOICES).
 */
const withDocuments = async (client: ApiClient, form: ClaimDraft) => {
  if (form.attachments !== undefined) return form;
  if (demoPolicies.some((policy) => policy.code === form.policyCode)) {
    return { ...form, attachments: await uploadRequiredDocuments(client, form.policyCode) };
  }
  const [invoicesFile] = await uploadSamplePdfs(client, ['invoices.pdf']);
  return { ...form, attachments: [{ documentCode: 'INVOICES', ...invoicesFile }] };
};

const submit = async (client: ApiClient, form: ClaimDraft, headers?: Record<string, string>) =>
  client.post<{ application: ClaimView }>(
    '/applications',
    { program: 'SUBSIDY', form: await withDocuments(client, form) },
    headers,
  );

const submitted = async (client: ApiClient, form: ClaimDraft) => {
  const reply = await submit(client, form);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.application;
};

const budgetOf = async (code: string) => {
  const reply = await admin.get<{ budget: Budget }>(`/policies/${code}/budget`);
  expect(reply.status).toBe(200);
  return reply.body.budget;
};

const addsUp = (budget: Budget) =>
  budget.availableCny >= 0 &&
  budget.reservedCny >= 0 &&
  budget.availableCny + budget.reservedCny + budget.committedCny === budget.totalCny;

const claimOf = async (client: ApiClient, id: string) =>
  (await client.get<{ application: ClaimView }>(`/applications/${id}`)).body.application;

const auditActions = async (client: ApiClient, id: string) =>
  (await client.get<{ audit: { action: string }[] }>(`/applications/${id}/history`)).body.audit.map(
    (event) => event.action,
  );

/** A claim that went past the budget step into a review (or was closed by it). */
const settled = (client: ApiClient, id: string) =>
  eventually(
    async () => {
      const claim = await claimOf(client, id);
      const done = claim.status === 'REJECTED' || claim.stage?.endsWith('_REVIEW') === true;
      return done ? claim : undefined;
    },
    { what: `${id} to pass the budget step`, timeoutMs: 60_000 },
  );

beforeAll(async () => {
  await loadDemoRegistry(local.cloud.apiUrl);
  admin = await local.login('admin');
  district = await local.login('district.jiujiang');
  municipal = await local.login('municipal.wuhu');
  finance = await local.login('finance.wuhu');
  office = await local.login('office.wuhu');
});

describe('SUBSIDY submission refusals', () => {
  it('refuses a blacklisted enterprise with the listing reason, in Chinese and English, and stores nothing', async () => {
    const { uscc, client } = await newEnterprise();
    const listed = await admin.put(`/credit-lists/BLACKLIST/${uscc}`, {
      enterpriseName: '芜湖测试企业',
      zone: 'wuhu',
      reason: '虚开增值税发票',
      source: '市税务局',
      startDate: '2026-01-01',
    });
    expect(listed.status, JSON.stringify(listed.body)).toBeLessThan(300);
    // Uploaded first: the snapshot is of what the refused submission itself might have written.
    const form = await withDocuments(client, sampleSubsidyForm({ invoiceSerials: invoices() }));
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const reason = await expectRefusal((headers) => submit(client, form, headers), 422, 'SUBMISSION_REFUSED');
    expect(reason.zh).toContain('失信黑名单');
    expect(reason.zh).toContain('虚开增值税发票');
    expect(reason.en).toContain('The enterprise is on the blacklist');
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('refuses an enterprise not registered in the zone, a closed or unknown policy, and missing documents', async () => {
    const unregistered = await newEnterprise(false);
    const notRegistered = await expectRefusal(
      (headers) => submit(unregistered.client, sampleSubsidyForm({ invoiceSerials: invoices() }), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(notRegistered.zh).toContain('未在本综试区登记');
    expect(notRegistered.en).toContain('not registered in this pilot zone');

    const { client } = await newEnterprise();
    // Last year's policy: its window has closed, whatever today is.
    const lastYear = year - 1;
    await putPolicy(`WH-${lastYear}-TC-01`, {
      year: lastYear,
      openDate: `${lastYear}-01-01`,
      closeDate: `${lastYear}-03-31`,
    });
    const closed = await expectRefusal(
      (headers) => submit(client, claimForm(`WH-${lastYear}-TC-01`), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(closed.zh).toContain('政策不在受理期');
    expect(closed.en).toContain(`not open for claims (${lastYear}-01-01 to ${lastYear}-03-31)`);

    const unknown = await expectRefusal(
      (headers) => submit(client, claimForm(`WH-${year}-ZZ-99`), headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(unknown.en).toContain(`There is no policy WH-${year}-ZZ-99`);

    const missing = await expectRefusal(
      (headers) =>
        submit(client, { ...sampleSubsidyForm({ invoiceSerials: invoices() }), attachments: [] }, headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(missing.zh).toContain('缺少必需材料');
    expect(missing.en).toContain('Required documents missing: BUSINESS_LICENSE');

    const malformed = await submit(client, {
      ...sampleSubsidyForm(),
      invoices: [{ code: 'ABC', number: '1', date: '2026-02-30', amountCny: -1, description: 'x' }],
    });
    expect(malformed.status).toBe(400);
    expect((malformed.body as unknown as ErrorBody).error.code).toBe('VALIDATION_FAILED');
  });

  it('lets exactly one of two concurrent claims with the same invoice proceed, and frees it on rejection', async () => {
    await putPolicy(`WH-${year}-TD-01`, {});
    const [first, second] = [await newEnterprise(), await newEnterprise()];
    const [shared] = invoices();
    const replies = await Promise.all([
      submit(first.client, claimForm(`WH-${year}-TD-01`, [shared as number])),
      submit(second.client, claimForm(`WH-${year}-TD-01`, [shared as number, ...invoices()])),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    const winnerIndex = replies.findIndex((reply) => reply.status === 201);
    const loser = winnerIndex === 0 ? second : first;
    const winner = replies[winnerIndex]?.body.application as ClaimView;

    const duplicate = await expectRefusal(
      (headers) => submit(loser.client, claimForm(`WH-${year}-TD-01`, [shared as number]), headers),
      409,
      'DUPLICATE',
    );
    expect(duplicate.zh).toContain(`号码 ${String(shared).padStart(8, '0')}`);
    expect(duplicate.en).toContain('already part of another claim');

    await decide(district, winner.id, 'DISTRICT_REVIEW', 'REJECT', { comment: '发票与申报事项不符' });
    await waitForStatus(admin, winner.id, 'REJECTED');
    await submitted(loser.client, claimForm(`WH-${year}-TD-01`, [shared as number]));
  });
});

describe('SUBSIDY eligibility routes', () => {
  it('sends a whitelisted enterprise straight to the municipal review (fast track), recorded', async () => {
    const { uscc, client } = await newEnterprise();
    await admin.put(`/credit-lists/WHITELIST/${uscc}`, {
      enterpriseName: '芜湖测试企业',
      zone: 'wuhu',
      reason: '2025 年度诚信示范企业',
      source: '市商务局',
      startDate: '2026-01-01',
    });
    const claim = await submitted(client, sampleSubsidyForm({ invoiceSerials: invoices() }));
    await waitForTask(municipal, claim.id, 'MUNICIPAL_REVIEW');
    const view = await claimOf(client, claim.id);
    expect(view.assessment?.eligibility?.route).toBe('FAST_TRACK');
    const actions = await auditActions(client, claim.id);
    expect(actions).toContain('ELIGIBILITY_FAST_TRACK');
    const { body } = await client.get<{ tasks: { stage: string }[] }>(`/applications/${claim.id}`);
    expect(body.tasks.map((task) => task.stage)).not.toContain('DISTRICT_REVIEW');
  });

  it('puts an enterprise on the abnormal-operation list before the office for a manual check', async () => {
    const listed = async () => {
      const enterprise = await newEnterprise();
      await admin.put(`/credit-lists/ABNORMAL/${enterprise.uscc}`, {
        enterpriseName: '芜湖测试企业',
        zone: 'wuhu',
        reason: '未按期公示年度报告',
        source: '市场监管局',
        startDate: '2026-01-01',
      });
      return enterprise;
    };
    const cleared = await listed();
    const clearedClaim = await submitted(cleared.client, sampleSubsidyForm({ invoiceSerials: invoices() }));
    const refused = await listed();
    const refusedClaim = await submitted(refused.client, sampleSubsidyForm({ invoiceSerials: invoices() }));

    const view = await eventually(
      async () => {
        const claim = await claimOf(cleared.client, clearedClaim.id);
        return claim.assessment?.eligibility ? claim : undefined;
      },
      { what: 'the eligibility route' },
    );
    expect(view.assessment?.eligibility?.route).toBe('MANUAL_CHECK');
    expect(view.assessment?.eligibility?.reasons[0]?.zh).toContain('未按期公示年度报告');

    await decide(office, clearedClaim.id, 'ELIGIBILITY_CHECK', 'APPROVE', { comment: '已补报年报' });
    await waitForTask(district, clearedClaim.id, 'DISTRICT_REVIEW');
    await decide(office, refusedClaim.id, 'ELIGIBILITY_CHECK', 'REJECT', { comment: '仍在异常名录' });
    await waitForStatus(admin, refusedClaim.id, 'REJECTED');
  });
});

describe('SUBSIDY budget', () => {
  it('never overdraws with 30 concurrent claims; the figures add up whenever read; rejection and withdrawal release', async () => {
    await putPolicy(`WH-${year}-TB-01`, { totalBudgetCny: 100_000 });
    const enterprises = await Promise.all(Array.from({ length: 30 }, () => newEnterprise()));

    const samples: Budget[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) samples.push(await budgetOf(`WH-${year}-TB-01`));
    })();
    const claims = await Promise.all(
      enterprises.map(({ client }) => submitted(client, claimForm(`WH-${year}-TB-01`))),
    );
    const outcomes = await Promise.all(claims.map((claim) => settled(admin, claim.id)));
    sampling = false;
    await sampler;

    // 100,000 / 10,000: ten are held and go to the district review, twenty are refused with the reason.
    const held = outcomes.filter((claim) => claim.status !== 'REJECTED');
    const refused = outcomes.filter((claim) => claim.status === 'REJECTED');
    expect(held).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const claim of refused) {
      expect(claim.closingReasons?.[0]?.zh).toContain('政策预算不足');
      expect(claim.closingReasons?.[0]?.en).toContain("The policy's budget is exhausted");
    }
    expect(samples.length).toBeGreaterThan(5);
    expect(samples.every(addsUp)).toBe(true);
    expect(await budgetOf(`WH-${year}-TB-01`)).toEqual({
      totalCny: 100_000,
      availableCny: 0,
      reservedCny: 100_000,
      committedCny: 0,
    });

    const [rejected, withdrawn] = held as [ClaimView, ClaimView];
    await decide(district, rejected.id, 'DISTRICT_REVIEW', 'REJECT', { comment: '费用不属于支持范围' });
    await waitForStatus(admin, rejected.id, 'REJECTED');
    expect(await budgetOf(`WH-${year}-TB-01`)).toMatchObject({ availableCny: 10_000, reservedCny: 90_000 });

    const owner = enterprises[claims.findIndex((claim) => claim.id === withdrawn.id)] as {
      client: ApiClient;
    };
    const reply = await owner.client.post(`/applications/${withdrawn.id}/withdraw`, {
      reason: '重新整理材料',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(await budgetOf(`WH-${year}-TB-01`)).toMatchObject({ availableCny: 20_000, reservedCny: 80_000 });
    expect(addsUp(await budgetOf(`WH-${year}-TB-01`))).toBe(true);
  });

  it('queues a claim the budget cannot cover and holds it once budget is released', async () => {
    await putPolicy(`WH-${year}-TQ-01`, { totalBudgetCny: 10_000, overdraftPolicy: 'QUEUE' });
    const [first, second] = [await newEnterprise(), await newEnterprise()];
    const holder = await submitted(first.client, claimForm(`WH-${year}-TQ-01`));
    await waitForTask(district, holder.id, 'DISTRICT_REVIEW');
    const waiting = await submitted(second.client, claimForm(`WH-${year}-TQ-01`));
    await eventually(
      async () => ((await claimOf(admin, waiting.id)).stage === 'BUDGET_QUEUE' ? true : undefined),
      { what: 'the second claim to queue' },
    );
    expect((await claimOf(admin, waiting.id)).status).toBe('SUBMITTED');

    await decide(district, holder.id, 'DISTRICT_REVIEW', 'REJECT', { comment: '材料不全' });
    await waitForTask(district, waiting.id, 'DISTRICT_REVIEW');
    expect(await budgetOf(`WH-${year}-TQ-01`)).toMatchObject({ availableCny: 0, reservedCny: 10_000 });
  });
});

describe('SUBSIDY compensation at the edges', () => {
  it('gives back what a hold step took after the claim was withdrawn while it ran', async () => {
    await putPolicy(`WH-${year}-TW-01`, {});
    const { client } = await newEnterprise();
    const claim = await submitted(client, claimForm(`WH-${year}-TW-01`));
    await waitForTask(district, claim.id, 'DISTRICT_REVIEW');
    const withdrawn = await client.post(`/applications/${claim.id}/withdraw`, { reason: '撤回' });
    expect(withdrawn.status).toBe(200);
    expect(await budgetOf(`WH-${year}-TW-01`)).toMatchObject({ availableCny: 100_000, reservedCny: 0 });

    // The hold step of a stopped execution finishing late (Lambda keeps running after StopExecution).
    const late = await local.cloud.runtime.invoke('steps/hold-subsidy-claim', {
      applicationId: claim.id,
      executionArn: claim.executionArn ?? 'stopped',
    });
    expect(late).toMatchObject({ result: 'REFUSED' });
    expect(await budgetOf(`WH-${year}-TW-01`)).toMatchObject({ availableCny: 100_000, reservedCny: 0 });
  });

  it('releases the holds of a claim whose deadline expired (the TimedOut state), then records TIMED_OUT', async () => {
    await putPolicy(`WH-${year}-TT-01`, {});
    const { client } = await newEnterprise();
    const claim = await submitted(client, claimForm(`WH-${year}-TT-01`));
    await waitForTask(district, claim.id, 'DISTRICT_REVIEW');
    expect(await budgetOf(`WH-${year}-TT-01`)).toMatchObject({ reservedCny: 10_000 });
    // What the machine's TimedOut state sends when a human step's TimeoutSeconds passes.
    await local.cloud.runtime.invoke('steps/close-subsidy-claim', {
      applicationId: claim.id,
      executionArn: claim.executionArn ?? 'test',
      stateName: 'TimedOut',
      status: 'TIMED_OUT',
      action: 'DEADLINE_EXPIRED',
    });
    expect((await claimOf(client, claim.id)).status).toBe('TIMED_OUT');
    expect(await budgetOf(`WH-${year}-TT-01`)).toMatchObject({ availableCny: 100_000, reservedCny: 0 });
  });
});

describe('SUBSIDY review to disbursement', () => {
  it('returns for revision, holds the revised amount, reduces it with a reason, and commits it at disbursement', async () => {
    await putPolicy(`WH-${year}-TF-01`, {
      subsidyRate: 0.3,
      perClaimCapCny: 100_000,
      perEnterpriseAnnualCapCny: 200_000,
      totalBudgetCny: 1_000_000,
    });
    const { client } = await newEnterprise();
    const form = claimForm(`WH-${year}-TF-01`, invoices(), 100_000);
    const claim = await submitted(client, { ...form, requestedAmountCny: 30_000 });
    // 30 % of 100,000.
    expect(claim.assessment?.amount?.amountCny).toBe(30_000);
    await decide(district, claim.id, 'DISTRICT_REVIEW', 'RETURN', { comment: '请补充第二张发票' });
    await waitForTask(client, claim.id, 'DISTRICT_REVISION');
    expect(await budgetOf(`WH-${year}-TF-01`)).toMatchObject({ reservedCny: 30_000 });

    const revised = {
      ...form,
      // The revision keeps the files already filed with the claim.
      attachments: claim.form.attachments,
      invoices: [...form.invoices, ...claimForm(`WH-${year}-TF-01`, invoices(), 100_000).invoices],
      requestedAmountCny: 80_000,
    };
    const resubmitted = await client.post(`/applications/${claim.id}/resubmit`, {
      form: revised,
      comment: '已补充',
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    // 30 % of 200,000 = 60,000, below the 80,000 requested: the revised claim holds 60,000.
    await waitForTask(district, claim.id, 'DISTRICT_REVIEW');
    expect(await budgetOf(`WH-${year}-TF-01`)).toMatchObject({ reservedCny: 60_000, availableCny: 940_000 });
    expect((await claimOf(client, claim.id)).assessment?.amount).toMatchObject({
      amountCny: 60_000,
      limitedBy: 'RATE',
    });
    await decide(district, claim.id, 'DISTRICT_REVIEW', 'APPROVE');

    const tooMuch = await municipal.post(
      `/tasks/${(await waitForTask(municipal, claim.id, 'MUNICIPAL_REVIEW')).taskId}/decision`,
      {
        outcome: 'APPROVE',
        data: { approvedAmountCny: 70_000 },
      },
    );
    expect(tooMuch.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(tooMuch.body)).toContain('60000');
    const noReason = await municipal.post(
      `/tasks/${(await waitForTask(municipal, claim.id, 'MUNICIPAL_REVIEW')).taskId}/decision`,
      {
        outcome: 'APPROVE',
        data: { approvedAmountCny: 50_000 },
      },
    );
    expect(noReason.status).toBeGreaterThanOrEqual(400);
    await decide(municipal, claim.id, 'MUNICIPAL_REVIEW', 'APPROVE', {
      data: { approvedAmountCny: 50_000, reason: '一张发票的服务期部分不在政策年度内' },
    });
    await eventually(
      async () => ((await budgetOf(`WH-${year}-TF-01`)).reservedCny === 50_000 ? true : undefined),
      { what: 'the reduction to reach the budget' },
    );
    expect(await budgetOf(`WH-${year}-TF-01`)).toMatchObject({ availableCny: 950_000 });

    const payment = await waitForTask(finance, claim.id, 'DISBURSEMENT');
    const wrongAmount = await finance.post(`/tasks/${payment.taskId}/decision`, {
      outcome: 'APPROVE',
      data: { date: chinaDay(), amountCny: 60_000, voucherNumber: 'WH-CZ-2026-0815' },
    });
    expect(wrongAmount.status).toBeGreaterThanOrEqual(400);
    await decide(finance, claim.id, 'DISBURSEMENT', 'APPROVE', {
      data: { date: chinaDay(), amountCny: 50_000, voucherNumber: 'WH-CZ-2026-0815' },
    });
    await waitForStatus(client, claim.id, 'APPROVED', 60_000);
    expect(await budgetOf(`WH-${year}-TF-01`)).toEqual({
      totalCny: 1_000_000,
      availableCny: 950_000,
      reservedCny: 0,
      committedCny: 50_000,
    });
    const actions = await auditActions(client, claim.id);
    for (const action of [
      'ELIGIBILITY_NORMAL',
      'BUDGET_RESERVED',
      'RESUBMITTED',
      'AMOUNT_REDUCED',
      'PUBLIC_NOTICE_OPENED',
      'BUDGET_COMMITTED',
      'DISBURSED',
    ]) {
      expect(actions).toContain(action);
    }
    // The step that applies the reduction names the reviewer whose decision it carries out.
    const history = await client.get<{ audit: { action: string; actor: { name?: string } }[] }>(
      `/applications/${claim.id}/history`,
    );
    const reduced = history.body.audit.find((event) => event.action === 'AMOUNT_REDUCED');
    expect(reduced?.actor.name).toBe(findDemoUser('municipal.wuhu')?.name);
  });

  it('checks eligibility again before disbursement: a blacklisting since submission rejects and releases', async () => {
    await putPolicy(`WH-${year}-TR-01`, {});
    const { uscc, client } = await newEnterprise();
    const claim = await submitted(client, claimForm(`WH-${year}-TR-01`));
    await decide(district, claim.id, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(municipal, claim.id, 'MUNICIPAL_REVIEW', 'APPROVE', { data: { approvedAmountCny: 10_000 } });
    await admin.put(`/credit-lists/BLACKLIST/${uscc}`, {
      enterpriseName: '芜湖测试企业',
      zone: 'wuhu',
      reason: '骗取财政补贴',
      source: '市财政局',
      startDate: '2026-01-01',
    });
    const closed = (await waitForStatus(client, claim.id, 'REJECTED', 60_000)) as ClaimView;
    expect(closed.closingReasons?.[0]?.zh).toContain('骗取财政补贴');
    expect(await budgetOf(`WH-${year}-TR-01`)).toMatchObject({ availableCny: 100_000, reservedCny: 0 });
    expect(await auditActions(client, claim.id)).toContain('INELIGIBLE');
  });
});
