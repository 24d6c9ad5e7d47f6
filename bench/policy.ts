import type { PutPolicyBody } from '../domain/subsidy/policy.ts';
import type { ApiClient } from '../local/api-client.ts';
import { chinaYear } from '../local/china-today.ts';

/**
 * Publishes a Wuhu policy for this year that needs no documents (a claim is one request) and pays 30 % of
 * the invoice, with the caps and budget a benchmark gives.
 */
export const publishBenchPolicy = async (
  admin: ApiClient,
  code: string,
  fields: Pick<PutPolicyBody, 'name' | 'perEnterpriseAnnualCapCny' | 'totalBudgetCny'>,
): Promise<void> => {
  const year = chinaYear();
  const body: PutPolicyBody = {
    zone: 'wuhu',
    year,
    category: 'OTHER',
    subsidyRate: 0.3,
    perClaimCapCny: 100_000,
    requiredDocuments: [],
    openDate: `${year}-01-01`,
    closeDate: `${year}-12-31`,
    overdraftPolicy: 'REFUSE',
    status: 'PUBLISHED',
    ...fields,
  };
  const reply = await admin.put(`/policies/${code}`, body);
  if (reply.status !== 201) throw new Error(`policy: ${reply.status} ${JSON.stringify(reply.body)}`);
};
