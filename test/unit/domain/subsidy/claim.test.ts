import { describe, expect, it } from 'vitest';
import {
  assessEligibility,
  type EligibilityFacts,
  eligibleCostFen,
  subsidyClaimFormSchema,
} from '../../../../domain/subsidy/claim.ts';

const facts: EligibilityFacts = {
  today: '2026-06-01',
  enterprise: { registeredInZone: true, zone: 'wuhu' },
  policy: {
    zone: 'wuhu',
    status: 'PUBLISHED',
    openDate: '2026-01-01',
    closeDate: '2026-12-31',
    requiredDocuments: [{ code: 'LEASE' }],
  },
  creditStatus: 'NONE',
  creditReasons: [],
  attachments: [{ documentCode: 'LEASE' }],
};

const form = {
  policyCode: 'WH-2026-OW-01',
  invoices: [
    {
      code: '3400231130',
      number: '00012345',
      date: '2026-03-01',
      amountCny: 120_000.5,
      description: '海外仓租赁费',
    },
    {
      code: '-',
      number: '26342000000012345678',
      date: '2026-03-02',
      amountCny: 0.3,
      description: '仓储服务费',
    },
  ],
  requestedAmountCny: 30_000,
  attachments: [
    { documentCode: 'LEASE', attachmentId: '0b1f4a52-3c1e-4d59-9a47-6f2d8c1e5b71', fileName: 'lease.pdf' },
  ],
};

describe('subsidy claim form', () => {
  it('accepts paper and fully digital invoices and sums them exactly in fen', () => {
    const parsed = subsidyClaimFormSchema.parse(form);
    expect(eligibleCostFen(parsed.invoices)).toBe(12_000_080);
  });

  it('refuses the same invoice twice, a third decimal and malformed numbers', () => {
    const first = form.invoices[0] as (typeof form.invoices)[number];
    expect(subsidyClaimFormSchema.safeParse({ ...form, invoices: [first, first] }).success).toBe(false);
    expect(
      subsidyClaimFormSchema.safeParse({ ...form, invoices: [{ ...first, amountCny: 1.005 }] }).success,
    ).toBe(false);
    expect(
      subsidyClaimFormSchema.safeParse({ ...form, invoices: [{ ...first, number: '123' }] }).success,
    ).toBe(false);
  });
});

describe('subsidy eligibility', () => {
  it('routes a clean enterprise normally and a whitelisted one on the fast track', () => {
    expect(assessEligibility(facts)).toEqual({ route: 'NORMAL' });
    expect(assessEligibility({ ...facts, creditStatus: 'WHITELISTED' })).toEqual({ route: 'FAST_TRACK' });
  });

  it('refuses a blacklisted enterprise with the list’s reason, in Chinese and English', () => {
    const result = assessEligibility({ ...facts, creditStatus: 'BLACKLISTED', creditReasons: ['虚开发票'] });
    expect(result).toMatchObject({ route: 'REFUSED' });
    const reasons = result.route === 'REFUSED' ? result.reasons : [];
    expect(reasons[0]?.zh).toContain('虚开发票');
    expect(reasons[0]?.en).toContain('blacklist');
  });

  it('sends the abnormal-operation list to a manual check', () => {
    expect(
      assessEligibility({ ...facts, creditStatus: 'ABNORMAL', creditReasons: ['未按期公示年报'] }),
    ).toMatchObject({
      route: 'MANUAL_CHECK',
    });
  });

  it.each([
    ['not registered in the zone', { enterprise: { registeredInZone: false, zone: 'wuhu' } }],
    ['registered in the other zone', { enterprise: { registeredInZone: true, zone: 'anqing' } }],
    ['unknown enterprise', { enterprise: undefined }],
    ['policy not yet open', { today: '2025-12-31' }],
    ['policy closed', { today: '2027-01-01' }],
    ['policy suspended', { policy: { ...facts.policy, status: 'SUSPENDED' } }],
    ['a required document missing', { attachments: [] }],
  ] as const)('refuses: %s', (_name, overrides) => {
    expect(assessEligibility({ ...facts, ...overrides } as EligibilityFacts).route).toBe('REFUSED');
  });

  it('lets a refusal win over the whitelist', () => {
    expect(assessEligibility({ ...facts, creditStatus: 'WHITELISTED', attachments: [] }).route).toBe(
      'REFUSED',
    );
  });
});
