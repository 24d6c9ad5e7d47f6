import { randomUUID } from 'node:crypto';
import { abandonedError } from './errors.ts';
import type { CallbackRecord } from './types.ts';

/** setTimeout clamps anything above 2^31-1 ms to 1 ms, so longer delays are chained. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One pass of the library over an execution: the first run, or a resumed one. Tracks everything that must
 * stop when the run is abandoned (StopExecution, timeout, close) so nothing keeps the process alive.
 */
export class Run {
  aborted = false;
  /** Callback and Wait states this run is currently parked in. */
  parked = 0;
  readonly placeholder = `__local_sfn_task_token_${randomUUID()}__`;
  readonly inflight = new Set<Promise<unknown>>();
  finished: Promise<void> = Promise.resolve();
  abortLibrary: () => void = () => {};
  /** Persisted callback whose token the resumed state entry keeps. */
  reuse: CallbackRecord | null;
  /** End of the Wait state the run resumes in. */
  resumeWait: { stateName: string; until: number } | null;
  /** The resumed state's StateEntered is already in the history. */
  skipEntered: string | null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abortListeners = new Set<() => void>();
  readonly abandoned: Promise<never>;
  private rejectAbandoned: (error: Error) => void = () => {};

  constructor(options: {
    reuse?: CallbackRecord | null;
    resumeWait?: { stateName: string; until: number } | null;
    skipEntered?: string | null;
  }) {
    this.reuse = options.reuse ?? null;
    this.resumeWait = options.resumeWait ?? null;
    this.skipEntered = options.skipEntered ?? null;
    this.abandoned = new Promise<never>((_, reject) => {
      this.rejectAbandoned = reject;
    });
    this.abandoned.catch(() => {});
  }

  /** Runs `fn` after `ms` unless the run is abandoned first; returns a cancel function. */
  timer(ms: number, fn: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = (remaining: number) => {
      handle = setTimeout(
        () => {
          if (handle) this.timers.delete(handle);
          if (remaining > MAX_TIMER_MS) arm(remaining - MAX_TIMER_MS);
          else if (!this.aborted) fn();
        },
        Math.min(remaining, MAX_TIMER_MS),
      );
      this.timers.add(handle);
    };
    arm(Math.max(0, ms));
    return () => {
      if (handle) {
        clearTimeout(handle);
        this.timers.delete(handle);
      }
    };
  }

  /** Resolves after `ms`; rejects with the abandoned error if the run stops first. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abandonedError());
      this.abortListeners.add(onAbort);
      this.timer(ms, () => {
        this.abortListeners.delete(onAbort);
        resolve();
      });
    });
  }

  onAbandon(listener: () => void): () => void {
    this.abortListeners.add(listener);
    return () => this.abortListeners.delete(listener);
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    const forget = () => this.inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  abandon(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const handle of this.timers) clearTimeout(handle);
    this.timers.clear();
    for (const listener of [...this.abortListeners]) listener();
    this.abortListeners.clear();
    this.rejectAbandoned(abandonedError());
    this.abortLibrary();
  }
}
