import { beforeAll, describe, expect, it } from 'vitest';
import type { BrandForm } from '../../domain/brand/form.ts';
import type { ApiClient } from '../../local/api-client.ts';
import { chinaDay } from '../../local/china-today.ts';
import { loadDemoRegistry } from '../../local/demo-registry.ts';
import { uploadSamplePdfs } from '../../local/sample-files.ts';
import { type ApplicationView, expectRefusal, waitForStatus, withLocalCloud } from './local-cloud.ts';
import { decide } from './park-flow.ts';

// 50,000× time: a five-working-day notice lasts about twelve seconds.
const local = withLocalCloud({ timeScale: 50_000 });

interface BrandView extends ApplicationView {
  assessment?: {
    amount: { amountCny: number; subtotalCny: number; lines: { market: string; amountCny: number }[] };
  };
}
interface ErrorBody {
  error: { code: string; message: string };
}

let enterprise: ApiClient;
let municipal: ApiClient;
let finance: ApiClient;

const brandForm = (mark: string, markets: [string, number][], type: BrandForm['type'] = 'TRADEMARK') => ({
  type,
  mark,
  markets: markets.map(([market, feesPaidCny], index) => ({
    market,
    filingNumber: `F-${market}-${index + 1}`,
    filingDate: '2026-03-01',
    feesPaidCny,
  })),
});

/** The filing receipt, uploaded by the enterprise as the console does. */
const withEvidence = async (form: object) => {
  const [receipt] = await uploadSamplePdfs(enterprise, ['receipt.pdf']);
  return { ...form, evidence: [{ code: 'FILING_RECEIPT', ...receipt }] };
};

const submit = async (form: object, headers?: Record<string, string>) =>
  enterprise.post<{ application: BrandView }>(
    '/applications',
    { program: 'BRAND', form: await withEvidence(form) },
    headers,
  );

const submitted = async (form: object) => {
  const reply = await submit(form);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.application;
};

beforeAll(async () => {
  enterprise = await local.login('enterprise.wuhu');
  municipal = await local.login('municipal.wuhu');
  finance = await local.login('finance.wuhu');
});

describe('BRAND', () => {
  it('refuses an applicant that is not a registered enterprise', async () => {
    // The registry is still empty here: enterprise.wuhu is not registered yet.
    try {
      const reason = await expectRefusal(
        (headers) => submit(brandForm('UNREGISTERED', [['US', 1000]]), headers),
        422,
        'SUBMISSION_REFUSED',
      );
      expect(reason.zh).toContain('企业名录');
      expect(reason.en).toContain('not in the enterprise registry');
    } finally {
      await loadDemoRegistry(local.cloud.apiUrl);
    }
  });

  it('refuses a market given twice and an unknown market code (400)', async () => {
    const twice = await submit(
      brandForm('TWICE', [
        ['US', 1000],
        ['US', 2000],
      ]),
    );
    expect(twice.status).toBe(400);
    expect((twice.body as unknown as ErrorBody).error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(twice.body)).toContain('Market US appears twice');
    const unknown = await submit(brandForm('NOWHERE', [['XX', 1000]]));
    expect(unknown.status).toBe(400);
  });

  it('runs review (with a reduction) → public notice → disbursement, and refuses a duplicate (mark, market, type)', async () => {
    const application = await submitted(
      brandForm('Wuhu Star', [
        ['US', 10_000],
        ['EU', 30_000],
      ]),
    );
    // US: min(50% × 10,000, 8,000) = 5,000; EU: min(50% × 30,000, 10,000) = 10,000.
    expect(application.assessment?.amount.amountCny).toBe(15_000);
    const { body } = await enterprise.get<{ application: BrandView }>(`/applications/${application.id}`);
    expect(body.application.assessment?.amount.lines).toMatchObject([
      { market: 'US', amountCny: 5_000 },
      { market: 'EU', amountCny: 10_000 },
    ]);

    // Same mark (other case and spacing), same market and type: refused while the first is live.
    const duplicate = await expectRefusal(
      (headers) => submit(brandForm('  WUHU   star ', [['US', 2_000]]), headers),
      409,
      'DUPLICATE',
    );
    expect(duplicate.zh).toContain('只支持一次');
    expect(duplicate.en).toContain('supported once');
    // Another type for the same mark and market is a different key.
    await submitted(brandForm('Wuhu Star', [['US', 2_000]], 'CERTIFICATION'));

    const task = await waitForTaskOf(municipal, application.id, 'MUNICIPAL_REVIEW');
    const tooMuch = await municipal.post(`/tasks/${task}/decision`, {
      outcome: 'APPROVE',
      data: { approvedAmountCny: 15_001 },
    });
    expect(tooMuch.status).toBe(400);
    const noReason = await municipal.post(`/tasks/${task}/decision`, {
      outcome: 'APPROVE',
      data: { approvedAmountCny: 12_000 },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.body as unknown as ErrorBody).error.code).toBe('DECISION_INCONSISTENT');
    await decide(municipal, application.id, 'MUNICIPAL_REVIEW', 'APPROVE', {
      data: { approvedAmountCny: 12_000, reason: '欧盟部分费用凭证不全，核减3000元' },
    });

    // After the public notice (no objections), finance pays exactly the approved amount.
    const payTask = await waitForTaskOf(finance, application.id, 'DISBURSEMENT', 60_000);
    const wrong = await finance.post(`/tasks/${payTask}/decision`, {
      outcome: 'APPROVE',
      data: { date: chinaDay(), amountCny: 15_000, voucherNumber: 'CZ-2026-0001' },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body as unknown as ErrorBody).error.message).toContain('12000');
    await decide(finance, application.id, 'DISBURSEMENT', 'APPROVE', {
      data: { date: chinaDay(), amountCny: 12_000, voucherNumber: 'CZ-2026-0001' },
    });
    await waitForStatus(enterprise, application.id, 'APPROVED');

    // Approved: still held.
    const after = await submit(brandForm('Wuhu Star', [['US', 2_000]]));
    expect(after.status).toBe(409);
  }, 120_000);

  it('accepts exactly one of two concurrent submissions of one (mark, market, type); rejection releases it', async () => {
    const replies = await Promise.all([
      submit(brandForm('Anhui Lotus', [['JP', 4_000]], 'PATENT')),
      submit(
        brandForm(
          'Anhui Lotus',
          [
            ['DE', 1_000],
            ['JP', 4_000],
          ],
          'PATENT',
        ),
      ),
    ]);
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([201, 409]);
    const winner = replies.find((reply) => reply.status === 201)?.body.application as BrandView;
    // The loser's other key (DE) was not left claimed.
    await submitted(brandForm('Anhui Lotus', [['DE', 1_000]], 'PATENT'));

    await decide(municipal, winner.id, 'MUNICIPAL_REVIEW', 'REJECT', { comment: '证据不足' });
    await waitForStatus(enterprise, winner.id, 'REJECTED');
    const again = await submitted(brandForm('Anhui Lotus', [['JP', 4_000]], 'PATENT'));
    expect(again.assessment?.amount.amountCny).toBe(2_000);
  }, 60_000);

  it('moves the keys with a revision: markets added are claimed, markets dropped are freed, amount recomputed', async () => {
    const application = await submitted(brandForm('Yangtze Crane', [['US', 4_000]]));
    await decide(municipal, application.id, 'MUNICIPAL_REVIEW', 'RETURN', {
      comment: '请改为日本市场的申请',
    });
    await waitForTaskOf(enterprise, application.id, 'MUNICIPAL_REVISION');
    const revised = await enterprise.post<{ application: BrandView }>(
      `/applications/${application.id}/resubmit`,
      {
        // The revision keeps the evidence already filed with the application.
        form: { ...brandForm('Yangtze Crane', [['JP', 6_000]]), evidence: application.form.evidence },
        comment: '已改为日本',
      },
    );
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body.application.assessment?.amount.lines).toMatchObject([
      { market: 'JP', amountCny: 3_000 },
    ]);
    await waitForTaskOf(municipal, application.id, 'MUNICIPAL_REVIEW');
    expect((await submit(brandForm('Yangtze Crane', [['JP', 1_000]]))).status).toBe(409);
    await submitted(brandForm('Yangtze Crane', [['US', 1_000]]));
  });

  it('frees the keys of a withdrawn application', async () => {
    const first = await submitted(brandForm('Jiangcheng', [['GB', 3_000]]));
    expect((await submit(brandForm('Jiangcheng', [['GB', 3_000]]))).status).toBe(409);
    const withdrawn = await enterprise.post(`/applications/${first.id}/withdraw`, { reason: '重新申报' });
    expect(withdrawn.status).toBe(200);
    await submitted(brandForm('Jiangcheng', [['GB', 3_000]]));
  });
});

const waitForTaskOf = async (client: ApiClient, applicationId: string, stage: string, timeoutMs = 30_000) => {
  const started = Date.now();
  for (;;) {
    const { body } = await client.get<{ items?: { taskId: string; applicationId: string; stage: string }[] }>(
      '/inbox?limit=100',
    );
    const task = body.items?.find((item) => item.applicationId === applicationId && item.stage === stage);
    if (task) return task.taskId;
    if (Date.now() - started > timeoutMs) throw new Error(`no ${stage} task of ${applicationId}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
