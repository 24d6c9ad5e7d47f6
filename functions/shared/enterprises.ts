import { type Enterprise, enterpriseSchema } from '../../domain/registry/enterprise.ts';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { enterpriseRegistrationDeltas } from '../../domain/statistics/counters.ts';
import type { ApiError } from './errors.ts';
import { keys } from './keys.ts';
import { queryGsi2Page } from './query-all.ts';
import { adjustScopedCounters } from './statistics.ts';
import { getItem, putVersioned, stripTableAttributes } from './versioned.ts';

export const enterpriseText: LocalizedText = { zh: '企业', en: 'Enterprise' };

export type EnterpriseFields = Omit<Enterprise, 'uscc' | 'updatedAt' | 'updatedBy' | 'version'>;

const registryStateOf = (item: Record<string, unknown> | undefined) =>
  item && typeof item.zone === 'string' && typeof item.district === 'string'
    ? { zone: item.zone, district: item.district, registeredInZone: item.registeredInZone === true }
    : undefined;

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
  const { version, created, previous } = await putVersioned({
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
  const enterprise = enterpriseSchema.parse({ ...record, version });
  // Registered-enterprise counts follow the registry: out of the old (zone, district), into the new.
  await adjustScopedCounters(
    enterpriseRegistrationDeltas(registryStateOf(previous), enterprise),
    `enterprise:${uscc}:v${version}`,
  );
  return { enterprise, created };
};

export const getEnterprise = async (uscc: string): Promise<Enterprise | undefined> => {
  const item = await getItem(keys.enterprise(uscc));
  return item ? toEnterprise(item) : undefined;
};

/** One page of a zone's enterprises, in USCC order. */
export const listEnterprisesOfZone = async (zone: string, limit: number, cursor: string | undefined) => {
  const page = await queryGsi2Page(keys.enterprisesOfZone(zone), limit, cursor);
  return { items: page.items.map(toEnterprise), cursor: page.cursor };
};
