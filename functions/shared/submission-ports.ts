import { creditStatusOf } from '../../domain/registry/credit.ts';
import type { ApplicationSummary, SubmissionPorts } from '../../domain/shared/program.ts';
import { listApplicationsOfOrg } from './applications.ts';
import { findCertificate } from './certificates.ts';
import { creditEntriesOf } from './credit-lists.ts';
import { getEnterprise } from './enterprises.ts';
import { getPolicy, getPolicyCap } from './policies.ts';
import { subsidyUsage } from './subsidy-holds.ts';
import { getTrainingSession } from './training-sessions.ts';

const applicationsOfOrg = async (orgId: string, programCode: string): Promise<ApplicationSummary[]> => {
  const found: ApplicationSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listApplicationsOfOrg(orgId, 100, cursor);
    for (const { id, program, status, createdAt, assessment } of page.items) {
      if (program === programCode)
        found.push({ id, status, createdAt, ...(assessment ? { assessment } : {}) });
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return found;
};

/** The zone's lists decide: a listing by another zone's office does not bind this zone's policies. */
const creditOf = async (uscc: string, zone: string, today: string) => {
  const entries = (await creditEntriesOf(uscc)).filter((entry) => entry.zone === zone);
  const { status, deciding } = creditStatusOf(entries, uscc, today);
  return { status, reasons: deciding.map((entry) => `${entry.reason} — ${entry.source}`) };
};

/** The stored data a program's submission check and assessment may consult. */
export const submissionPorts: SubmissionPorts = {
  findCertificate,
  findEnterprise: getEnterprise,
  applicationsOfOrg,
  findPolicy: getPolicy,
  findZoneCap: async (zone, year) => (await getPolicyCap(zone, year))?.perEnterpriseAnnualCapCny,
  creditOf,
  subsidyUsage,
  findTrainingSession: getTrainingSession,
};
