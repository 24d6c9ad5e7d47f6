import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { type Policy, type PolicyCap, policyCapSchema, policySchema } from '../../domain/subsidy/policy.ts';
import type { Caller } from './auth.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { getItem, putVersioned, stripTableAttributes } from './versioned.ts';

export const policyText: LocalizedText = { zh: '政策', en: 'Policy' };
export const policyCapText: LocalizedText = { zh: '企业年度补贴总额上限', en: 'Zone-wide annual cap' };

export type PolicyFields = Omit<Policy, 'code' | 'updatedAt' | 'updatedBy' | 'version'>;

/** Drafts are for the catalog's maintainers: administrators and the zone's office. */
export const seesDraftPolicies = (caller: Caller, zone: string): boolean =>
  caller.role === 'admin' || (caller.role === 'office' && caller.zone === zone);

const toPolicy = (item: Record<string, unknown>): Policy => policySchema.parse(stripTableAttributes(item));

/**
 * Creates (`expectedVersion` undefined) or updates one version of a policy. The item carries the policy's
 * configured `totalBudgetCny` only: the budget counter (reserved / committed / remaining) is a separate
 * item that the SUBSIDY workflow changes with its own conditional writes, never through this Put.
 */
export const putPolicy = async (
  code: string,
  fields: PolicyFields,
  expectedVersion: number | undefined,
  actor: { userId: string; now: string },
): Promise<{ policy: Policy; created: boolean }> => {
  const record = { code, ...fields, updatedAt: actor.now, updatedBy: actor.userId };
  const { version, created } = await putVersioned({
    key: keys.policy(code),
    attributes: {
      ...record,
      gsi2pk: keys.policiesOfZone(fields.zone),
      gsi2sk: keys.policySort(fields.year, code),
      type: 'POLICY',
    },
    expectedVersion,
    what: policyText,
  });
  return { policy: policySchema.parse({ ...record, version }), created };
};

export const getPolicy = async (code: string): Promise<Policy | undefined> => {
  const item = await getItem(keys.policy(code));
  return item ? toPolicy(item) : undefined;
};

/**
 * One page of a zone's policies (of one year when given), by year then code. `withDrafts: false` leaves
 * DRAFT policies out (a filter, so a page may hold fewer than `limit`; the cursor still continues).
 */
export const listPoliciesOfZone = async (
  zone: string,
  options: { year?: number | undefined; withDrafts: boolean; limit: number; cursor: string | undefined },
) => {
  const partition = keys.policiesOfZone(zone);
  const values: Record<string, unknown> = { ':zone': partition };
  if (options.year !== undefined) values[':year'] = keys.policyYearPrefix(options.year);
  if (!options.withDrafts) values[':draft'] = 'DRAFT';
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression:
        options.year === undefined ? 'gsi2pk = :zone' : 'gsi2pk = :zone AND begins_with(gsi2sk, :year)',
      ...(options.withDrafts
        ? {}
        : { FilterExpression: '#status <> :draft', ExpressionAttributeNames: { '#status': 'status' } }),
      ExpressionAttributeValues: values,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { gsi2pk: partition }),
    }),
  );
  return { items: Items.map(toPolicy), cursor: encodeCursor(LastEvaluatedKey) };
};

export const putPolicyCap = async (
  zone: string,
  year: number,
  perEnterpriseAnnualCapCny: number,
  expectedVersion: number | undefined,
  actor: { userId: string; now: string },
): Promise<{ cap: PolicyCap; created: boolean }> => {
  const record = { zone, year, perEnterpriseAnnualCapCny, updatedAt: actor.now, updatedBy: actor.userId };
  const { version, created } = await putVersioned({
    key: keys.policyCap(zone, year),
    attributes: { ...record, type: 'POLICY_CAP' },
    expectedVersion,
    what: policyCapText,
  });
  return { cap: policyCapSchema.parse({ ...record, version }), created };
};

export const getPolicyCap = async (zone: string, year: number): Promise<PolicyCap | undefined> => {
  const item = await getItem(keys.policyCap(zone, year));
  return item ? policyCapSchema.parse(stripTableAttributes(item)) : undefined;
};
