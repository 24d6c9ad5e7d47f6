import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { CertificateRecord } from '../../domain/shared/program.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { countCertifiedOrganization } from './statistics.ts';

/** The register of issued certificates, looked up by number (e.g. for provincial applications). */
export const putCertificateRecord = async (record: CertificateRecord): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.certificate(record.number),
        // Ordered by expiry, for reminders before certificates lapse.
        gsi2pk: keys.certificatesByExpiry,
        gsi2sk: `${record.validUntil}#${record.number}`,
        type: 'CERTIFICATE',
        ...record,
      },
    }),
  );
  // Counted once per organization (a retried step or a recertification adds nothing).
  await countCertifiedOrganization(record);
};

export const findCertificate = async (number: string): Promise<CertificateRecord | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.certificate(number), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, ...record } = Item;
  return record as CertificateRecord;
};

/** The fields of a certificate register item (see shared/certificates.ts) that a reminder needs. */
export const registeredCertificateSchema = z.object({
  number: z.string(),
  applicationId: z.string(),
  orgId: z.string(),
  title: z.string(),
  validUntil: z.string(),
  expiryReminderSentAt: z.string().optional(),
});
export type RegisteredCertificate = z.infer<typeof registeredCertificateSchema>;

/** Certificates whose last valid day is between `from` and `to` (China dates), not yet reminded. */
export async function* certificatesExpiringBetween(
  from: string,
  to: string,
): AsyncGenerator<RegisteredCertificate> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        // gsi2sk is `<validUntil>#<number>`: `today` sorts before every `today#…`, and `~` after every `#…`.
        KeyConditionExpression: 'gsi2pk = :expiry AND gsi2sk BETWEEN :from AND :to',
        FilterExpression: 'attribute_not_exists(expiryReminderSentAt)',
        ExpressionAttributeValues: {
          ':expiry': keys.certificatesByExpiry,
          ':from': from,
          ':to': `${to}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield registeredCertificateSchema.parse(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Marks the certificate as reminded; false when another run (or an earlier attempt) already did. */
export const markExpiryReminded = async (number: string, at: string): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.certificate(number),
        UpdateExpression: 'SET expiryReminderSentAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(expiryReminderSentAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};
