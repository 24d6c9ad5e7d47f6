import { isApplicantRole } from '../../domain/shared/roles.ts';
import { listApplicationsOfOrg } from '../shared/applications.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { pageQuerySchema } from '../shared/pagination.ts';

export const handler = createApiHandler({ query: pageQuerySchema }, async ({ caller, query }) => {
  if (!isApplicantRole(caller.role) || !caller.orgId) {
    throw forbidden({
      zh: '该列表仅供申请单位查看本单位申请，审核人员请使用待办',
      en: "This list shows an applicant organization's own applications; reviewers use the inbox",
    });
  }
  const page = await listApplicationsOfOrg(caller.orgId, query.limit, query.cursor);
  return respond(200, page);
});
