import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { workflowActor } from '../../domain/shared/audit.ts';
import { nextToPromote, waitlistPosition } from '../../domain/training/completion.ts';
import { getApplication } from './applications.ts';
import { appendAuditEvent } from './audit-log.ts';
import { documentClient, tableName } from './clients.ts';
import { now, nowIso } from './clock.ts';
import { isConditionFailure } from './conditions.ts';
import { inboxQueue, keys } from './keys.ts';
import { notify } from './notifications.ts';
import { logger } from './powertools.ts';
import { getStoredSession, type StoredSession } from './training-sessions.ts';
import { deliverTaskResult } from './workflows.ts';

/**
 * Seats and the waitlist of a training session, kept in the session item (see training-sessions.ts) and
 * changed only by single-item conditional writes, so no transaction is needed:
 *
 * - taking a seat adds the registration to `seated` and increments `seatedCount` in one write, on condition
 *   that `seatedCount < capacity` and nobody waits (`waitingCount = 0`): the count can never pass the
 *   capacity, and a newcomer never overtakes the waitlist;
 * - joining the waitlist gives the registration ticket `nextTicket` and increments it in the same write, on
 *   the opposite condition (full, or people already waiting): tickets are unique and follow the order in
 *   which the writes were applied;
 * - a promotion moves the lowest ticket from `waiting` to `seated` in one write, on condition that the
 *   ticket is still there and a seat is free;
 * - every write also requires the registration's absence from (or presence in) the maps it changes, and a
 *   released registration stays in `released`, so a retried step finds its own earlier result and changes
 *   nothing twice, and a registration that gave up its place can never take one again.
 */

export type SeatRequest =
  | { state: 'SEATED' }
  | { state: 'WAITLISTED'; ticket: number; position: number }
  | { state: 'CLOSED' }
  | { state: 'RELEASED' };

const MAX_ATTEMPTS = 50;

/** One conditional write to the session's seat book; the item after it, or undefined if refused. */
const writeSeats = async (
  code: string,
  update: string,
  condition: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> => {
  // `capacity` is a reserved word; names an expression does not use are refused, so only when used.
  const allNames = condition.includes('#capacity') ? { ...names, '#capacity': 'capacity' } : names;
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.trainingSession(code),
        UpdateExpression: update,
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ...(Object.keys(allNames).length > 0 ? { ExpressionAttributeNames: allNames } : {}),
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ?? {};
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

const requireSession = async (code: string): Promise<StoredSession> => {
  const stored = await getStoredSession(code);
  if (!stored) throw new Error(`Training session ${code} does not exist`);
  return stored;
};

/** Where the registration stands in the seat book, if anywhere. */
const standing = (stored: StoredSession, registrationId: string): SeatRequest | undefined => {
  if (stored.seated[registrationId] !== undefined) return { state: 'SEATED' };
  const ticket = stored.waiting[registrationId];
  if (ticket !== undefined) {
    return { state: 'WAITLISTED', ticket, position: waitlistPosition(stored.waiting, registrationId) ?? 1 };
  }
  if (stored.released[registrationId] !== undefined) return { state: 'RELEASED' };
  if (stored.seats.closedAt !== undefined) return { state: 'CLOSED' };
  return undefined;
};

const untouched =
  'attribute_not_exists(seated.#r) AND attribute_not_exists(waiting.#r) AND attribute_not_exists(released.#r) AND attribute_not_exists(closedAt)';

/** Takes a seat, or a place at the end of the waitlist; idempotent per registration. */
export const requestSeat = async (code: string, registrationId: string, at: string): Promise<SeatRequest> => {
  const names = { '#r': registrationId };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const seated = await writeSeats(
      code,
      'SET seated.#r = :at, seatedCount = seatedCount + :one ADD requestCount :one',
      `seatedCount < #capacity AND waitingCount = :zero AND ${untouched}`,
      names,
      { ':at': at, ':one': 1, ':zero': 0 },
    );
    if (seated) return { state: 'SEATED' };
    const waiting = await writeSeats(
      code,
      'SET waiting.#r = nextTicket, nextTicket = nextTicket + :one, waitingCount = waitingCount + :one ADD requestCount :one',
      `(seatedCount >= #capacity OR waitingCount > :zero) AND ${untouched}`,
      names,
      { ':one': 1, ':zero': 0 },
    );
    const stored = await requireSession(code);
    if (waiting) {
      const ticket = (waiting.waiting as Record<string, number>)[registrationId] ?? 0;
      return { state: 'WAITLISTED', ticket, position: waitlistPosition(stored.waiting, registrationId) ?? 1 };
    }
    // Neither condition held: the registration is already in the book (a retry), the registration closed,
    // or the book changed between the two writes (a seat fell free as the waitlist emptied): try again.
    const known = standing(stored, registrationId);
    if (known) return known;
  }
  throw new Error(`Seats of session ${code} are too contended`);
};

/** Closes the registration of the session (at its start); nobody is seated or promoted after it. */
export const closeRegistration = async (code: string, at: string): Promise<void> => {
  await writeSeats(
    code,
    'SET closedAt = if_not_exists(closedAt, :at)',
    'attribute_exists(sk)',
    {},
    { ':at': at },
  );
};

/** Completion is being decided: attendance can no longer change (the first evaluation closes it). */
export const closeAttendance = async (code: string, at: string): Promise<void> => {
  await writeSeats(
    code,
    'SET attendanceClosedAt = if_not_exists(attendanceClosedAt, :at)',
    'attribute_exists(sk)',
    {},
    { ':at': at },
  );
};

export type Released = 'SEAT' | 'WAITLIST' | 'NOTHING';

/**
 * Gives up the registration's seat or waitlist place for good (withdrawal, employer's refusal or silence,
 * not admitted at the start). A registration with neither is marked released too, so a seat request still
 * in flight cannot take a place afterwards. Idempotent.
 */
export const releaseSeat = async (code: string, registrationId: string, at: string): Promise<Released> => {
  const names = { '#r': registrationId };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await requireSession(code);
    if (stored.seated[registrationId] !== undefined) {
      const done = await writeSeats(
        code,
        'REMOVE seated.#r SET released.#r = :at, seatedCount = seatedCount - :one',
        'attribute_exists(seated.#r)',
        names,
        { ':at': at, ':one': 1 },
      );
      if (done) return 'SEAT';
    } else if (stored.waiting[registrationId] !== undefined) {
      const done = await writeSeats(
        code,
        'REMOVE waiting.#r SET released.#r = :at, waitingCount = waitingCount - :one',
        'attribute_exists(waiting.#r)',
        names,
        { ':at': at, ':one': 1 },
      );
      if (done) return 'WAITLIST';
    } else if (stored.released[registrationId] !== undefined) {
      return 'NOTHING';
    } else {
      const done = await writeSeats(
        code,
        'SET released.#r = :at',
        'attribute_not_exists(seated.#r) AND attribute_not_exists(waiting.#r) AND attribute_not_exists(released.#r)',
        names,
        { ':at': at },
      );
      if (done) return 'NOTHING';
    }
  }
  throw new Error(`Seats of session ${code} are too contended`);
};

/**
 * Gives free seats to the waitlist, first ticket first, one conditional write per promotion, until no seat
 * is free, nobody waits or the registration has closed. Returns the promoted registrations in order.
 */
export const promoteWaiting = async (code: string): Promise<string[]> => {
  const promoted: string[] = [];
  let refused = 0;
  while (refused < MAX_ATTEMPTS) {
    const stored = await requireSession(code);
    const at = now();
    if (stored.seats.closedAt !== undefined || at.getTime() >= Date.parse(stored.session.startsAt)) break;
    const head = nextToPromote({
      capacity: stored.session.capacity,
      seated: stored.seated,
      waiting: stored.waiting,
    });
    if (head === undefined) break;
    const done = await writeSeats(
      code,
      'REMOVE waiting.#h SET seated.#h = :at, seatedCount = seatedCount + :one, waitingCount = waitingCount - :one',
      'waiting.#h = :ticket AND seatedCount < #capacity AND attribute_not_exists(closedAt)',
      { '#h': head },
      { ':at': at.toISOString(), ':one': 1, ':ticket': stored.waiting[head] },
    );
    if (done) promoted.push(head);
    else refused += 1;
  }
  return promoted;
};

/** Stores the callback token of a waitlisted registration's workflow (see steps/await-training-seat.ts). */
export const storeSeatWaiter = async (
  registrationId: string,
  taskToken: string,
  at: string,
): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.trainingSeatWaiter(registrationId), type: 'SEAT_WAITER', taskToken, storedAt: at },
    }),
  );
};

/**
 * Wakes the registration's workflow if it waits for a seat: it then asks for its seat again and finds its
 * new standing. Both the promoter and the waiting step call this after their own write, so whichever comes
 * second sees the other's, and the wake-up is never lost; a second wake finds the token used ('gone').
 */
export const wakeSeatWaiter = async (registrationId: string): Promise<void> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.trainingSeatWaiter(registrationId),
      ConsistentRead: true,
    }),
  );
  const taskToken = typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
  if (!taskToken) return;
  const outcome = await deliverTaskResult(taskToken, {
    taskId: registrationId,
    outcome: 'APPROVE',
    decidedBy: 'waitlist',
    decidedAt: nowIso(),
  });
  if (outcome === 'retry-later') {
    // The workflow asks again when its wait ends (at the start at the latest); the seat stays its own.
    logger.warn('Could not wake a promoted registration; it finds its seat when its wait ends', {
      registrationId,
    });
    return;
  }
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.trainingSeatWaiter(registrationId),
        ConditionExpression: 'taskToken = :token',
        ExpressionAttributeValues: { ':token': taskToken },
      }),
    );
  } catch (error) {
    // A newer wait stored its own token meanwhile: it is not ours to remove.
    if (!isConditionFailure(error)) throw error;
  }
};

/** Tells the promoted trainees, records it, and wakes their workflows. */
const offerSeats = async (code: string, promoted: readonly string[]): Promise<void> => {
  for (const registrationId of promoted) {
    const application = await getApplication(registrationId);
    const at = nowIso();
    if (application) {
      const recipient = inboxQueue('trainee', 'organization', { orgId: application.orgId });
      if (recipient) {
        await notify({
          id: `training-seat:${registrationId}`,
          recipient,
          kind: 'TRAINING_SEAT_OFFERED',
          title: { zh: '候补转正：您已获得培训名额', en: 'Off the waitlist: you have a seat' },
          body: {
            zh: `培训班 ${code} 有名额空出，您的报名已从候补转为占用名额。`,
            en: `A seat in session ${code} became free and your registration now holds it.`,
          },
          applicationId: registrationId,
          createdAt: at,
        });
      }
      await appendAuditEvent({
        applicationId: registrationId,
        actor: workflowActor,
        action: 'PROMOTED_FROM_WAITLIST',
        stage: 'WAITLIST',
        data: { sessionCode: code },
        eventKey: 'promoted-from-waitlist',
        at,
      });
    }
    await wakeSeatWaiter(registrationId);
  }
};

/** Promotes whoever a free seat now goes to, and tells them. Safe to call any time, any number of times. */
export const fillFreeSeats = async (code: string): Promise<string[]> => {
  const promoted = await promoteWaiting(code);
  await offerSeats(code, promoted);
  return promoted;
};

/** Releases the registration's place and gives a freed seat to the first in line. */
export const releaseAndPromote = async (
  code: string,
  registrationId: string,
): Promise<{ released: Released; promoted: string[] }> => {
  const released = await releaseSeat(code, registrationId, nowIso());
  // Filled even when this call released nothing: a retry after a crash between the two still promotes.
  const promoted = await fillFreeSeats(code);
  return { released, promoted };
};
