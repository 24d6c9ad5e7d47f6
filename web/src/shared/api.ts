import type { Language, Text } from './i18n.tsx';

/** Where the API lives: the same origin under /api, unless the build says otherwise. */
export const apiBase: string = import.meta.env.VITE_API_BASE ?? '/api';

/** An API error as the platform sends it (`{ error: { code, message, details } }`), in the caller's language. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The API refused a save made from a stale copy (409 `VERSION_CONFLICT`): someone else changed it meanwhile. */
export const isVersionConflict = (error: unknown): boolean =>
  error instanceof ApiFailure && error.code === 'VERSION_CONFLICT';

const networkFailure: Text = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'The server could not be reached; check the connection and retry',
};

export interface RequestOptions {
  token?: string | undefined;
  language: Language;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API call; resolves with the JSON body of a 2xx reply and throws ApiFailure otherwise. */
export const apiRequest = async <T>(path: string, options: RequestOptions): Promise<T> => {
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        'accept-language': options.language === 'en' ? 'en' : 'zh-CN',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiFailure(0, 'NETWORK', options.language === 'en' ? networkFailure.en : networkFailure.zh);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return body as T;
};

/** Downloads a binary reply (PDF, Excel) and hands it to the browser as a file. */
export const downloadFile = async (
  path: string,
  options: RequestOptions,
  fileName: string,
): Promise<void> => {
  const response = await fetch(`${apiBase}${path}`, {
    headers: {
      'accept-language': options.language === 'en' ? 'en' : 'zh-CN',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiFailure(
      response.status,
      body.error?.code ?? 'DOWNLOAD_FAILED',
      body.error?.message ?? response.statusText,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
};
