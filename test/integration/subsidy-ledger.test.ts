import { describe, expect, it } from 'vitest';
import { withLocalCloud } from './local-cloud.ts';

// The ledger and the invoice register run in this process against the local cloud's DynamoDB (dynalite),
// so these tests exercise the real conditional writes the SUBSIDY workflow's steps use.
const local = withLocalCloud();

const repositories = async () => ({
  budget: await import('../../functions/shared/budget.ts'),
  invoices: await import('../../functions/shared/invoices.ts'),
});

const holdsInvariant = (ledger: {
  totalCny: number;
  availableCny: number;
  reservedCny: number;
  committedCny: number;
}) =>
  ledger.availableCny >= 0 &&
  ledger.availableCny + ledger.reservedCny + ledger.committedCny === ledger.totalCny;

describe('subsidy budget ledger', () => {
  it('never overdraws with 30 concurrent claims, and reserved + available + committed = total throughout', async () => {
    expect(local.cloud).toBeDefined();
    const { budget } = await repositories();
    await budget.openBudget('WH-2026-TS-01', 200_000);

    const samples: boolean[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        const ledger = await budget.getBudget('WH-2026-TS-01');
        if (ledger) samples.push(holdsInvariant(ledger));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        budget.reserveBudget('WH-2026-TS-01', `claim-${index}`, 15_000),
      ),
    );
    running = false;
    await sampler;

    // 200,000 / 15,000: thirteen fit, seventeen do not.
    expect(results.filter((result) => result === 'reserved')).toHaveLength(13);
    expect(results.filter((result) => result === 'insufficient')).toHaveLength(17);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every(Boolean)).toBe(true);
    const afterReserve = await budget.getBudget('WH-2026-TS-01');
    expect(afterReserve).toMatchObject({ availableCny: 5_000, reservedCny: 195_000, committedCny: 0 });

    // Retrying a reservation changes nothing.
    const reservedClaim = `claim-${results.indexOf('reserved')}`;
    expect(await budget.reserveBudget('WH-2026-TS-01', reservedClaim, 15_000)).toBe('reserved');
    expect((await budget.getBudget('WH-2026-TS-01'))?.availableCny).toBe(5_000);

    // Release on rejection, a reduction, and a commitment at disbursement, each idempotent.
    const reserved = Object.keys(afterReserve?.reservations ?? {});
    const [rejected, reduced, disbursed] = reserved as [string, string, string];
    expect(await budget.releaseBudget('WH-2026-TS-01', rejected)).toBe(15_000);
    expect(await budget.releaseBudget('WH-2026-TS-01', rejected)).toBe(0);
    expect(await budget.reduceReservation('WH-2026-TS-01', reduced, 9_000)).toBe(true);
    expect(await budget.reduceReservation('WH-2026-TS-01', reduced, 12_000)).toBe(false);
    expect(await budget.commitBudget('WH-2026-TS-01', disbursed)).toBe(15_000);
    expect(await budget.commitBudget('WH-2026-TS-01', disbursed)).toBe(15_000);

    const final = await budget.getBudget('WH-2026-TS-01');
    expect(final).toMatchObject({ availableCny: 26_000, committedCny: 15_000 });
    expect(final && holdsInvariant(final)).toBe(true);
  });
});

describe('invoice register', () => {
  it('lets exactly one of ten concurrent claims take the same invoice', async () => {
    const { invoices } = await repositories();
    const shared = { code: '3400231130', number: '00012345' };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        invoices.claimInvoices(
          `dup-${index}`,
          [shared, { code: '3400231130', number: `9000000${index}` }],
          new Date().toISOString(),
        ),
      ),
    );
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => !result.ok)) {
      expect(loser).toMatchObject({ ok: false, conflicts: [expect.objectContaining(shared)] });
    }

    // The losers gave back what they took: their own second invoices are free for another claim.
    const loserIndex = results.findIndex((result) => !result.ok);
    const retaken = await invoices.claimInvoices(
      'someone-else',
      [{ code: '3400231130', number: `9000000${loserIndex}` }],
      new Date().toISOString(),
    );
    expect(retaken.ok).toBe(true);

    // A rejected claim releases its invoices for a new claim.
    const winner = `dup-${results.findIndex((result) => result.ok)}`;
    await invoices.releaseInvoices(winner, [shared], new Date().toISOString());
    expect((await invoices.claimInvoices('resubmitted-claim', [shared], new Date().toISOString())).ok).toBe(
      true,
    );
  });
});
