import { attachmentPathSchema } from '../../domain/shared/attachment.ts';
import { requireReadableApplication } from '../shared/application-service.ts';
import { presignDownload } from '../shared/attachment-store.ts';
import { attachmentText, getAttachment } from '../shared/attachments.ts';
import { now } from '../shared/clock.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';

/** A short-lived download link, for whoever may read the application the file belongs to. */
export const handler = createApiHandler({ path: attachmentPathSchema }, async ({ caller, path }) => {
  const application = await requireReadableApplication(caller, path.id);
  const attachment = await getAttachment(path.attachmentId);
  if (!attachment || attachment.applicationId !== application.id) throw notFound(attachmentText);
  const download = await presignDownload(attachment, now());
  return respond(200, {
    attachment: {
      id: attachment.id,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      sha256: attachment.sha256,
    },
    download,
  });
});
