import { describe, expect, it } from 'vitest';
import type { CreditStatus } from '../../../../domain/registry/credit.ts';
import type { Enterprise } from '../../../../domain/registry/enterprise.ts';
import type { SubmissionPorts } from '../../../../domain/shared/program.ts';
import type { SubsidyClaimForm } from '../../../../domain/subsidy/claim.ts';
import type { Policy } from '../../../../domain/subsidy/policy.ts';
import {
  checkSubsidyEligibility,
  computeClaimAmount,
  estimateSubsidyClaim,
  subsidyProgram,
} from '../../../../domain/subsidy/program.ts';

const policy: Policy = {
  code: 'WH-2026-OW-01',
  name: { zh: '海外仓补贴', en: 'Overseas warehouse support' },
  zone: 'wuhu',
  year: 2026,
  category: 'OVERSEAS_WAREHOUSE',
  subsidyRate: 0.3,
  perClaimCapCny: 500_000,
  perEnterpriseAnnualCapCny: 1_000_000,
  totalBudgetCny: 10_000_000,
  requiredDocuments: [{ code: 'INVOICES', name: { zh: '发票', en: 'Invoices' } }],
  openDate: '2026-01-01',
  closeDate: '2026-06-30',
  overdraftPolicy: 'QUEUE',
  status: 'PUBLISHED',
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'admin',
  version: 1,
};

const enterprise = { uscc: 'E', zone: 'wuhu', registeredInZone: true } as unknown as Enterprise;

const form: SubsidyClaimForm = {
  policyCode: policy.code,
  invoices: [
    { code: '3400261130', number: '00000001', date: '2026-03-01', amountCny: 200_000, description: '仓储费' },
  ],
  requestedAmountCny: 80_000,
  attachments: [
    {
      documentCode: 'INVOICES',
      attachmentId: '0b1f4a52-3c1e-4d59-9a47-6f2d8c1e5b70',
      fileName: 'invoices.pdf',
    },
  ],
};

const ports = (
  credit: CreditStatus = 'NONE',
  usage = { underPolicyCny: 0, allPoliciesCny: 0 },
  zoneCap: number | undefined = 1_500_000,
): SubmissionPorts => ({
  findCertificate: async () => undefined,
  findEnterprise: async () => enterprise,
  applicationsOfOrg: async () => [],
  findPolicy: async (code) => (code === policy.code ? policy : undefined),
  findZoneCap: async () => zoneCap,
  creditOf: async () => ({ status: credit, reasons: credit === 'NONE' ? [] : ['列入原因 — 市场监管局'] }),
  subsidyUsage: async () => usage,
  findTrainingSession: async () => undefined,
});

const applicant = { orgId: 'E', today: '2026-05-01' };

/** The submission check on the facts the program loads for it, as create-application runs them. */
const submissionCheck = async (claim: SubsidyClaimForm, from: SubmissionPorts) =>
  subsidyProgram.submissionCheck?.(
    claim,
    applicant,
    from,
    await estimateSubsidyClaim(claim, applicant, from),
  );

describe('SUBSIDY eligibility from stored data', () => {
  it.each([
    ['NONE', 'NORMAL'],
    ['WHITELISTED', 'FAST_TRACK'],
    ['ABNORMAL', 'MANUAL_CHECK'],
    ['BLACKLISTED', 'REFUSED'],
  ] as const)('credit status %s routes the claim %s', async (credit, route) => {
    expect((await checkSubsidyEligibility(form, applicant, ports(credit))).route.route).toBe(route);
  });

  it('checks the policy window on the submission day when checking again later', async () => {
    const later = { ...applicant, today: '2026-11-01' };
    expect((await checkSubsidyEligibility(form, later, ports())).route.route).toBe('REFUSED');
    const recheck = { ...later, claimedOn: '2026-05-01' };
    expect((await checkSubsidyEligibility(form, recheck, ports())).route.route).toBe('NORMAL');
  });

  it('refuses an unknown policy by name', async () => {
    const refusal = await submissionCheck({ ...form, policyCode: 'WH-2026-XX-01' }, ports());
    expect(refusal?.en).toBe('There is no policy WH-2026-XX-01');
  });

  it('refuses a claim the annual caps leave nothing for, naming the cap', async () => {
    const used = ports('NONE', { underPolicyCny: 1_000_000, allPoliciesCny: 1_000_000 });
    const refusal = await submissionCheck(form, used);
    expect(refusal?.zh).toContain('本政策年度上限 1000000 元，已用 1000000 元');
    expect(refusal?.en).toMatch(/^The amount by the policy's rules is CNY 0/);
  });
});

describe('SUBSIDY amount', () => {
  it('is 30 % of the cost, limited by the request and what the allowances have left', () => {
    expect(
      computeClaimAmount(form, policy, undefined, { underPolicyCny: 0, allPoliciesCny: 0 }),
    ).toMatchObject({
      amountCny: 60_000,
      limitedBy: 'RATE',
    });
    const nearlyUsed = { underPolicyCny: 0, allPoliciesCny: 1_480_000 };
    expect(computeClaimAmount(form, policy, 1_500_000, nearlyUsed)).toMatchObject({
      amountCny: 20_000,
      limitedBy: 'ZONE_ANNUAL',
    });
  });

  it('keys every invoice, so two live claims cannot share one', () => {
    expect(subsidyProgram.uniqueKeys?.(form).map((key) => key.key)).toEqual(['INVOICE#3400261130#00000001']);
  });
});
