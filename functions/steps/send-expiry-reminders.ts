import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { certificatesExpiringBetween, markExpiryReminded } from '../shared/certificates.ts';
import { nowIso } from '../shared/clock.ts';
import { inboxQueue } from '../shared/keys.ts';
import { notify } from '../shared/notifications.ts';
import { createStepHandler } from '../shared/step.ts';
import { scheduledEventSchema } from '../shared/step-events.ts';

/** Parks are reminded this many calendar days before their certificate's last valid day. */
const REMINDER_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

const addCalendarDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

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
export const handler = createStepHandler(scheduledEventSchema, async () => {
  const at = nowIso();
  const today = chinaDate(new Date(at));
  const counts = { checked: 0, reminded: 0, alreadyReminded: 0 };
  for await (const certificate of certificatesExpiringBetween(today, addCalendarDays(today, REMINDER_DAYS))) {
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
    if (await markExpiryReminded(number, at)) counts.reminded += 1;
    else counts.alreadyReminded += 1;
  }
  return { today, ...counts };
});
