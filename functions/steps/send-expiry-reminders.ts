import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { documentClient, tableName } from '../shared/clients.ts';
import { nowIso } from '../shared/clock.ts';
import { inboxQueue, keys } from '../shared/keys.ts';
import { notify } from '../shared/notifications.ts';
import { createStepHandler } from '../shared/step.ts';
import { sendExpiryRemindersEventSchema } from '../shared/step-events.ts';

/** Parks are reminded this many calendar days before their certificate's last valid day. */
const REMINDER_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields of a certificate register item (see shared/certificates.ts) that a reminder needs. */
const registeredCertificateSchema = z.object({
  number: z.string(),
  applicationId: z.string(),
  orgId: z.string(),
  title: z.string(),
  validUntil: z.string(),
  expiryReminderSentAt: z.string().optional(),
});
type RegisteredCertificate = z.infer<typeof registeredCertificateSchema>;

const addCalendarDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Certificates whose last valid day is today or within the next REMINDER_DAYS days, not yet reminded. */
async function* certificatesExpiringSoon(today: string): AsyncGenerator<RegisteredCertificate> {
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
          ':from': today,
          ':to': `${addCalendarDays(today, REMINDER_DAYS)}~`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield registeredCertificateSchema.parse(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Marks the certificate as reminded; false when another run (or an earlier attempt) already did. */
const markReminded = async (number: string, at: string): Promise<boolean> => {
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

/**
 * Daily sweep: reminds the applicant organization of every certificate that lapses within
 * REMINDER_DAYS days (China dates). Expired certificates are outside the window and never reminded.
 *
 * Write order per certificate: notify → audit → mark. The notification (id `certificate-expiring:<number>`)
 * and the audit event (eventKey `expiry-reminder:<number>`) are both idempotent, so they go first; the
 * conditional mark on the register item is the commit. A crash before the mark leaves the certificate
 * unmarked, and the next run repeats the idempotent writes without duplicating them; marking first would
 * let a crash after the mark lose the reminder for good. Concurrent runs may all reach the idempotent
 * writes, but exactly one wins the mark, so `reminded` counts each certificate once.
 */
export const handler = createStepHandler(sendExpiryRemindersEventSchema, async () => {
  const at = nowIso();
  const today = chinaDate(new Date(at));
  const counts = { checked: 0, reminded: 0, alreadyReminded: 0 };
  for await (const certificate of certificatesExpiringSoon(today)) {
    counts.checked += 1;
    if (certificate.expiryReminderSentAt) {
      counts.alreadyReminded += 1;
      continue;
    }
    const { number, title, validUntil, applicationId, orgId } = certificate;
    const recipient = inboxQueue('park', 'organization', { orgId });
    if (!recipient) throw new Error(`Certificate ${number} names no applicant organization`);
    await notify({
      id: `certificate-expiring:${number}`,
      recipient,
      kind: 'CERTIFICATE_EXPIRING',
      title: {
        zh: `证书即将到期：${title}`,
        en: `Certificate expiring: ${title}`,
      },
      body: {
        zh: `${title}的认定证书（编号 ${number}）将于 ${validUntil} 到期，请及时申请复核或重新认定。`,
        en: `The certificate ${number} of ${title} expires on ${validUntil}. Apply for review or re-certification in time.`,
      },
      applicationId,
      createdAt: at,
    });
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: 'CERTIFICATE_EXPIRY_REMINDER',
      data: { number, validUntil, recipient },
      eventKey: `expiry-reminder:${number}`,
      at,
    });
    if (await markReminded(number, at)) counts.reminded += 1;
    else counts.alreadyReminded += 1;
  }
  return { today, ...counts };
});
