import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplicationStatus, UniqueKey } from '../../domain/shared/program.ts';
import { getApplication } from './applications.ts';
import { documentClient, tableName } from './clients.ts';
import { conflict } from './errors.ts';

/**
 * Keys a program allows once across its live applications (`ProgramDefinition.uniqueKeys`), e.g. BRAND's
 * (mark, market, type). One item per key, `UNIQUE#<program>#<key>`, names the holding application.
 *
 * dynalite has no transactions, so the keys are claimed one by one, in sorted order (two submissions that
 * share keys meet first on the same one, so one of them always gets all of its keys), each with a
 * conditional put, and released again if a later key is taken. The holder's own application is inserted
 * before its claims, so a claim whose application is missing belongs to a submission that was removed.
 * Release is by status: a key held by a rejected, withdrawn or timed-out application (or a removed one)
 * may be taken over, with a put conditioned on that same holder — so rejection in the workflow, withdrawal
 * in the generic withdraw handler and timeouts all free the key without a hook of their own.
 */

const releasingStatuses: readonly ApplicationStatus[] = ['REJECTED', 'WITHDRAWN', 'TIMED_OUT'];

const keyOf = (program: string, key: string) => ({ pk: `UNIQUE#${program}#${key}`, sk: 'UNIQUE' });

/** The application holding `key`, when it is live (not rejected, withdrawn, timed out or removed). */
const liveHolder = async (program: string, key: string): Promise<{ holder?: string; live: boolean }> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keyOf(program, key), ConsistentRead: true }),
  );
  const holder = Item?.applicationId as string | undefined;
  if (holder === undefined) return { live: false };
  const application = await getApplication(holder);
  return { holder, live: application !== undefined && !releasingStatuses.includes(application.status) };
};

const release = async (program: string, key: string, applicationId: string): Promise<void> => {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keyOf(program, key),
        ConditionExpression: 'applicationId = :own',
        ExpressionAttributeValues: { ':own': applicationId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

const claimOne = async (program: string, key: UniqueKey, applicationId: string, at: string) => {
  const refused = () => conflict('DUPLICATE', key.duplicate, { key: key.key });
  const { holder, live } = await liveHolder(program, key.key);
  if (live && holder !== applicationId) throw refused();
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keyOf(program, key.key),
          type: 'UNIQUE_KEY',
          program,
          key: key.key,
          applicationId,
          claimedAt: at,
        },
        ConditionExpression:
          holder === undefined
            ? 'attribute_not_exists(pk)'
            : 'attribute_not_exists(pk) OR applicationId = :seen',
        ...(holder === undefined ? {} : { ExpressionAttributeValues: { ':seen': holder } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw refused();
    throw error;
  }
};

/** Claims every key for the application, or none (throws 409 with the key's own reason). */
export const claimUniqueKeys = async (
  program: string,
  uniqueKeys: readonly UniqueKey[],
  applicationId: string,
  at: string,
): Promise<void> => {
  const sorted = [...new Map(uniqueKeys.map((key) => [key.key, key])).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const claimed: string[] = [];
  try {
    for (const key of sorted) {
      await claimOne(program, key, applicationId, at);
      claimed.push(key.key);
    }
  } catch (error) {
    for (const key of claimed) await release(program, key, applicationId);
    throw error;
  }
};

/** Gives the application's keys back (e.g. when its submission is undone). */
export const releaseUniqueKeys = async (
  program: string,
  uniqueKeys: readonly UniqueKey[],
  applicationId: string,
): Promise<void> => {
  for (const key of uniqueKeys) await release(program, key.key, applicationId);
};
