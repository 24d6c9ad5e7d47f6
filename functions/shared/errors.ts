import type { LocalizedText } from '../../domain/shared/program.ts';

/** An error the API reports to the caller as `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly details?: unknown,
    /** Response headers that belong to the error, e.g. `retry-after` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, text: LocalizedText, details?: unknown) =>
  new ApiError(400, code, text, details);
export const unauthorized = () =>
  new ApiError(401, 'UNAUTHORIZED', { zh: '未登录或登录已失效', en: 'Authentication required' });
export const forbidden = (text: LocalizedText = { zh: '无权执行此操作', en: 'You may not do this' }) =>
  new ApiError(403, 'FORBIDDEN', text);
export const notFound = (what: LocalizedText) =>
  new ApiError(404, 'NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });
export const conflict = (code: string, text: LocalizedText, details?: unknown) =>
  new ApiError(409, code, text, details);
export const tooManyRequests = (retryAfterSeconds: number, text: LocalizedText, details?: unknown) =>
  new ApiError(429, 'RATE_LIMITED', text, details, { 'retry-after': String(retryAfterSeconds) });

export const applicationText: LocalizedText = { zh: '申请', en: 'Application' };
export const taskText: LocalizedText = { zh: '待办任务', en: 'Task' };

/** An optimistic-concurrency check failed: someone else changed the record between read and write. */
export const concurrentModification = () =>
  conflict('CONCURRENT_MODIFICATION', {
    zh: '申请已被同时修改，请刷新后重试',
    en: 'The application changed meanwhile; reload and retry',
  });
