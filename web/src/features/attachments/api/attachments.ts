import { useMutation } from '@tanstack/react-query';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentExtensions,
  contentTypeOf,
} from '../../../../../domain/shared/attachment.ts';
import { ApiFailure } from '../../../shared/api.ts';
import { useApi } from '../../../shared/auth.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';

interface UploadReply {
  attachment: { id: string; fileName: string; sizeBytes: number };
  upload: { url: string; method: string; headers: Record<string, string> };
}

interface DownloadReply {
  download: { url: string };
}

export interface UploadedFile {
  attachmentId: string;
  fileName: string;
  sizeBytes: number;
}

const texts = {
  type: {
    zh: `仅接受 ${attachmentExtensions.join('、')} 文件`,
    en: `Only ${attachmentExtensions.join(', ')} files are accepted`,
  },
  size: {
    zh: `文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
    en: `Files may not exceed ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`,
  },
  empty: { zh: '文件为空', en: 'The file is empty' },
  storage: {
    zh: '文件未能存入，请重新上传',
    en: 'The file could not be stored; upload it again',
  },
} satisfies Record<string, Text>;

/** The same checks the API makes, before a byte leaves the browser. */
export const fileProblem = (file: Pick<File, 'name' | 'size'>): Text | undefined => {
  if (!contentTypeOf(file.name)) return texts.type;
  if (file.size === 0) return texts.empty;
  if (file.size > ATTACHMENT_MAX_BYTES) return texts.size;
  return undefined;
};

const base64 = (bytes: ArrayBuffer) => {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/**
 * Announces the file with its SHA-256 and uploads it to the URL signed for exactly it; the form then
 * names it by id. The bytes go to the bucket, never through the API.
 */
export const useUploadAttachment = () => {
  const api = useApi();
  const { t } = useLanguage();
  return useMutation({
    mutationFn: async (file: File): Promise<UploadedFile> => {
      const problem = fileProblem(file);
      if (problem) throw new ApiFailure(400, 'FILE_REFUSED', t(problem));
      const bytes = await file.arrayBuffer();
      const sha256 = base64(await crypto.subtle.digest('SHA-256', bytes));
      const { attachment, upload } = await api<UploadReply>('/attachments', {
        method: 'POST',
        body: { fileName: file.name, contentType: contentTypeOf(file.name), sizeBytes: file.size, sha256 },
      });
      let stored: Response;
      try {
        stored = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
      } catch {
        throw new ApiFailure(0, 'UPLOAD_FAILED', t(texts.storage));
      }
      if (!stored.ok) throw new ApiFailure(stored.status, 'UPLOAD_FAILED', t(texts.storage));
      return { attachmentId: attachment.id, fileName: attachment.fileName, sizeBytes: attachment.sizeBytes };
    },
  });
};

/** Opens a file of the application through a short-lived link (the API checks the reader's scope). */
export const useDownloadAttachment = (applicationId: string) => {
  const api = useApi();
  return useMutation({
    mutationFn: async (attachmentId: string) => {
      const { download } = await api<DownloadReply>(
        `/applications/${applicationId}/attachments/${attachmentId}`,
      );
      const link = document.createElement('a');
      link.href = download.url;
      link.rel = 'noopener';
      link.click();
    },
  });
};
