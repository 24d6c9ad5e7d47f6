import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { zones } from '../../domain/shared/zones.ts';
import { amountsFenSchema } from '../../domain/statistics/figures.ts';
import {
  type ApplicationRecord,
  type CertificateRecordForStatistics,
  type EnterpriseRecord,
  type FigureRecord,
  rebuildCounters,
  type TaskRecord,
} from '../../domain/statistics/rebuild.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { readZoneCounters } from './statistics.ts';

/**
 * Recomputes every statistics counter from the records (admin route `POST /statistics/rebuild`). This is
 * the one place that scans the table: it repairs drift, and it is not on any request's path. Writes made
 * while it runs may be missed or counted twice, so run it when the platform is quiet (or run it twice).
 */

const scoped = { zone: z.string(), district: z.string() };
const applicationRecord = z.object({ ...scoped, program: z.string(), status: z.string() });
const taskRecord = z.object({
  ...scoped,
  program: z.string(),
  stage: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
  overdue: z.boolean().optional(),
  decision: z.object({ decidedAt: z.string() }).optional(),
});
const enterpriseRecord = z.object({ ...scoped, registeredInZone: z.boolean() });
const certificateRecord = z.object({
  ...scoped,
  program: z.string(),
  variant: z.string(),
  orgId: z.string(),
  validFrom: z.string(),
});
const figureRecord = z.object({
  ...scoped,
  uscc: z.string(),
  month: z.string(),
  version: z.number().int(),
  amountsFen: amountsFenSchema,
  submittedAt: z.string(),
});

const countedTypes = ['APPLICATION', 'TASK', 'ENTERPRISE', 'CERTIFICATE', 'FIGURE'] as const;

const scanRecords = async () => {
  const records = {
    applications: [] as ApplicationRecord[],
    tasks: [] as TaskRecord[],
    enterprises: [] as EnterpriseRecord[],
    certificates: [] as CertificateRecordForStatistics[],
    figures: [] as FigureRecord[],
  };
  let scanned = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: `#type IN (${countedTypes.map((_, index) => `:t${index}`).join(', ')})`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: Object.fromEntries(
          countedTypes.map((type, index) => [`:t${index}`, type]),
        ),
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      scanned += 1;
      switch (item.type) {
        case 'APPLICATION':
          records.applications.push(applicationRecord.parse(item));
          break;
        case 'TASK':
          records.tasks.push(taskRecord.parse(item));
          break;
        case 'ENTERPRISE':
          records.enterprises.push(enterpriseRecord.parse(item));
          break;
        case 'CERTIFICATE':
          records.certificates.push(certificateRecord.parse(item));
          break;
        case 'FIGURE':
          records.figures.push(figureRecord.parse(item));
          break;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { records, scanned };
};

const put = (item: Record<string, unknown>) =>
  documentClient.send(new PutCommand({ TableName: tableName, Item: item }));

export const rebuildStatistics = async (at: string) => {
  const { records, scanned } = await scanRecords();
  const rebuilt = rebuildCounters(records);
  const zoneCodes = new Set([...zones.map((zone) => zone.code), ...rebuilt.counters.keys()]);
  const districtsWritten: Record<string, number> = {};
  for (const zone of zoneCodes) {
    const fresh = rebuilt.counters.get(zone) ?? new Map();
    // Districts that had counters but now have nothing are written empty, not left as they were.
    const existing = await readZoneCounters(zone);
    const districts = new Set([...existing.keys(), ...fresh.keys()]);
    for (const district of districts) {
      await put({
        ...keys.statisticsCounters(zone, district),
        type: 'STATS',
        zone,
        district,
        ...(fresh.get(district) ?? {}),
        rebuiltAt: at,
      });
    }
    districtsWritten[zone] = districts.size;
  }
  for (const year of rebuilt.enterpriseYears) {
    await put({ ...keys.figureYear(year.uscc, year.year), type: 'FIGURE_YEAR', ...year });
  }
  for (const mark of rebuilt.certifiedMarks) {
    await put({
      ...keys.certifiedMark(mark.zone, mark.program, mark.variant, mark.orgId),
      type: 'STATS_MARK',
      ...mark,
    });
  }
  return {
    rebuiltAt: at,
    recordsScanned: scanned,
    counterItems: districtsWritten,
    enterpriseYears: rebuilt.enterpriseYears.length,
    certifiedOrganizations: rebuilt.certifiedMarks.length,
  };
};
