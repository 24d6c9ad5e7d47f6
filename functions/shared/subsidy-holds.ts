import type { LocalizedText } from '../../domain/shared/program.ts';
import type { SubsidyAmount } from '../../domain/subsidy/amount.ts';
import type { SubsidyClaimForm } from '../../domain/subsidy/claim.ts';
import type { Policy } from '../../domain/subsidy/policy.ts';
import { computeClaimAmount, zeroAmountReason } from '../../domain/subsidy/program.ts';
import { keys } from './keys.ts';
import { commit, getLedger, type Ledger, type LedgerKey, reduce, release, reserve } from './ledgers.ts';
import { getPolicyCap } from './policies.ts';

/**
 * What a SUBSIDY claim holds while it is live: its amount in the enterprise's allowance under the policy,
 * in its zone-wide allowance (when the zone has a cap) and in the policy's budget — three ledgers, each
 * changed with single-item conditional writes. Holding takes them in that order and gives back what it
 * took when a later one refuses, so a claim holds all three or none; every operation is idempotent per
 * claim, so a retried step changes nothing twice. A ledger is opened by the first reservation that finds
 * it missing; the zone-wide one never is in a zone without a cap, and releasing, reducing or committing
 * there changes nothing.
 */

interface ClaimLedger {
  kind: 'POLICY_ALLOWANCE' | 'ZONE_ALLOWANCE' | 'BUDGET';
  key: LedgerKey;
  name: string;
  totalCny: number;
}

type PolicyScope = Pick<Policy, 'code' | 'zone' | 'year'>;

const allowanceKeys = (uscc: string, policy: PolicyScope) => ({
  underPolicy: keys.policyAllowance(policy.code, uscc),
  allPolicies: keys.zoneAllowance(policy.zone, policy.year, uscc),
});

/** The ledgers a claim is held in, in holding order (the zone-wide allowance when the zone has a cap). */
const ledgersOf = async (uscc: string, policy: Policy): Promise<ClaimLedger[]> => {
  const zoneCap = await getPolicyCap(policy.zone, policy.year);
  const { underPolicy, allPolicies } = allowanceKeys(uscc, policy);
  return [
    {
      kind: 'POLICY_ALLOWANCE',
      key: underPolicy,
      name: `ALLOWANCE#${policy.code}#${uscc}`,
      totalCny: policy.perEnterpriseAnnualCapCny,
    },
    ...(zoneCap
      ? [
          {
            kind: 'ZONE_ALLOWANCE' as const,
            key: allPolicies,
            name: `ZONE_ALLOWANCE#${policy.zone}#${policy.year}#${uscc}`,
            totalCny: zoneCap.perEnterpriseAnnualCapCny,
          },
        ]
      : []),
    {
      kind: 'BUDGET',
      key: keys.budget(policy.code),
      name: `BUDGET#${policy.code}`,
      totalCny: policy.totalBudgetCny,
    },
  ];
};

const shareOf = (ledger: Ledger | undefined, claimId: string): number | undefined =>
  ledger?.reservations[claimId] ?? ledger?.commitments[claimId];

/** Used = everything reserved or committed, except the claim's own share. */
const usedBy = (ledger: Ledger | undefined, excludingClaimId?: string): number =>
  ledger
    ? ledger.reservedCny +
      ledger.committedCny -
      (excludingClaimId === undefined ? 0 : (shareOf(ledger, excludingClaimId) ?? 0))
    : 0;

/** What the enterprise holds or was granted in the policy's year: under the policy and zone-wide. */
export const subsidyUsage = async (uscc: string, policy: PolicyScope, excludingClaimId?: string) => {
  const { underPolicy, allPolicies } = allowanceKeys(uscc, policy);
  const [policyLedger, zoneLedger] = await Promise.all([getLedger(underPolicy), getLedger(allPolicies)]);
  return {
    underPolicyCny: usedBy(policyLedger, excludingClaimId),
    allPoliciesCny: usedBy(zoneLedger, excludingClaimId),
  };
};

export type HoldResult =
  | { result: 'RESERVED'; amount: SubsidyAmount }
  | { result: 'INSUFFICIENT_BUDGET'; amount: SubsidyAmount; availableCny: number }
  | { result: 'NOTHING_TO_PAY'; amount: SubsidyAmount; reason: LocalizedText };

const readAll = (ledgers: readonly ClaimLedger[]) => Promise.all(ledgers.map(({ key }) => getLedger(key)));

/** Allowances are taken by other claims of the same enterprise meanwhile: recompute and try again. */
const MAX_ATTEMPTS = 5;

/**
 * Computes the claim's amount against what the enterprise and the budget have left and holds it in every
 * ledger. A claim that already holds exactly that amount keeps it (a retried step); one holding another
 * amount (its form changed in a revision) gives its shares back first.
 */
export const holdClaim = async (
  claimId: string,
  uscc: string,
  form: SubsidyClaimForm,
  policy: Policy,
): Promise<HoldResult> => {
  const ledgers = await ledgersOf(uscc, policy);
  const zoneCapCny = ledgers.find((ledger) => ledger.kind === 'ZONE_ALLOWANCE')?.totalCny;
  for (let attempt = 1; ; attempt += 1) {
    const current = await readAll(ledgers);
    const usage = {
      underPolicyCny: usedBy(current[0], claimId),
      allPoliciesCny: zoneCapCny === undefined ? 0 : usedBy(current[1], claimId),
    };
    const amount = computeClaimAmount(form, policy, zoneCapCny, usage);
    const shares = current.map((ledger) => shareOf(ledger, claimId));
    if (shares.every((share) => share === amount.amountCny)) return { result: 'RESERVED', amount };
    if (shares.some((share) => share !== undefined)) await releaseClaim(claimId, uscc, policy);
    if (amount.amountCny === 0) return { result: 'NOTHING_TO_PAY', amount, reason: zeroAmountReason(amount) };

    const taken: ClaimLedger[] = [];
    let refusedBy: ClaimLedger | undefined;
    for (const ledger of ledgers) {
      const opening = { name: ledger.name, totalCny: ledger.totalCny };
      if ((await reserve(ledger.key, claimId, amount.amountCny, opening)) === 'reserved') taken.push(ledger);
      else {
        refusedBy = ledger;
        break;
      }
    }
    if (!refusedBy) return { result: 'RESERVED', amount };
    for (const ledger of taken.reverse()) await release(ledger.key, claimId);
    if (refusedBy.kind === 'BUDGET') {
      const availableCny = (await getLedger(refusedBy.key))?.availableCny ?? 0;
      return { result: 'INSUFFICIENT_BUDGET', amount, availableCny };
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(`Allowance of ${uscc} under ${policy.code} kept changing while holding ${claimId}`);
    }
  }
};

/**
 * Every ledger the claim may hold a share in, in holding order, without reading: the zone-wide allowance
 * is listed whether or not the zone has a cap (never opened without one, so nothing changes there).
 */
const keysOfClaim = (uscc: string, policy: PolicyScope): LedgerKey[] => {
  const { underPolicy, allPolicies } = allowanceKeys(uscc, policy);
  return [underPolicy, allPolicies, keys.budget(policy.code)];
};

/** Gives every share of the claim back; a no-op for shares already given back. Returns the budget share. */
export const releaseClaim = async (claimId: string, uscc: string, policy: Policy): Promise<number> => {
  let released = 0;
  for (const key of keysOfClaim(uscc, policy).reverse()) released = await release(key, claimId);
  return released;
};

/** Lowers every share to the approved amount; false when the claim holds less (or nothing). */
export const reduceClaim = async (claimId: string, uscc: string, policy: Policy, amountCny: number) => {
  let reduced = true;
  for (const key of keysOfClaim(uscc, policy)) reduced = (await reduce(key, claimId, amountCny)) && reduced;
  return reduced;
};

/** Turns every share into a commitment at disbursement. Returns the amount committed in the budget. */
export const commitClaim = async (claimId: string, uscc: string, policy: Policy): Promise<number> => {
  let committed = 0;
  for (const key of keysOfClaim(uscc, policy)) committed = await commit(key, claimId);
  return committed;
};
