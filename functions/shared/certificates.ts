import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CertificateRecord } from '../../domain/shared/program.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';

/** The register of issued certificates, looked up by number (e.g. for provincial applications). */
export const putCertificateRecord = async (record: CertificateRecord): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.certificate(record.number),
        // Ordered by expiry, for reminders before certificates lapse.
        gsi2pk: keys.certificatesByExpiry,
        gsi2sk: `${record.validUntil}#${record.number}`,
        type: 'CERTIFICATE',
        ...record,
      },
    }),
  );
};

export const findCertificate = async (number: string): Promise<CertificateRecord | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.certificate(number), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, ...record } = Item;
  return record as CertificateRecord;
};
