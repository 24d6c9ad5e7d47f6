import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CounterDeltas,
  type CounterScope,
  combineByScope,
  counterNames,
  mergeDeltas,
  type ScopedDeltas,
} from '../../domain/statistics/counters.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { logger } from './powertools.ts';
import { queryAll } from './query-all.ts';

/**
 * Statistics counters (see docs/architecture.md, "Statistics and the dashboard"). Every code path that
 * changes what a counter counts calls these right after its own conditional write has succeeded. They
 * never throw: the main write has happened and must stand, so a failed counter update is logged and the
 * counter drifts until `POST /statistics/rebuild` recomputes it.
 */

const COUNTER_ITEM_TYPE = 'STATS';

/** Adds the deltas to one (zone, district) counter item in one UpdateItem. */
const addToCounters = async (scope: CounterScope, deltas: CounterDeltas): Promise<void> => {
  const entries = Object.entries(mergeDeltas(deltas));
  if (entries.length === 0) return;
  const names: Record<string, string> = { '#type': 'type', '#zone': 'zone', '#district': 'district' };
  const values: Record<string, unknown> = {
    ':type': COUNTER_ITEM_TYPE,
    ':zone': scope.zone,
    ':district': scope.district,
  };
  const additions = entries.map(([name, delta], index) => {
    names[`#c${index}`] = name;
    values[`:d${index}`] = delta;
    return `#c${index} :d${index}`;
  });
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.statisticsCounters(scope.zone, scope.district),
      UpdateExpression: `ADD ${additions.join(', ')} SET #type = :type, #zone = :zone, #district = :district`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
};

/** Best effort: see the module comment. `cause` names the change in the log, for reconciliation. */
export const adjustCounters = async (
  scope: CounterScope,
  deltas: CounterDeltas,
  cause: string,
): Promise<void> => {
  try {
    await addToCounters(scope, deltas);
  } catch (error) {
    logger.error('Statistics counter update failed; the counters drift until rebuilt', {
      cause,
      scope,
      deltas,
      error: error as Error,
    });
  }
};

export const adjustScopedCounters = async (changes: ScopedDeltas[], cause: string): Promise<void> => {
  for (const change of combineByScope(changes)) await adjustCounters(change.scope, change.deltas, cause);
};

/**
 * Counts an organization once per certificate program and variant (parks at municipal level, not
 * certificates: a park certified again after expiry is still one park). The mark's conditional put makes
 * this idempotent for a retried step; a crash between the mark and the count loses the count.
 */
export const countCertifiedOrganization = async (certificate: {
  program: string;
  variant: string;
  orgId: string;
  zone: string;
  district: string;
  number: string;
}): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.certifiedMark(
            certificate.zone,
            certificate.program,
            certificate.variant,
            certificate.orgId,
          ),
          type: 'STATS_MARK',
          zone: certificate.zone,
          district: certificate.district,
          program: certificate.program,
          variant: certificate.variant,
          orgId: certificate.orgId,
          firstCertificate: certificate.number,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return;
    logger.error('Certified-organization mark failed; the counters drift until rebuilt', {
      certificate: certificate.number,
      error: error as Error,
    });
    return;
  }
  await adjustCounters(
    certificate,
    { [counterNames.certifiedOrganizations(certificate.program, certificate.variant)]: 1 },
    `certificate:${certificate.number}`,
  );
};

const counterMeta = new Set(['pk', 'sk', 'type', 'zone', 'district']);

/** The counters of one item: its numeric attributes. */
export const countersOfItem = (item: Record<string, unknown>): CounterDeltas =>
  Object.fromEntries(
    Object.entries(item).filter(
      (entry): entry is [string, number] => !counterMeta.has(entry[0]) && typeof entry[1] === 'number',
    ),
  );

/** Every district counter item of a zone: one Query, whatever the table holds (a zone has ≤ a dozen). */
export const readZoneCounters = async (zone: string): Promise<Map<string, CounterDeltas>> => {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :zone AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':zone': keys.statisticsOfZone(zone),
      ':prefix': keys.statisticsDistrictPrefix,
    },
    ConsistentRead: true,
  });
  return new Map(
    items.map((item) => [String(item.sk).slice(keys.statisticsDistrictPrefix.length), countersOfItem(item)]),
  );
};
