import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { figureDeltas, figureTotalDelta, mergeDeltas } from '../../domain/statistics/counters.ts';
import {
  type AmountsFen,
  amountsToCny,
  type FigureVersion,
  type FigureView,
  fenToCny,
  figureVersionSchema,
  totalFen,
  yearOfMonth,
} from '../../domain/statistics/figures.ts';
import { leadingEnterpriseDeltas } from '../../domain/statistics/targets.ts';
import { documentClient, tableName } from './clients.ts';
import { conflict, notFound } from './errors.ts';
import { keys } from './keys.ts';
import { logger } from './powertools.ts';
import { queryAll } from './query-all.ts';
import { adjustCounters } from './statistics.ts';

/**
 * An enterprise's monthly transaction figures. Every version is its own item, written once with a
 * conditional put (`MONTH#<month>#V#<n>`): a correction of version n writes n + 1, so of two concurrent
 * corrections of the same version exactly one succeeds, no version is ever overwritten, and the history
 * is one Query. The newest version counts.
 */

export const figuresText: LocalizedText = { zh: '交易额月报', en: 'Monthly transaction figures' };

const toVersion = (item: Record<string, unknown>): FigureVersion => figureVersionSchema.parse(item);

/** Every version of one month, oldest first. */
export const listFigureVersions = async (uscc: string, month: string): Promise<FigureVersion[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :figures AND begins_with(sk, :month)',
      ExpressionAttributeValues: {
        ':figures': keys.figuresOf(uscc),
        ':month': keys.figureVersionsPrefix(month),
      },
      ConsistentRead: true,
    })
  ).map(toVersion);

const currentVersion = async (uscc: string, month: string): Promise<FigureVersion | undefined> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :figures AND begins_with(sk, :month)',
      ExpressionAttributeValues: {
        ':figures': keys.figuresOf(uscc),
        ':month': keys.figureVersionsPrefix(month),
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return Items[0] ? toVersion(Items[0]) : undefined;
};

const alreadyReported = (current: FigureVersion) =>
  conflict(
    'ALREADY_EXISTS',
    {
      zh: `${current.month} 的交易额已填报；更正时请提供当前版本号 version`,
      en: `Figures for ${current.month} exist; send their current version to correct them`,
    },
    { currentVersion: current.version },
  );

const staleVersion = (expectedVersion: number, current: number | undefined) =>
  conflict(
    'VERSION_CONFLICT',
    {
      zh: '交易额月报已被更正，请刷新后基于最新版本重试',
      en: 'The figures were corrected meanwhile; reload and correct the newest version',
    },
    { expectedVersion, currentVersion: current ?? null },
  );

export interface FiguresSubmission {
  uscc: string;
  month: string;
  /** Absent: the month's first report. Present: a correction of exactly this version. */
  expectedVersion: number | undefined;
  amountsFen: AmountsFen;
  zone: string;
  district: string;
  submittedBy: string;
  submittedAt: string;
}

/**
 * Adds the report's change to the enterprise's year (whose first report fixed the scope it counts in) and
 * then to that scope's counters, including a crossing of the leading-enterprise threshold. The ADD on the
 * year item returns the new total, so concurrent reports of different months each see their own step.
 */
const countFigures = async (previous: FigureVersion | undefined, next: FigureVersion): Promise<void> => {
  const year = yearOfMonth(next.month);
  const change = figureTotalDelta(previous?.amountsFen, next.amountsFen);
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.figureYear(next.uscc, year),
        UpdateExpression:
          'ADD totalFen :change SET #type = :type, uscc = :uscc, #year = :year, #zone = if_not_exists(#zone, :zone), #district = if_not_exists(#district, :district)',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#year': 'year',
          '#zone': 'zone',
          '#district': 'district',
        },
        ExpressionAttributeValues: {
          ':change': change,
          ':type': 'FIGURE_YEAR',
          ':uscc': next.uscc,
          ':year': year,
          ':zone': next.zone,
          ':district': next.district,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const after = Number(Attributes?.totalFen ?? 0);
    const scope = {
      zone: String(Attributes?.zone ?? next.zone),
      district: String(Attributes?.district ?? next.district),
    };
    await adjustCounters(
      scope,
      mergeDeltas(
        figureDeltas(year, previous?.amountsFen, next.amountsFen),
        leadingEnterpriseDeltas(year, after - change, after),
      ),
      `figures:${next.uscc}:${next.month}:v${next.version}`,
    );
  } catch (error) {
    logger.error('Enterprise year total update failed; the counters drift until rebuilt', {
      uscc: next.uscc,
      month: next.month,
      version: next.version,
      error: error as Error,
    });
  }
};

/** Writes the next version, or refuses with 409 (already reported, stale version) or 404 (nothing to correct). */
export const submitFigures = async (submission: FiguresSubmission): Promise<FigureVersion> => {
  const { uscc, month, expectedVersion } = submission;
  const current = await currentVersion(uscc, month);
  if (expectedVersion === undefined && current) throw alreadyReported(current);
  if (expectedVersion !== undefined) {
    if (!current) throw notFound(figuresText);
    if (current.version !== expectedVersion) throw staleVersion(expectedVersion, current.version);
  }
  const next: FigureVersion = {
    uscc,
    month,
    version: (current?.version ?? 0) + 1,
    zone: submission.zone,
    district: submission.district,
    amountsFen: submission.amountsFen,
    submittedBy: submission.submittedBy,
    submittedAt: submission.submittedAt,
  };
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.figureVersion(uscc, month, next.version), type: 'FIGURE', ...next },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Someone wrote this version between our read and our write.
    const winner = await currentVersion(uscc, month);
    if (expectedVersion === undefined && winner) throw alreadyReported(winner);
    throw staleVersion(expectedVersion ?? 0, winner?.version);
  }
  await countFigures(current, next);
  return next;
};

export const figureView = (version: FigureVersion): FigureView => ({
  ...version,
  amountsCny: amountsToCny(version.amountsFen),
  totalCny: fenToCny(totalFen(version.amountsFen)),
});
