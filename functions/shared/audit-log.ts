import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  type AuditActor,
  type AuditEvent,
  auditEventSchema,
  auditHashInput,
  GENESIS_HASH,
} from '../../domain/shared/audit.ts';
import { auditMonthOf } from '../../domain/shared/audit-search.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { logger } from './powertools.ts';
import { queryAll } from './query-all.ts';

export interface NewAuditEvent {
  applicationId: string;
  actor: AuditActor;
  action: string;
  stage?: string | undefined;
  reason?: string | undefined;
  data?: Record<string, unknown> | undefined;
  /** Same cause → same key: a retried step finds its event already written and appends nothing. */
  eventKey: string;
  at: string;
  /**
   * Where the event is indexed for the zone-wide search. Callers holding the application pass them; else
   * they come from the chain's head, and only an application's first event reads the application for them.
   */
  zone?: string | undefined;
  program?: string | undefined;
}

/** Stored beside each event (not hashed: the chain's content is unchanged) and copied from event to event. */
const auditScopeSchema = z.object({ zone: z.string().min(1), program: z.string().min(1) });
type AuditScope = z.infer<typeof auditScopeSchema>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const lastEvent = async (
  applicationId: string,
): Promise<{ event: AuditEvent; scope: AuditScope | undefined } | undefined> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.application(applicationId).pk, ':prefix': keys.auditPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items[0];
  if (!item) return undefined;
  return { event: auditEventSchema.parse(item), scope: auditScopeSchema.safeParse(item).data };
};

const applicationScope = async (applicationId: string): Promise<AuditScope | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.application(applicationId),
      ProjectionExpression: '#zone, #program',
      ExpressionAttributeNames: { '#zone': 'zone', '#program': 'program' },
      ConsistentRead: true,
    }),
  );
  return auditScopeSchema.safeParse(Item).data;
};

/** The zone search's attributes and gsi2 keys of a stored event; none when its scope is unknown. */
const searchAttributes = (event: AuditEvent, scope: AuditScope | undefined) => {
  if (!scope) return {};
  // Every writer stamps `at` with toISOString(); anything else would sort out of place, so it stays unindexed.
  if (Number.isNaN(Date.parse(event.at))) return { ...scope };
  return {
    ...scope,
    gsi2pk: keys.auditOfZoneMonth(scope.zone, auditMonthOf(event.at)),
    gsi2sk: keys.auditZoneSort(event.at, event.applicationId, event.seq),
  };
};

const MAX_APPEND_ATTEMPTS = 20;

/**
 * Appends to the application's hash chain. Each event takes the next sequence number with a conditional
 * put, so concurrent writers never fork the chain: the loser re-reads the head and links after it.
 */
export const appendAuditEvent = async (event: NewAuditEvent): Promise<AuditEvent> => {
  const given = auditScopeSchema.safeParse({ zone: event.zone, program: event.program }).data;
  let looked: { scope: AuditScope | undefined } | undefined;
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
    const head = await lastEvent(event.applicationId);
    if (head?.event.eventKey === event.eventKey) return head.event;
    // Read the application at most once per append, and only when neither the caller nor the chain knows.
    if (!given && !head?.scope && !looked) looked = { scope: await applicationScope(event.applicationId) };
    const scope = given ?? head?.scope ?? looked?.scope;
    if (!scope) {
      logger.warn('Audit event without zone and program: not indexed for the zone search', {
        applicationId: event.applicationId,
        action: event.action,
      });
    }
    const unhashed = {
      applicationId: event.applicationId,
      seq: (head?.event.seq ?? 0) + 1,
      at: event.at,
      actor: event.actor,
      action: event.action,
      ...(event.stage !== undefined ? { stage: event.stage } : {}),
      ...(event.reason !== undefined ? { reason: event.reason } : {}),
      ...(event.data !== undefined ? { data: event.data } : {}),
      eventKey: event.eventKey,
      prevHash: head?.event.hash ?? GENESIS_HASH,
    };
    const stored: AuditEvent = { ...unhashed, hash: sha256(auditHashInput(unhashed)) };
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.auditEvent(event.applicationId, stored.seq),
            type: 'AUDIT',
            ...stored,
            ...searchAttributes(stored, scope),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return stored;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`Audit chain of ${event.applicationId} is too contended to append`);
};

export const listAuditEvents = async (applicationId: string): Promise<AuditEvent[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.application(applicationId).pk, ':prefix': keys.auditPrefix },
      ConsistentRead: true,
    })
  ).map((item) => auditEventSchema.parse(item));

/** Recomputes the chain; returns the first sequence number whose link or hash does not hold. */
export const verifyAuditChain = (
  events: readonly AuditEvent[],
): { valid: boolean; brokenAt: number | null } => {
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const { hash, ...unhashed } = event;
    if (event.seq !== index + 1 || event.prevHash !== previous || sha256(auditHashInput(unhashed)) !== hash) {
      return { valid: false, brokenAt: event.seq };
    }
    previous = hash;
  }
  return { valid: true, brokenAt: null };
};
