import { z } from 'zod';
import { controlCharactersMessage, hasControlCharacters } from './text.ts';

/** Scans and photographed certificates stay well under this; larger files are usually the wrong file. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The file types applicants send, by extension. OFD is the national e-invoice and e-document format
 * (GB/T 33190), so invoices arrive as OFD as often as PDF. The type is taken from the extension, not from
 * what a browser guesses (browsers know no type for .ofd).
 */
export const attachmentContentTypes = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<string, string>;
export type AttachmentExtension = keyof typeof attachmentContentTypes;
export const attachmentExtensions = Object.keys(attachmentContentTypes) as AttachmentExtension[];

export const extensionOf = (fileName: string): string =>
  /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

export const contentTypeOf = (fileName: string): string | undefined =>
  attachmentContentTypes[extensionOf(fileName) as AttachmentExtension];

export const attachmentIdSchema = z.uuid({ message: '附件编号无效 / Invalid attachment id' });

export const attachmentFileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // A name ends up in a Content-Disposition header and in file systems: no paths, no control characters.
  .refine((name) => !hasControlCharacters(name, { multiline: false }) && !/[\\/]/.test(name), {
    message: controlCharactersMessage,
  });

const allowedTypesText = attachmentExtensions.join(', ');

/** What the browser declares before uploading: the presigned URL is signed for exactly this file. */
export const attachmentUploadRequestSchema = z
  .object({
    fileName: attachmentFileNameSchema,
    contentType: z.string().max(200),
    sizeBytes: z
      .number()
      .int()
      .positive({ message: '文件为空 / The file is empty' })
      .max(ATTACHMENT_MAX_BYTES, {
        message: `文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB / Files may not exceed ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
      }),
    /** SHA-256 of the content, base64 (as S3's x-amz-checksum-sha256): S3 refuses a body that differs. */
    sha256: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'SHA-256 须为 base64 / SHA-256 must be base64' }),
  })
  .strict()
  .superRefine((request, context) => {
    const expected = contentTypeOf(request.fileName);
    if (!expected) {
      context.addIssue({
        code: 'custom',
        path: ['fileName'],
        message: `仅接受 ${allowedTypesText} 文件 / Only ${allowedTypesText} files are accepted`,
      });
    } else if (request.contentType !== expected) {
      context.addIssue({
        code: 'custom',
        path: ['contentType'],
        message: `文件类型应为 ${expected} / The content type must be ${expected}`,
      });
    }
  });
export type AttachmentUploadRequest = z.infer<typeof attachmentUploadRequestSchema>;

export const attachmentStatusSchema = z.enum(['PENDING', 'BOUND']);

/** The stored record of one uploaded (or announced) file; the bytes live in the attachment bucket. */
export const attachmentSchema = z.object({
  id: attachmentIdSchema,
  uploaderId: z.string(),
  orgId: z.string().optional(),
  fileName: attachmentFileNameSchema,
  contentType: z.string(),
  sizeBytes: z.number().int().positive(),
  sha256: z.string(),
  objectKey: z.string(),
  status: attachmentStatusSchema,
  /** Set once, when a form or decision naming the file is accepted: an attachment belongs to one application. */
  applicationId: z.string().optional(),
  createdAt: z.iso.datetime(),
  boundAt: z.iso.datetime().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentPathSchema = z
  .object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), attachmentId: attachmentIdSchema })
  .strict();
export type AttachmentPath = z.infer<typeof attachmentPathSchema>;

/**
 * Every `attachmentId` in a form or decision record, wherever a program puts it, so binding needs no
 * per-program code.
 */
export const attachmentIdsIn = (value: unknown): string[] => {
  const found = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 16 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'attachmentId' && typeof child === 'string') found.add(child);
      else visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
};

/** One file of a form: the upload it refers to and the name shown to reviewers. */
export const attachedFileFields = {
  attachmentId: attachmentIdSchema,
  fileName: attachmentFileNameSchema,
};
