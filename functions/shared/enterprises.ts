import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Enterprise, enterpriseSchema } from '../../domain/registry/enterprise.ts';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { documentClient, tableName } from './clients.ts';
import type { ApiError } from './errors.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { getItem, putVersioned, stripTableAttributes } from './versioned.ts';

export const enterpriseText: LocalizedText = { zh: '企业', en: 'Enterprise' };

export type EnterpriseFields = Omit<Enterprise, 'uscc' | 'updatedAt' | 'updatedBy' | 'version'>;

const toEnterprise = (item: Record<string, unknown>): Enterprise =>
  enterpriseSchema.parse(stripTableAttributes(item));

/**
 * Creates (`expectedVersion` undefined) or updates one version of an enterprise. `zoneScope` confines an
 * update to an enterprise currently in that zone (the office's), in the same conditional write.
 */
export const putEnterprise = async (
  uscc: string,
  fields: EnterpriseFields,
  expectedVersion: number | undefined,
  actor: { userId: string; now: string; zoneScope?: { zone: string; refusal: () => ApiError } },
): Promise<{ enterprise: Enterprise; created: boolean }> => {
  const record = { uscc, ...fields, updatedAt: actor.now, updatedBy: actor.userId };
  const { version, created } = await putVersioned({
    key: keys.enterprise(uscc),
    attributes: {
      ...record,
      gsi2pk: keys.enterprisesOfZone(fields.zone),
      gsi2sk: keys.enterpriseSort(uscc),
      type: 'ENTERPRISE',
    },
    expectedVersion,
    what: enterpriseText,
    ...(actor.zoneScope
      ? { scope: { attribute: 'zone', value: actor.zoneScope.zone, refusal: actor.zoneScope.refusal } }
      : {}),
  });
  return { enterprise: enterpriseSchema.parse({ ...record, version }), created };
};

export const getEnterprise = async (uscc: string): Promise<Enterprise | undefined> => {
  const item = await getItem(keys.enterprise(uscc));
  return item ? toEnterprise(item) : undefined;
};

/** One page of a zone's enterprises, in USCC order. */
export const listEnterprisesOfZone = async (zone: string, limit: number, cursor: string | undefined) => {
  const partition = keys.enterprisesOfZone(zone);
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :zone',
      ExpressionAttributeValues: { ':zone': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi2pk: partition }),
    }),
  );
  return { items: Items.map(toEnterprise), cursor: encodeCursor(LastEvaluatedKey) };
};
