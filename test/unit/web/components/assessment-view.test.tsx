// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { computeBrandAmount } from '../../../../domain/brand/amount.ts';
import { computeSubsidyAmount } from '../../../../domain/subsidy/amount.ts';
import { assessEligibility, eligibleCostFen, type InvoiceLine } from '../../../../domain/subsidy/claim.ts';
import { AssessmentView } from '../../../../web/src/features/applications/components/AssessmentView.tsx';
import { renderInConsole } from './render.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const LANGUAGE_KEY = 'pilot-zone.language';

const checkedAt = '2026-11-27T19:52:53.949Z';
const heldAt = '2026-11-27T19:52:54.164Z';

const invoices: InvoiceLine[] = [
  {
    code: '3400261130',
    number: '77000001',
    date: '2026-06-15',
    amountCny: 100_000,
    description: '海外仓租赁费',
  },
];

/** A claim as the workflow leaves it: checked, computed, held, then reduced by the municipality. */
const subsidyAssessment = (): Record<string, unknown> => {
  const route = assessEligibility({
    today: '2026-11-28',
    enterprise: { registeredInZone: true, zone: 'wuhu' },
    policy: {
      zone: 'wuhu',
      status: 'PUBLISHED',
      openDate: '2026-01-01',
      closeDate: '2026-12-31',
      requiredDocuments: [],
    },
    creditStatus: 'ABNORMAL',
    creditReasons: ['未按时公示年度报告'],
    attachments: [],
  });
  return {
    policyCode: 'WH-2026-OW-01',
    eligibleCostFen: eligibleCostFen(invoices),
    amount: computeSubsidyAmount({
      subsidyRate: 0.3,
      perClaimCapCny: 50_000,
      perEnterpriseAnnualCapCny: 100_000,
      zoneAnnualCapCny: 200_000,
      eligibleCostFen: eligibleCostFen(invoices),
      requestedCny: 28_000,
      usedUnderPolicyCny: 0,
      usedAllPoliciesCny: 20_000,
    }),
    eligibility: {
      phase: 'START',
      route: route.route,
      reasons: 'reasons' in route ? route.reasons : [],
      checkedAt,
    },
    hold: { result: 'RESERVED', at: heldAt },
    approvedAmountCny: 25_000,
  };
};

/** A trademark in the US (capped per market) and the EU, with most of the annual cap already used. */
const brandAssessment = () => ({
  amount: computeBrandAmount(
    'TRADEMARK',
    [
      { market: 'US', feesPaidCny: 20_000 },
      { market: 'EU', feesPaidCny: 12_000 },
    ],
    190_000,
  ),
});

const rawKeys = ['eligibleCostFen', 'limitedBy', 'ceilingCny', 'steps', 'checkedAt', 'subtotalCny', 'capCny'];
const rawCodes = ['REQUESTED', 'RESERVED', 'MANUAL_CHECK', 'START', 'RATE'];

/** Nothing of the stored shape shows through: no property names, codes or ISO instants. */
const expectNothingRaw = (text: string) => {
  for (const raw of [...rawKeys, ...rawCodes]) expect(text).not.toContain(raw);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
};

describe('AssessmentView', () => {
  it('shows a subsidy claim’s computation, eligibility, budget hold and reduction in words, Chinese first', () => {
    const { container } = renderInConsole(
      <AssessmentView assessment={subsidyAssessment()} reductionReason="部分费用不在政策年度内" />,
    );
    screen.getByText('计算过程');
    // Every ceiling with its rule; the request is what decides the amount.
    screen.getByText('合规费用 100000 元 × 补贴比例 30%');
    screen.getByText('¥30,000.00');
    const requested = screen.getByText('申请金额').closest('tr') as HTMLElement;
    expect(requested.textContent).toContain('决定金额');
    expect(requested.textContent).toContain('¥28,000.00');
    expect(screen.getAllByText('决定金额')).toHaveLength(1);
    screen.getByText('综试区企业年度总上限 200000 元，已用 20000 元');
    screen.getByText('¥180,000.00');
    const byRule = screen.getByText('按规则核算金额').closest('tr') as HTMLElement;
    expect(byRule.querySelectorAll('strong')[1]?.textContent).toBe('¥28,000.00');
    // The invoices' total, from fen.
    expect((screen.getByText('合规费用合计').closest('tr') as HTMLElement).textContent).toContain(
      '¥100,000.00',
    );
    // The municipality's reduction with its reason.
    screen.getByText('¥25,000.00');
    screen.getByText('¥3,000.00');
    screen.getByText('部分费用不在政策年度内');
    // Eligibility: the route and why, checked in China time.
    screen.getByText('人工核查（经营异常名录）');
    screen.getByText('受理时核查');
    screen.getByText('企业列入经营异常名录：未按时公示年度报告');
    // Checked and held within the same minute.
    expect(screen.getAllByText('2026/11/28 03:52')).toHaveLength(2);
    // The budget hold.
    screen.getByText('已预留预算');
    expect(container.textContent).toContain('预算预留');
    expectNothingRaw(container.textContent ?? '');
  });

  it('shows a brand application per market, the annual cap that limits it and the amount', () => {
    const { container } = renderInConsole(<AssessmentView assessment={brandAssessment()} />);
    screen.getByText('美国（US）');
    screen.getByText('欧盟（EU）');
    // US: 50 % of 20,000 is above the 8,000 cap; EU: 50 % of 12,000.
    const us = screen.getByText('美国（US）').closest('tr') as HTMLElement;
    expect(us.textContent).toContain('¥20,000.00');
    expect(us.textContent).toContain('50%');
    expect(us.textContent).toContain('按上限');
    expect(us.textContent).toContain('¥8,000.00');
    const eu = screen.getByText('欧盟（EU）').closest('tr') as HTMLElement;
    expect(eu.textContent).toContain('¥6,000.00');
    expect(eu.textContent).not.toContain('按上限');
    expect((screen.getByText('小计').closest('tr') as HTMLElement).textContent).toContain('¥14,000.00');
    // 200,000 a year, 190,000 used: 10,000 left, which decides the amount.
    const annual = screen.getByText(/年度剩余额度/).closest('tr') as HTMLElement;
    expect(annual.textContent).toContain('¥200,000.00');
    expect(annual.textContent).toContain('¥190,000.00');
    expect(annual.textContent).toContain('决定金额');
    const byRule = screen.getByText('按规则核算金额').closest('tr') as HTMLElement;
    expect(byRule.textContent).toContain('¥10,000.00');
    expectNothingRaw(container.textContent ?? '');
    expect(container.textContent).not.toContain('feesPaidCny');
  });

  it('shows a park’s criteria check as passed or not, with the reasons', () => {
    renderInConsole(
      <AssessmentView
        criteria={{
          passed: false,
          reasons: [
            { zh: '园区面积 8000 平方米，低于 10000 平方米的要求', en: 'Floor area 8000 m² is too small' },
          ],
        }}
      />,
    );
    screen.getByText('未满足认定条件');
    screen.getByText('园区面积 8000 平方米，低于 10000 平方米的要求');
  });

  it('speaks English when the user chose English', () => {
    localStorage.setItem(LANGUAGE_KEY, 'en');
    const { container } = renderInConsole(
      <>
        <AssessmentView assessment={subsidyAssessment()} />
        <AssessmentView assessment={brandAssessment()} />
      </>,
    );
    expect(screen.getAllByText('Computation')).toHaveLength(2);
    screen.getByText('Eligible cost CNY 100000 × rate 30%');
    const requested = screen.getByText('Amount requested').closest('tr') as HTMLElement;
    expect(requested.textContent).toContain('Decides the amount');
    expect(requested.textContent).toContain('CN¥28,000.00');
    screen.getByText('Manual check (abnormal-operation list)');
    screen.getByText('Checked on receipt');
    screen.getByText('Budget reserved');
    expect(screen.getAllByText('28/11/2026, 03:52')).toHaveLength(2);
    screen.getByText('United States (US)');
    screen.getByText('European Union (EU)');
    expect(screen.queryByText('决定金额')).toBeNull();
    expect(screen.queryByText('计算过程')).toBeNull();
    expectNothingRaw(container.textContent ?? '');
  });

  it('shows what it does not know with the generic view, instants in China time and plain dates as they are', () => {
    const { container } = renderInConsole(
      <AssessmentView
        assessment={{
          seat: { result: 'SEATED', at: heldAt },
          nextReview: '2026-06-15',
          amount: { total: 12 },
        }}
      />,
    );
    screen.getByText('已占名额');
    screen.getByText('2026/11/28 03:52');
    screen.getByText('2026-06-15');
    screen.getByText('total');
    expect(container.textContent).not.toContain(heldAt);
  });
});
