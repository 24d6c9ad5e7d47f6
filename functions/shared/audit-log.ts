import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditActor,
  type AuditEvent,
  auditEventSchema,
  auditHashInput,
  GENESIS_HASH,
} from '../../domain/shared/audit.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
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
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const lastEvent = async (applicationId: string): Promise<AuditEvent | undefined> => {
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
  return Items[0] ? auditEventSchema.parse(Items[0]) : undefined;
};

const MAX_APPEND_ATTEMPTS = 20;

/**
 * Appends to the application's hash chain. Each event takes the next sequence number with a conditional
 * put, so concurrent writers never fork the chain: the loser re-reads the head and links after it.
 */
export const appendAuditEvent = async (event: NewAuditEvent): Promise<AuditEvent> => {
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
    const head = await lastEvent(event.applicationId);
    if (head?.eventKey === event.eventKey) return head;
    const unhashed = {
      applicationId: event.applicationId,
      seq: (head?.seq ?? 0) + 1,
      at: event.at,
      actor: event.actor,
      action: event.action,
      ...(event.stage !== undefined ? { stage: event.stage } : {}),
      ...(event.reason !== undefined ? { reason: event.reason } : {}),
      ...(event.data !== undefined ? { data: event.data } : {}),
      eventKey: event.eventKey,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const stored: AuditEvent = { ...unhashed, hash: sha256(auditHashInput(unhashed)) };
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.auditEvent(event.applicationId, stored.seq), type: 'AUDIT', ...stored },
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
