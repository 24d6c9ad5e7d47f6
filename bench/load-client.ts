/**
 * The client side of the load test (bench/load.ts forks it, so the clients run on their own event loop and
 * do not steal the local cloud's). Not run on its own: it waits for a LoadPlan message, runs every client
 * for the planned time, and answers with a LoadReport.
 *
 * Each client is one keep-alive connection and one closed loop (the next request leaves when the previous
 * answer has arrived, after `thinkMs`, 0 by default):
 * - submitters: POST /applications, a SUBSIDY claim with an invoice number no other claim uses;
 * - reviewers: GET /inbox?limit=100, then a decision on every task of their stage on that page that falls in
 *   their share (tasks are split over the reviewers of a stage by a hash of the task id, so two reviewers
 *   rarely pick the same task); a reviewer whose share of the page is empty waits `idleMs` before reading
 *   the inbox again.
 */
import { Agent, request } from 'node:http';
import { sampleSubsidyForm } from '../local/subsidy-demo.ts';

export type Operation = 'submit' | 'inbox' | 'decide';
export const operations: readonly Operation[] = ['submit', 'inbox', 'decide'];

export type ClientSpec =
  | { kind: 'submitter'; token: string; serialBase: number }
  | {
      kind: 'reviewer';
      token: string;
      stage: string;
      /** This reviewer's share: tasks whose hash modulo `shares` equals `share`. */
      share: number;
      shares: number;
      decision: { outcome: string; data?: Record<string, unknown> };
    };

export interface LoadPlan {
  apiUrl: string;
  seconds: number;
  policyCode: string;
  invoiceAmountCny: number;
  idleMs: number;
  /** Pause after each answer (0: a closed loop with no think time, as autocannon runs its connections). */
  thinkMs: number;
  timeoutMs: number;
  clients: ClientSpec[];
}

export interface OperationReport {
  /** Milliseconds from sending the request to the last byte of the answer, one per answered request. */
  latencies: number[];
  statuses: Record<string, number>;
}

export interface LoadReport {
  startedAt: number;
  /** From the first request to the last answer (in-flight requests are awaited after the deadline). */
  elapsedMs: number;
  operations: Record<Operation, OperationReport>;
  /** Every 201 the submitters received: the application id and the claim's invoice number. */
  acceptedApplications: { id: string; invoice: string }[];
  /** Invoice numbers of submissions answered 4xx: refused, so they must not be stored. */
  refusedInvoices: string[];
  /** Invoice numbers of submissions answered 5xx or not at all: the outcome is unknown to the client. */
  ambiguousInvoices: string[];
  /** Task ids of every 200 the reviewers received for a decision. */
  acceptedDecisions: string[];
  /** Task ids of decisions answered 5xx or not at all. */
  ambiguousDecisions: string[];
  /** Task ids a reviewer was refused with 409 (someone else decided it first, or it closed meanwhile). */
  conflicts: string[];
  /** Requests that got no HTTP answer (socket error or timeout), by operation. */
  transportErrors: Record<Operation, number>;
  /** The first few unexpected answers, for the report. */
  samples: { operation: Operation; status: number; body: string }[];
  /** Inbox reads that found nothing in the reader's share. */
  idleReads: number;
  clientCpuMs: number;
}

interface Reply {
  status: number;
  body: string;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** FNV-1a, 32 bits: spreads task ids evenly over the reviewers' shares. */
const hash = (text: string): number => {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
};

class Connection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  send(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(
        `${this.apiUrl}${path}`,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: Number(process.hrtime.bigint() - start) / 1e6,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

export const runLoad = async (plan: LoadPlan): Promise<LoadReport> => {
  const report: LoadReport = {
    startedAt: Date.now(),
    elapsedMs: 0,
    operations: {
      submit: { latencies: [], statuses: {} },
      inbox: { latencies: [], statuses: {} },
      decide: { latencies: [], statuses: {} },
    },
    acceptedApplications: [],
    refusedInvoices: [],
    ambiguousInvoices: [],
    acceptedDecisions: [],
    ambiguousDecisions: [],
    conflicts: [],
    transportErrors: { submit: 0, inbox: 0, decide: 0 },
    samples: [],
    idleReads: 0,
    clientCpuMs: 0,
  };
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = Date.now() + plan.seconds * 1000;
  const running = () => Date.now() < deadline;

  /** One request, recorded under its operation; undefined when no HTTP answer came back. */
  const call = async (
    connection: Connection,
    operation: Operation,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Reply | undefined> => {
    try {
      const reply = await connection.send(method, path, body);
      const record = report.operations[operation];
      record.latencies.push(reply.ms);
      record.statuses[reply.status] = (record.statuses[reply.status] ?? 0) + 1;
      return reply;
    } catch {
      report.transportErrors[operation] += 1;
      return undefined;
    }
  };
  const sample = (operation: Operation, reply: Reply) => {
    if (report.samples.length < 20)
      report.samples.push({ operation, status: reply.status, body: reply.body.slice(0, 400) });
  };

  const think = () => (plan.thinkMs > 0 ? sleep(plan.thinkMs) : undefined);

  const submitter = async (connection: Connection, serialBase: number) => {
    for (let sequence = 0; running(); sequence += 1) {
      const form = {
        ...sampleSubsidyForm({
          policyCode: plan.policyCode,
          invoiceSerials: [serialBase + sequence],
          invoiceAmountCny: plan.invoiceAmountCny,
        }),
        attachments: [],
      };
      const invoice = form.invoices[0]?.number ?? '';
      const reply = await call(connection, 'submit', 'POST', '/applications', { program: 'SUBSIDY', form });
      if (!reply || reply.status >= 500) report.ambiguousInvoices.push(invoice);
      else if (reply.status === 201) {
        const { application } = JSON.parse(reply.body) as { application: { id: string } };
        report.acceptedApplications.push({ id: application.id, invoice });
      } else report.refusedInvoices.push(invoice);
      if (reply && reply.status !== 201) sample('submit', reply);
      await think();
    }
  };

  const reviewer = async (connection: Connection, spec: Extract<ClientSpec, { kind: 'reviewer' }>) => {
    const decided = new Set<string>();
    while (running()) {
      const page = await call(connection, 'inbox', 'GET', '/inbox?limit=100');
      if (!page) continue;
      if (page.status !== 200) {
        sample('inbox', page);
        continue;
      }
      const { items } = JSON.parse(page.body) as { items: { taskId: string; stage: string }[] };
      const mine = items.filter(
        (task) =>
          task.stage === spec.stage &&
          hash(task.taskId) % spec.shares === spec.share &&
          !decided.has(task.taskId),
      );
      if (mine.length === 0) {
        report.idleReads += 1;
        await sleep(Math.max(plan.idleMs, plan.thinkMs));
        continue;
      }
      await think();
      for (const task of mine) {
        if (!running()) break;
        const reply = await call(
          connection,
          'decide',
          'POST',
          `/tasks/${task.taskId}/decision`,
          spec.decision,
        );
        decided.add(task.taskId);
        if (!reply || reply.status >= 500) report.ambiguousDecisions.push(task.taskId);
        else if (reply.status === 200) report.acceptedDecisions.push(task.taskId);
        else if (reply.status === 409) report.conflicts.push(task.taskId);
        if (reply && reply.status !== 200 && reply.status !== 409) sample('decide', reply);
        await think();
      }
    }
  };

  await Promise.all(
    plan.clients.map(async (spec) => {
      const connection = new Connection(plan.apiUrl, spec.token, plan.timeoutMs);
      try {
        if (spec.kind === 'submitter') await submitter(connection, spec.serialBase);
        else await reviewer(connection, spec);
      } finally {
        connection.close();
      }
    }),
  );
  report.elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  report.clientCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  return report;
};

// Forked by bench/load.ts (which sets the variable): one plan in, one report out.
if (process.env.BENCH_LOAD_CLIENT === '1' && process.send) {
  process.once('message', (plan: LoadPlan) => {
    runLoad(plan)
      .then((report) => process.send?.(report, () => process.exit(0)))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}
