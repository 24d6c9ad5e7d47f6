import { randomUUID } from 'node:crypto';
import { type Attachment, attachmentUploadRequestSchema } from '../../domain/shared/attachment.ts';
import { attachmentObjectKey, presignUpload } from '../shared/attachment-store.ts';
import { insertAttachment } from '../shared/attachments.ts';
import { now } from '../shared/clock.ts';
import { createApiHandler, respond } from '../shared/http.ts';

/**
 * Announces a file and returns a URL that uploads exactly it (length, type, SHA-256) straight to the
 * bucket. The file joins an application when a form or decision naming its id is accepted.
 */
export const handler = createApiHandler({ body: attachmentUploadRequestSchema }, async ({ caller, body }) => {
  const at = now();
  const id = randomUUID();
  const attachment: Attachment = {
    id,
    uploaderId: caller.userId,
    ...(caller.orgId !== undefined ? { orgId: caller.orgId } : {}),
    fileName: body.fileName,
    contentType: body.contentType,
    sizeBytes: body.sizeBytes,
    sha256: body.sha256,
    objectKey: attachmentObjectKey(id),
    status: 'PENDING',
    createdAt: at.toISOString(),
  };
  await insertAttachment(attachment, at);
  const upload = await presignUpload(attachment, at);
  return respond(201, { attachment, upload });
});
