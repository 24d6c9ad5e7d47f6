import { z } from 'zod';

export const auditActorSchema = z.object({
  id: z.string(),
  role: z.string(),
  name: z.string().optional(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

/** The system itself, for transitions made by the state machine. */
export const workflowActor: AuditActor = {
  id: 'workflow',
  role: 'system',
  name: '流程引擎 / Workflow engine',
};

export const auditEventSchema = z.object({
  applicationId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
  actor: auditActorSchema,
  action: z.string(),
  stage: z.string().optional(),
  reason: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Identifies the cause, so a retried step does not append the same event twice. */
  eventKey: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON: keys sorted at every level, so the hash does not depend on property order. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
};

/** The text whose SHA-256 is an event's hash: everything but the hash itself, chained to the previous one. */
export const auditHashInput = (event: Omit<AuditEvent, 'hash'>): string => canonicalJson(event);
