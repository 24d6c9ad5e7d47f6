import type { AuditActor } from '../../domain/shared/audit.ts';
import type { Caller } from './auth.ts';

export const auditActorOf = (caller: Caller): AuditActor => ({
  id: caller.userId,
  role: caller.role,
  ...(caller.name !== undefined ? { name: caller.name } : {}),
});

/** The person whose decision a workflow step carries out, named as the decision recorded them. */
export const deciderOf = (
  decision: { decidedBy: string; decidedByName?: string | undefined },
  role: AuditActor['role'],
): AuditActor => ({
  id: decision.decidedBy,
  role,
  ...(decision.decidedByName !== undefined ? { name: decision.decidedByName } : {}),
});
