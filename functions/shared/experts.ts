import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Expert,
  type ExpertPanel,
  expertPanelSchema,
  expertSchema,
} from '../../domain/shared/expert.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

/**
 * Creates or replaces an expert. `zoneScope` confines the write to an expert who is new or already in that
 * zone (the office's own), in the same conditional write: an office cannot move another zone's expert into
 * its pool. Returns false when the condition refused it.
 */
export const putExpert = async (expert: Expert, now: string, zoneScope?: string): Promise<boolean> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.expert(expert.userId),
          gsi2pk: keys.expertsOfZone(expert.zone),
          gsi2sk: keys.expertSort(expert.userId),
          type: 'EXPERT',
          ...expert,
          updatedAt: now,
        },
        ...(zoneScope !== undefined
          ? {
              ConditionExpression: 'attribute_not_exists(pk) OR #zone = :zone',
              ExpressionAttributeNames: { '#zone': 'zone' },
              ExpressionAttributeValues: { ':zone': zoneScope },
            }
          : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const listExpertsOfZone = async (zone: string): Promise<Expert[]> =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :zone',
      ExpressionAttributeValues: { ':zone': keys.expertsOfZone(zone) },
    })
  ).map((item) => expertSchema.parse(stripKeys(item)));

const stripKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, updatedAt: _u, ...rest } = item;
  return rest;
};

export const getPanel = async (applicationId: string): Promise<ExpertPanel | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.panel(applicationId), ConsistentRead: true }),
  );
  return Item ? expertPanelSchema.parse(Item) : undefined;
};

/** The first draw stands: a retried step gets the panel already drawn, never a second random one. */
export const insertPanel = async (panel: ExpertPanel): Promise<ExpertPanel> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.panel(panel.applicationId), type: 'PANEL', ...panel },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return panel;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await getPanel(panel.applicationId);
    if (!existing) throw error;
    return existing;
  }
};
