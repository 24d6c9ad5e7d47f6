/** An API error answered as HTTP 400 `{"__type": name, "message": ...}`, the shape the SDK deserializes. */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * An error that fails a state. The library reads `name` as the ASL error and `message` as the cause, and
 * consults `isRetryable` / `isCatchable` when present.
 */
export class StateError extends Error {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;
  constructor(error: string, cause: string, options: { retryable?: boolean; catchable?: boolean } = {}) {
    super(cause);
    this.name = error;
    this.isRetryable = options.retryable ?? true;
    this.isCatchable = options.catchable ?? true;
  }
}

/** Thrown into a run that was stopped or closed, so no Retry or Catch keeps the abandoned run going. */
export function abandonedError(): StateError {
  return new StateError('Local.RunAbandoned', 'The run was stopped', { retryable: false, catchable: false });
}
