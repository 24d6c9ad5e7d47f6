import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionState, HistoryEvent } from './types.ts';

/** What the store needs from a live execution. */
export interface StoredExecution {
  state: ExecutionState;
  events: HistoryEvent[];
  /** Number of `events` already appended to the history file. */
  persistedEvents: number;
}

/**
 * Layout under `${dataDir}/executions/`: `<key>.json` holds the execution without its history (rewritten
 * atomically through a temp file + rename) and `<key>.events.ndjson` the history, appended one event per line,
 * so a step costs a small rewrite plus an append however long the history grows.
 */
export interface ExecutionStore {
  load(): Promise<StoredExecution[]>;
  /** Schedules a coalesced write. */
  save(execution: StoredExecution): void;
  /** Writes now (or waits for the write in flight) and resolves once the current state is on disk. */
  flush(execution: StoredExecution): Promise<void>;
  close(): Promise<void>;
}

export function memoryStore(): ExecutionStore {
  return {
    load: async () => [],
    save: () => {},
    flush: async () => {},
    close: async () => {},
  };
}

function fileKey(state: ExecutionState): string {
  return `${encodeURIComponent(state.stateMachineName)}~${encodeURIComponent(state.name)}`;
}

function parseEvents(text: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as HistoryEvent);
    } catch {
      // A crash can cut the last append short; everything before it is intact.
      break;
    }
  }
  return events;
}

export function fileStore(dataDir: string, log: (message: string) => void): ExecutionStore {
  const dir = join(dataDir, 'executions');
  const dirty = new Set<StoredExecution>();
  const chains = new Map<StoredExecution, Promise<void>>();
  let scheduled: NodeJS.Immediate | null = null;
  let tempCounter = 0;
  let closed = false;

  async function write(execution: StoredExecution): Promise<void> {
    const key = fileKey(execution.state);
    const pending = execution.events.slice(execution.persistedEvents);
    if (pending.length > 0) {
      await appendFile(
        join(dir, `${key}.events.ndjson`),
        pending.map((event) => `${JSON.stringify(event)}\n`).join(''),
      );
      execution.persistedEvents += pending.length;
    }
    const temp = join(dir, `.${key}.${process.pid}.${tempCounter++}.tmp`);
    await writeFile(temp, JSON.stringify(execution.state));
    await rename(temp, join(dir, `${key}.json`));
  }

  function enqueue(execution: StoredExecution): Promise<void> {
    dirty.delete(execution);
    const previous = chains.get(execution) ?? Promise.resolve();
    const next = previous
      .then(() => write(execution))
      .catch((error: unknown) =>
        log(`stepfunctions: cannot persist ${execution.state.executionArn}: ${String(error)}`),
      );
    chains.set(execution, next);
    void next.then(() => {
      if (chains.get(execution) === next) chains.delete(execution);
    });
    return next;
  }

  function flushDirty(): void {
    scheduled = null;
    for (const execution of [...dirty]) void enqueue(execution);
  }

  return {
    async load() {
      await mkdir(dir, { recursive: true });
      const loaded: StoredExecution[] = [];
      for (const file of await readdir(dir)) {
        if (!file.endsWith('.json') || file.startsWith('.')) continue;
        try {
          const state = JSON.parse(await readFile(join(dir, file), 'utf8')) as ExecutionState;
          let events: HistoryEvent[] = [];
          try {
            events = parseEvents(await readFile(join(dir, `${fileKey(state)}.events.ndjson`), 'utf8'));
          } catch {
            events = [];
          }
          loaded.push({ state, events, persistedEvents: events.length });
        } catch (error) {
          log(`stepfunctions: skipping unreadable ${file}: ${String(error)}`);
        }
      }
      return loaded;
    },
    save(execution) {
      if (closed) return;
      dirty.add(execution);
      scheduled ??= setImmediate(flushDirty);
    },
    flush(execution) {
      if (closed) return Promise.resolve();
      return enqueue(execution);
    },
    async close() {
      if (scheduled) clearImmediate(scheduled);
      flushDirty();
      closed = true;
      await Promise.all([...chains.values()]);
    },
  };
}
