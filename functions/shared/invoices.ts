import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { keys } from './keys.ts';

export interface InvoiceRef {
  code: string;
  number: string;
}

export interface InvoiceConflict extends InvoiceRef {
  claimId: string;
}

export type InvoiceClaimResult = { ok: true } | { ok: false; conflicts: InvoiceConflict[] };

/** Always in the same order, so two claims sharing invoices meet on the same first one. */
const sorted = (invoices: readonly InvoiceRef[]) =>
  [...invoices].sort((a, b) => `${a.code}#${a.number}`.localeCompare(`${b.code}#${b.number}`));

/**
 * Takes every invoice of a claim, each with a conditional put: free, already this claim's (a retry), or
 * released by a rejected or withdrawn claim. If any is held by another claim, the ones taken here are
 * given back and the conflicts are reported, so of two claims sharing an invoice exactly one proceeds.
 */
export const claimInvoices = async (claimId: string, invoices: readonly InvoiceRef[], at: string) => {
  const taken: InvoiceRef[] = [];
  const conflicts: InvoiceConflict[] = [];
  for (const invoice of sorted(invoices)) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.invoice(invoice.code, invoice.number),
            type: 'INVOICE',
            ...invoice,
            claimId,
            claimedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR claimId = :me OR attribute_exists(releasedAt)',
          ExpressionAttributeValues: { ':me': claimId },
        }),
      );
      taken.push(invoice);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.invoice(invoice.code, invoice.number),
          ConsistentRead: true,
        }),
      );
      conflicts.push({ ...invoice, claimId: String(Item?.claimId ?? 'unknown') });
      break;
    }
  }
  if (conflicts.length === 0) return { ok: true } satisfies InvoiceClaimResult;
  await releaseInvoices(claimId, taken, at);
  return { ok: false, conflicts } satisfies InvoiceClaimResult;
};

/** Frees a claim's invoices for other claims; only the owner's hold is released. */
export const releaseInvoices = async (claimId: string, invoices: readonly InvoiceRef[], at: string) => {
  for (const invoice of invoices) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.invoice(invoice.code, invoice.number),
          UpdateExpression: 'SET releasedAt = :at',
          ConditionExpression: 'claimId = :me AND attribute_not_exists(releasedAt)',
          ExpressionAttributeValues: { ':me': claimId, ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
};
