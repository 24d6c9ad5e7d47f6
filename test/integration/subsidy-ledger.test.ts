import { describe, expect, it } from 'vitest';
import { withLocalCloud } from './local-cloud.ts';

// The ledger and the invoice register run in this process against the local cloud's DynamoDB (dynalite),
// so these tests exercise the real conditional writes the SUBSIDY workflow's steps use.
const local = withLocalCloud();

const budgetOf = async () => {
  const ledgers = await import('../../functions/shared/ledgers.ts');
  const key = { pk: 'POLICY#WH-2026-TS-01', sk: 'BUDGET' };
  return {
    open: (total: number) => ledgers.openLedger(key, 'BUDGET#WH-2026-TS-01', total),
    get: () => ledgers.getLedger(key),
    reserve: (claim: string, amount: number) => ledgers.reserve(key, claim, amount),
    release: (claim: string) => ledgers.release(key, claim),
    reduce: (claim: string, amount: number) => ledgers.reduce(key, claim, amount),
    commit: (claim: string) => ledgers.commit(key, claim),
  };
};

const holdsInvariant = (ledger: {
  totalCny: number;
  availableCny: number;
  reservedCny: number;
  committedCny: number;
}) =>
  ledger.availableCny >= 0 &&
  ledger.availableCny + ledger.reservedCny + ledger.committedCny === ledger.totalCny;

describe('ledger (a policy budget)', () => {
  it('never overdraws with 30 concurrent claims, and reserved + available + committed = total throughout', async () => {
    expect(local.cloud).toBeDefined();
    const budget = await budgetOf();
    await budget.open(200_000);

    const samples: boolean[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        const ledger = await budget.get();
        if (ledger) samples.push(holdsInvariant(ledger));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => budget.reserve(`claim-${index}`, 15_000)),
    );
    running = false;
    await sampler;

    // 200,000 / 15,000: thirteen fit, seventeen do not.
    expect(results.filter((result) => result === 'reserved')).toHaveLength(13);
    expect(results.filter((result) => result === 'insufficient')).toHaveLength(17);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every(Boolean)).toBe(true);
    const afterReserve = await budget.get();
    expect(afterReserve).toMatchObject({ availableCny: 5_000, reservedCny: 195_000, committedCny: 0 });

    // Retrying a reservation changes nothing.
    const reservedClaim = `claim-${results.indexOf('reserved')}`;
    expect(await budget.reserve(reservedClaim, 15_000)).toBe('reserved');
    expect((await budget.get())?.availableCny).toBe(5_000);

    // Release on rejection, a reduction, and a commitment at disbursement, each idempotent.
    const reserved = Object.keys(afterReserve?.reservations ?? {});
    const [rejected, reduced, disbursed] = reserved as [string, string, string];
    expect(await budget.release(rejected)).toBe(15_000);
    expect(await budget.release(rejected)).toBe(0);
    expect(await budget.reduce(reduced, 9_000)).toBe(true);
    expect(await budget.reduce(reduced, 12_000)).toBe(false);
    expect(await budget.commit(disbursed)).toBe(15_000);
    expect(await budget.commit(disbursed)).toBe(15_000);

    const final = await budget.get();
    expect(final).toMatchObject({ availableCny: 26_000, committedCny: 15_000 });
    expect(final && holdsInvariant(final)).toBe(true);
  });

  it('opens a ledger once for concurrent first reservations and refuses none of them while it has room', async () => {
    const ledgers = await import('../../functions/shared/ledgers.ts');
    const key = { pk: 'POLICY#WH-2026-TS-02', sk: 'BUDGET' };
    // Each claim finds the ledger missing, opens it (one wins, the others' opening is a no-op) and reserves:
    // a claim whose write failed before the ledger existed must not read the opened ledger as "no room".
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        ledgers.reserve(key, `first-${index}`, 1_000, { name: 'BUDGET#WH-2026-TS-02', totalCny: 1_000_000 }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, () => 'reserved'));
    expect(await ledgers.getLedger(key)).toMatchObject({
      totalCny: 1_000_000,
      availableCny: 980_000,
      reservedCny: 20_000,
    });
  });
});
