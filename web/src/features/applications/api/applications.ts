import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { terminalStatuses } from '../../../../../domain/shared/program.ts';
import { useApi } from '../../../shared/auth.tsx';
import type { Text } from '../../../shared/i18n.tsx';

export interface ApplicationTask {
  taskId: string;
  stage: string;
  kind: string;
  status: string;
  dueAt: string;
  assigneeRole: string;
  /** Set for a task one person answers (an expert's scoring). */
  assigneeUserId?: string;
  orgId: string;
  decision?: { outcome: string; comment?: string; decidedBy: string; decidedAt: string; data?: unknown };
}

export interface ApplicationRecord {
  id: string;
  program: string;
  variant: string;
  title: string;
  orgId: string;
  orgName?: string;
  zone: string;
  district: string;
  status: string;
  stage?: string;
  form: Record<string, unknown>;
  revision: number;
  version: number;
  certificate?: { number: string; validFrom: string; validUntil: string };
  assessment?: Record<string, unknown>;
  criteria?: { passed: boolean; reasons: Text[] };
  closingReasons?: Text[];
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; role: string; name?: string };
  action: string;
  stage?: string;
  reason?: string;
  data?: Record<string, unknown>;
}

/** One event of the execution's history (state entered / exited, failures). */
export interface ExecutionStep {
  at: string;
  type: string;
  state?: string;
  error?: string;
}

/** After these (the domain's terminal statuses) nothing moves any more. */
export const isClosed = (status: string): boolean => (terminalStatuses as readonly string[]).includes(status);

/** While the workflow moves an application on by itself, its page follows without a reload. */
const FOLLOW_INTERVAL_MS = 5_000;

export const useApplication = (id: string) => {
  const api = useApi();
  return useQuery({
    queryKey: ['application', id],
    queryFn: () => api<{ application: ApplicationRecord; tasks: ApplicationTask[] }>(`/applications/${id}`),
    refetchInterval: (query) =>
      query.state.data && isClosed(query.state.data.application.status) ? false : FOLLOW_INTERVAL_MS,
  });
};

/** An execution that has ended (succeeded, failed, timed out or was stopped): its history is final. */
const executionEnded = (steps: readonly ExecutionStep[] | undefined): boolean =>
  (steps ?? []).some((step) => step.type.startsWith('Execution') && step.type !== 'ExecutionStarted');

/**
 * The application's audit trail and execution history, fetched again whenever the application's version
 * moves (the page polls the application, not this). The record closes a moment before its execution
 * ends, so a closed application's history is fetched again until that end is in it.
 */
export const useApplicationHistory = (application: ApplicationRecord | undefined) => {
  const api = useApi();
  const id = application?.id;
  const closed = application !== undefined && isClosed(application.status);
  return useQuery({
    queryKey: ['application', id, 'history', application?.version],
    enabled: id !== undefined,
    // A new version shows the last history until its own arrives, as the page did when it polled.
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      closed && (query.state.data?.execution.length ?? 0) > 0 && !executionEnded(query.state.data?.execution)
        ? FOLLOW_INTERVAL_MS
        : false,
    queryFn: () =>
      api<{
        audit: AuditEntry[];
        chain: { valid: boolean; brokenAt: number | null };
        execution: ExecutionStep[];
      }>(`/applications/${id}/history`),
  });
};

export const useMyApplications = () => {
  const api = useApi();
  return useQuery({
    queryKey: ['my-applications'],
    queryFn: async () => (await api<{ items: ApplicationRecord[] }>('/applications?limit=100')).items,
  });
};

export const useSubmitApplication = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      program,
      form,
      idempotencyKey,
    }: {
      program: string;
      form: unknown;
      idempotencyKey: string;
    }) =>
      api<{ application: ApplicationRecord }>('/applications', {
        method: 'POST',
        body: { program, form },
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-applications'] }),
  });
};

export const useResubmit = (id: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { form: unknown; comment?: string }) =>
      api(`/applications/${id}/resubmit`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries(),
  });
};

export const useWithdraw = (id: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api(`/applications/${id}/withdraw`, { method: 'POST', body: { reason } }),
    onSuccess: () => client.invalidateQueries(),
  });
};
