import { createHash } from 'node:crypto';
import { contentTypeOf } from '../domain/shared/attachment.ts';

/** A small client for the platform's HTTP API, shared by the demo seed, tests and benchmarks. */
export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(
    readonly apiUrl: string,
    private readonly token?: string,
  ) {}

  static async login(apiUrl: string, username: string, password = 'demo'): Promise<ApiClient> {
    const response = await fetch(`${apiUrl}/local/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`Login as ${username} failed with ${response.status}`);
    const { idToken } = (await response.json()) as { idToken: string };
    return new ApiClient(apiUrl, idToken);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiReply<T>> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Non-JSON bodies are returned as text so callers can see what went wrong.
    }
    return { status: response.status, body: parsed as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }

  /**
   * Announces a file, uploads it to the presigned URL as the console does, and returns the reference a
   * form names it by. Throws when either step is refused.
   */
  async uploadAttachment(
    fileName: string,
    content: Uint8Array,
  ): Promise<{ attachmentId: string; fileName: string }> {
    const contentType = contentTypeOf(fileName);
    if (!contentType) throw new Error(`No attachment type for ${fileName}`);
    const announced = await this.post<AttachmentUploadReply>('/attachments', {
      fileName,
      contentType,
      sizeBytes: content.byteLength,
      sha256: createHash('sha256').update(content).digest('base64'),
    });
    if (announced.status !== 201) {
      throw new Error(`Announcing ${fileName} failed: ${announced.status} ${JSON.stringify(announced.body)}`);
    }
    const { attachment, upload } = announced.body;
    const stored = await fetch(upload.url, {
      method: upload.method,
      headers: upload.headers,
      body: Buffer.from(content),
    });
    if (!stored.ok) throw new Error(`Uploading ${fileName} failed: ${stored.status} ${await stored.text()}`);
    return { attachmentId: attachment.id, fileName };
  }
}

export interface AttachmentUploadReply {
  attachment: { id: string; fileName: string };
  upload: { url: string; method: string; headers: Record<string, string>; expiresAt: string };
}

/** Polls until `probe` returns a value, for the asynchronous steps of a workflow. */
export const eventually = async <T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
