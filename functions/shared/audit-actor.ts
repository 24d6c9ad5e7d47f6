import type { AuditActor } from '../../domain/shared/audit.ts';
import type { Caller } from './auth.ts';

export const auditActorOf = (caller: Caller): AuditActor => ({
  id: caller.userId,
  role: caller.role,
  ...(caller.name !== undefined ? { name: caller.name } : {}),
});
