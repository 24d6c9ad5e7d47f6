import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Attachment, attachmentIdsIn, attachmentSchema } from '../../domain/shared/attachment.ts';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { tableDesign } from '../catalog.ts';
import { isUploadComplete } from './attachment-store.ts';
import type { Caller } from './auth.ts';
import { documentClient, tableName } from './clients.ts';
import { ApiError, conflict } from './errors.ts';
import { keys } from './keys.ts';

/** An announced file that no form ever names is forgotten after this (its item expires by TTL). */
const PENDING_DAYS = 7;

export const attachmentText: LocalizedText = { zh: '附件', en: 'Attachment' };

export const insertAttachment = async (attachment: Attachment, now: Date): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.attachment(attachment.id),
        type: 'ATTACHMENT',
        ...attachment,
        [tableDesign.ttlAttribute]: Math.floor(now.getTime() / 1000) + PENDING_DAYS * 24 * 60 * 60,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};

export const getAttachment = async (id: string): Promise<Attachment | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.attachment(id), ConsistentRead: true }),
  );
  return Item ? attachmentSchema.parse(Item) : undefined;
};

const attachmentRefused = (statusCode: number, code: string, text: LocalizedText, attachmentId: string) =>
  new ApiError(statusCode, code, text, { attachmentId });

/**
 * Checks every attachment a form or decision names before anything is written: the caller uploaded it,
 * the upload finished with the announced length and SHA-256, and it belongs to no other application.
 * Returns the ids to bind.
 */
export const checkAttachments = async (
  caller: Caller,
  value: unknown,
  applicationId: string | undefined,
): Promise<string[]> => {
  const ids = attachmentIdsIn(value);
  const attachments = await Promise.all(ids.map(async (id) => ({ id, attachment: await getAttachment(id) })));
  for (const { id, attachment } of attachments) {
    // Someone else's upload is reported as unknown: its existence is not the caller's business.
    if (!attachment || attachment.uploaderId !== caller.userId) {
      throw attachmentRefused(
        422,
        'ATTACHMENT_UNKNOWN',
        {
          zh: '附件不存在或不是您上传的，请重新上传',
          en: 'The attachment does not exist or was not uploaded by you; upload it again',
        },
        id,
      );
    }
    if (attachment.applicationId !== undefined && attachment.applicationId !== applicationId) {
      throw attachmentInUse(id);
    }
  }
  const completion = await Promise.all(
    attachments.map(async ({ id, attachment }) => ({
      id,
      complete: attachment ? await isUploadComplete(attachment) : false,
    })),
  );
  for (const { id, complete } of completion) {
    if (!complete) {
      throw attachmentRefused(
        422,
        'ATTACHMENT_NOT_UPLOADED',
        {
          zh: '附件尚未上传完成，请等待上传结束后再提交',
          en: 'The attachment has not finished uploading; submit once it has',
        },
        id,
      );
    }
  }
  return ids;
};

const attachmentInUse = (attachmentId: string) =>
  conflict(
    'ATTACHMENT_IN_USE',
    {
      zh: '该附件已用于另一份申请，请重新上传',
      en: 'This attachment belongs to another application; upload it again',
    },
    { attachmentId },
  );

/** A conditional update of one attachment; false when its condition did not hold. */
const updateAttachmentIf = async (
  id: string,
  update: Pick<
    UpdateCommandInput,
    'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  >,
): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.attachment(id),
        ...update,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/**
 * Ties each attachment to the application, once: a conditional write, so two submissions naming the same
 * upload cannot both take it. Binding to the same application again is a no-op (retries, resubmissions).
 * Throws ATTACHMENT_IN_USE after undoing what this call bound.
 */
export const bindAttachments = async (
  ids: readonly string[],
  applicationId: string,
  uploaderId: string,
  at: string,
): Promise<void> => {
  const bound: string[] = [];
  // In sorted order, as unique keys are claimed: two submissions sharing files meet first on the same one,
  // so one of them always gets all of its files.
  for (const id of [...ids].sort()) {
    const taken = await updateAttachmentIf(id, {
      UpdateExpression:
        'SET #status = :bound, applicationId = :app, boundAt = if_not_exists(boundAt, :at) REMOVE #ttl',
      ConditionExpression:
        'attribute_exists(pk) AND uploaderId = :uploader AND (attribute_not_exists(applicationId) OR applicationId = :app)',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': tableDesign.ttlAttribute },
      ExpressionAttributeValues: {
        ':bound': 'BOUND',
        ':app': applicationId,
        ':at': at,
        ':uploader': uploaderId,
      },
    });
    if (!taken) {
      await unbindAttachments(bound, applicationId);
      throw attachmentInUse(id);
    }
    bound.push(id);
  }
};

/** Frees attachments bound to an application that was removed before its workflow started. */
export const unbindAttachments = async (ids: readonly string[], applicationId: string): Promise<void> => {
  for (const id of ids) {
    // Already free or bound elsewhere: nothing of this application's to undo.
    await updateAttachmentIf(id, {
      UpdateExpression: 'SET #status = :pending REMOVE applicationId, boundAt',
      ConditionExpression: 'applicationId = :app',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'PENDING', ':app': applicationId },
    });
  }
};
