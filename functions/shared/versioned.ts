import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { documentClient, tableName } from './clients.ts';
import { type ApiError, conflict, notFound } from './errors.ts';

type Key = { pk: string; sk: string };

export interface VersionedPut {
  key: Key;
  /** The item's attributes besides the key and `version`. */
  attributes: Record<string, unknown>;
  /** Absent: create (refused if the item exists). Present: update exactly this version. */
  expectedVersion: number | undefined;
  /** What the item is, for messages. */
  what: LocalizedText;
  /**
   * A scope the existing item must also be in (e.g. the office's zone), checked in the same conditional
   * write, so an item cannot be taken over by a caller outside its scope between a read and the write.
   */
  scope?: { attribute: string; value: string; refusal: () => ApiError };
}

/**
 * A single conditional Put: create with `attribute_not_exists(pk)`, update with `version = :expected`
 * (and the scope), writing version + 1. When the condition fails nothing is written; the current item
 * is then read to say why: 404 (update of nothing), the scope's refusal, 409 ALREADY_EXISTS or
 * 409 VERSION_CONFLICT (with the current version).
 */
export const putVersioned = async (
  put: VersionedPut,
): Promise<{ version: number; created: boolean; previous: Record<string, unknown> | undefined }> => {
  const { key, attributes, expectedVersion, scope } = put;
  const created = expectedVersion === undefined;
  const version = created ? 1 : expectedVersion + 1;
  const conditions = created ? ['attribute_not_exists(pk)'] : ['#version = :expected'];
  const names: Record<string, string> = created ? {} : { '#version': 'version' };
  const values: Record<string, unknown> = created ? {} : { ':expected': expectedVersion };
  if (scope && !created) {
    conditions.push('#scope = :scope');
    names['#scope'] = scope.attribute;
    values[':scope'] = scope.value;
  }
  try {
    const { Attributes: previous } = await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...attributes, ...key, version },
        ConditionExpression: conditions.join(' AND '),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        // The version replaced, for whoever keeps figures derived from it (e.g. statistics counters).
        ReturnValues: 'ALL_OLD',
      }),
    );
    return { version, created, previous };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item: current } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    if (!current) {
      // Deleted between the write and this read (nothing deletes these items today), or an update of nothing.
      throw notFound(put.what);
    }
    if (scope && current[scope.attribute] !== scope.value) throw scope.refusal();
    if (created) {
      throw conflict(
        'ALREADY_EXISTS',
        {
          zh: `${put.what.zh}已存在；更新时请提供当前版本号 version`,
          en: `${put.what.en} already exists; send its current version to update it`,
        },
        { currentVersion: current.version },
      );
    }
    throw conflict(
      'VERSION_CONFLICT',
      {
        zh: `${put.what.zh}已被他人修改，请刷新后重试`,
        en: `${put.what.en} was changed by someone else; reload and retry`,
      },
      { expectedVersion, currentVersion: current.version },
    );
  }
};

/** An item by key, strongly consistent (a read right after a write must see it). */
export const getItem = async (key: Key): Promise<Record<string, unknown> | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return Item;
};

/** Removes the table's own attributes, leaving the domain record. */
export const stripTableAttributes = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, ...rest } = item;
  return rest;
};
