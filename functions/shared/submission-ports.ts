import type { ApplicationSummary, SubmissionPorts } from '../../domain/shared/program.ts';
import { listApplicationsOfOrg } from './applications.ts';
import { findCertificate } from './certificates.ts';
import { getEnterprise } from './enterprises.ts';

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

/** The stored data a program's submission check and assessment may consult. */
export const submissionPorts: SubmissionPorts = {
  findCertificate,
  findEnterprise: getEnterprise,
  applicationsOfOrg,
};
