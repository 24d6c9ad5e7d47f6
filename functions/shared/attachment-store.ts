import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Attachment } from '../../domain/shared/attachment.ts';
import { ATTACHMENT_KEY_PREFIX, ATTACHMENTS_BUCKET_VARIABLE } from '../catalog.ts';
import { requireEnv } from './env.ts';

// Only handlers whose route declares `attachments` import this module, so only they need the bucket.
const bucket = requireEnv(ATTACHMENTS_BUCKET_VARIABLE);
// The checksum the URL is signed for is the applicant's SHA-256; the SDK's own default (CRC32) would add a
// second checksum the browser cannot know.
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });

/** Long enough for a 20 MB upload on a slow county line; the URL can write only this one object. */
const UPLOAD_URL_SECONDS = 15 * 60;
const DOWNLOAD_URL_SECONDS = 5 * 60;

export const attachmentObjectKey = (attachmentId: string) => `${ATTACHMENT_KEY_PREFIX}${attachmentId}`;

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the browser must send as they are: they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: string;
}

/**
 * A PUT URL signed for exactly this file: its length, type and SHA-256. S3 refuses any other body (a
 * different length or type breaks the signature; different bytes fail the checksum), so the size limit
 * and the checksum hold without the API ever seeing the bytes.
 */
export const presignUpload = async (attachment: Attachment, now: Date): Promise<PresignedUpload> => {
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket: bucket,
      Key: attachment.objectKey,
      ContentType: attachment.contentType,
      ContentLength: attachment.sizeBytes,
      ChecksumSHA256: attachment.sha256,
    }),
    {
      expiresIn: UPLOAD_URL_SECONDS,
      // Kept as signed headers, not query parameters: S3 checks a checksum only when it arrives as a header.
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      signableHeaders: new Set(['content-type', 'content-length']),
    },
  );
  return {
    url,
    method: 'PUT',
    headers: { 'content-type': attachment.contentType, 'x-amz-checksum-sha256': attachment.sha256 },
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
};

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive the download. */
const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

export const presignDownload = async (
  attachment: Attachment,
  now: Date,
): Promise<{ url: string; expiresAt: string }> => {
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: attachment.objectKey,
      ResponseContentDisposition: contentDisposition(attachment.fileName),
      ResponseContentType: attachment.contentType,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
};

/** Whether the object was uploaded and is the file that was announced (length and SHA-256). */
export const isUploadComplete = async (attachment: Attachment): Promise<boolean> => {
  try {
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: attachment.objectKey, ChecksumMode: 'ENABLED' }),
    );
    return head.ContentLength === attachment.sizeBytes && head.ChecksumSHA256 === attachment.sha256;
  } catch (error) {
    // Without s3:ListBucket (the functions are not granted it), S3 answers a missing key with 403, not 404.
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status === 404 || status === 403) return false;
    throw error;
  }
};
