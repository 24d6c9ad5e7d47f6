import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';

/**
 * An amount of money shared by claims, as one item: a policy's budget, or an enterprise's annual
 * allowance under a policy or across a zone's policies. `availableCny + reservedCny + committedCny =
 * totalCny` holds after every write, because every write changes the figures together and records the
 * claim's share in the same item (`reservations.<claimId>`, `commitments.<claimId>`). A single-item
 * conditional update is atomic, so there is no transaction to lose half of, and a retried step finds its
 * own share already recorded. One item holds some thousands of claims (DynamoDB's 400 KB item limit).
 */
export const ledgerSchema = z.object({
  ledger: z.string(),
  totalCny: z.number().int().nonnegative(),
  availableCny: z.number().int(),
  reservedCny: z.number().int(),
  committedCny: z.number().int(),
  reservations: z.record(z.string(), z.number().int()).default({}),
  commitments: z.record(z.string(), z.number().int()).default({}),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export interface LedgerKey {
  pk: string;
  sk: string;
}

/** The figures without the per-claim shares, as the API shows a budget. */
export const ledgerFigures = ({ totalCny, availableCny, reservedCny, committedCny }: Ledger) => ({
  totalCny,
  availableCny,
  reservedCny,
  committedCny,
});

export const getLedger = async (key: LedgerKey): Promise<Ledger | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return Item ? ledgerSchema.parse(Item) : undefined;
};

/** Creates the ledger with its total the first time a claim needs it; later calls change nothing. */
export const openLedger = async (key: LedgerKey, name: string, totalCny: number): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key,
          type: 'LEDGER',
          ledger: name,
          totalCny,
          availableCny: totalCny,
          reservedCny: 0,
          committedCny: 0,
          reservations: {},
          commitments: {},
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/**
 * One conditional write to the ledger about one claim's share; false when the condition did not hold
 * (the share changed meanwhile, or the ledger does not allow it).
 */
const updateLedger = async (
  key: LedgerKey,
  claimId: string,
  update: string,
  condition: string,
  values: Record<string, number>,
): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#claim': claimId },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

export type ReserveResult = 'reserved' | 'insufficient';

const MAX_RESERVE_ATTEMPTS = 5;

/**
 * Reserves `amountCny` for a claim unless that would overdraw the ledger; idempotent per claim. The
 * conditional write comes first (one write when the ledger exists and has room). When it fails, the ledger
 * as read afterwards decides: missing → opened with `opening` (an error without it) and tried again; the
 * claim already held → reserved (a retried step); not enough available → insufficient; enough available →
 * the ledger changed between the write and the read (opened or released by a concurrent claim) and the
 * write is tried again. Refusing in that last case would turn away a claim the budget can pay.
 */
export const reserve = async (
  key: LedgerKey,
  claimId: string,
  amountCny: number,
  opening?: { name: string; totalCny: number },
): Promise<ReserveResult> => {
  for (let attempt = 0; attempt < MAX_RESERVE_ATTEMPTS; attempt += 1) {
    const reserved = await updateLedger(
      key,
      claimId,
      'SET availableCny = availableCny - :amount, reservedCny = reservedCny + :amount, reservations.#claim = :amount',
      'attribute_exists(pk) AND availableCny >= :amount AND attribute_not_exists(reservations.#claim) AND attribute_not_exists(commitments.#claim)',
      { ':amount': amountCny },
    );
    if (reserved) return 'reserved';
    const ledger = await getLedger(key);
    if (!ledger) {
      if (!opening) throw new Error(`Ledger ${key.pk}/${key.sk} is not open`);
      await openLedger(key, opening.name, opening.totalCny);
      continue;
    }
    if (ledger.reservations[claimId] !== undefined || ledger.commitments[claimId] !== undefined) {
      return 'reserved';
    }
    if (ledger.availableCny < amountCny) return 'insufficient';
  }
  // Thrown, not refused: the step's Retry tries again once the contention has passed.
  throw new Error(`Ledger ${key.pk}/${key.sk} is too contended to reserve for ${claimId}`);
};

/*
 * Release, reduction and commitment read the ledger first; a ledger never opened (e.g. the zone-wide
 * allowance of a zone without a cap) holds no share, so there they change nothing.
 */

/** Gives a claim's reservation back (rejection, withdrawal, timeout); a no-op when there is none. */
export const release = async (key: LedgerKey, claimId: string): Promise<number> => {
  const amount = (await getLedger(key))?.reservations[claimId];
  if (amount === undefined) return 0;
  const released = await updateLedger(
    key,
    claimId,
    'SET availableCny = availableCny + :amount, reservedCny = reservedCny - :amount REMOVE reservations.#claim',
    'reservations.#claim = :amount',
    { ':amount': amount },
  );
  // Not released here means released (or changed) by a concurrent attempt.
  return released ? amount : 0;
};

/**
 * Lowers a reservation to a reduced approved amount, returning the difference to the ledger. Raising is
 * refused: a larger amount needs a new reservation against what is available. True for a ledger never
 * opened (nothing held there to lower).
 */
export const reduce = async (key: LedgerKey, claimId: string, newAmountCny: number): Promise<boolean> => {
  const ledger = await getLedger(key);
  if (!ledger) return true;
  const current = ledger.reservations[claimId];
  if (current === undefined || newAmountCny > current) return false;
  if (newAmountCny === current) return true;
  const reduced = await updateLedger(
    key,
    claimId,
    'SET availableCny = availableCny + :difference, reservedCny = reservedCny - :difference, reservations.#claim = :amount',
    'reservations.#claim = :current',
    { ':difference': current - newAmountCny, ':amount': newAmountCny, ':current': current },
  );
  return reduced || (await getLedger(key))?.reservations[claimId] === newAmountCny;
};

/** Turns a reservation into a commitment at disbursement; idempotent per claim; 0 for a ledger never opened. */
export const commit = async (key: LedgerKey, claimId: string): Promise<number> => {
  const ledger = await getLedger(key);
  if (!ledger) return 0;
  const committed = ledger.commitments[claimId];
  if (committed !== undefined) return committed;
  const amount = ledger.reservations[claimId];
  if (amount === undefined) throw new Error(`Claim ${claimId} holds nothing in ${key.pk}/${key.sk}`);
  const done = await updateLedger(
    key,
    claimId,
    'SET reservedCny = reservedCny - :amount, committedCny = committedCny + :amount, commitments.#claim = :amount REMOVE reservations.#claim',
    'reservations.#claim = :amount',
    { ':amount': amount },
  );
  if (done) return amount;
  const again = (await getLedger(key))?.commitments[claimId];
  if (again === undefined)
    throw new Error(`Reservation of ${claimId} in ${key.pk}/${key.sk} changed during commit`);
  return again;
};
