import { findProgram } from '../../domain/programs.ts';
import type { Application, Certificate } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { putCertificateRecord } from '../shared/certificates.ts';
import { now } from '../shared/clock.ts';
import { allocateSequenceNumber } from '../shared/sequences.ts';
import { createStepHandler } from '../shared/step.ts';
import { issueCertificateEventSchema } from '../shared/step-events.ts';

const addYearsMinusOneDay = (isoDate: string, years: number): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};

/** The register entry and the audit event of an issued certificate; both safe to repeat. */
const recordIssued = async (application: Application, certificate: Certificate) => {
  await putCertificateRecord({
    number: certificate.number,
    applicationId: application.id,
    program: application.program,
    variant: application.variant,
    orgId: application.orgId,
    zone: application.zone,
    district: application.district,
    title: application.title,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
  });
  await appendAuditEvent({
    applicationId: application.id,
    actor: workflowActor,
    action: 'CERTIFICATE_ISSUED',
    stage: 'CERTIFIED',
    data: { number: certificate.number, validUntil: certificate.validUntil },
    eventKey: `certificate:${certificate.number}`,
    at: certificate.issuedAt,
  });
};

const markCertified = (applicationId: string, at: string) =>
  updateUnlessTerminal(applicationId, { status: 'APPROVED', stage: 'CERTIFIED' }, at);

export const handler = createStepHandler(issueCertificateEventSchema, async ({ applicationId }) => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Application ${applicationId} does not exist`);
  // A retry after the certificate was stored: the register entry, the audit event or the status may be missing.
  if (application.certificate) {
    await recordIssued(application, application.certificate);
    await markCertified(application.id, application.certificate.issuedAt);
    return application.certificate;
  }
  const definition = findProgram(application.program)?.certificate;
  if (!definition) throw new Error(`${application.program} issues no certificate`);
  if (application.status === 'WITHDRAWN') return null;

  const issuedAt = now();
  const validFrom = chinaDate(issuedAt);
  const year = Number(validFrom.slice(0, 4));
  const scope = { zone: application.zone, variant: application.variant, year };
  const sequence = `${application.program}#${application.variant}#${application.zone}#${year}`;
  const value = await allocateSequenceNumber(sequence, application.id, issuedAt.toISOString());
  const certificate: Certificate = {
    number: `${definition.numberPrefix(scope)}${String(value).padStart(4, '0')}`,
    sequence: value,
    issuedAt: issuedAt.toISOString(),
    validFrom,
    validUntil: addYearsMinusOneDay(validFrom, definition.validityYears),
  };
  // The certificate first, APPROVED last: whoever sees the approval also finds the register entry and
  // the audit event.
  const stored = await updateUnlessTerminal(application.id, { certificate }, certificate.issuedAt);
  if (stored) {
    await recordIssued(stored, certificate);
    await markCertified(application.id, certificate.issuedAt);
  }
  return certificate;
});
