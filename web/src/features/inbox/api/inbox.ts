import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../shared/auth.tsx';

export interface InboxTask {
  taskId: string;
  applicationId: string;
  program: string;
  stage: string;
  kind: string;
  title: string;
  zone: string;
  district: string;
  status: string;
  createdAt: string;
  dueAt: string;
  overdue?: boolean;
  claimedBy?: string;
}

/** More than any real inbox holds; the list is virtualized, so ten thousand rows scroll smoothly. */
const MAX_TASKS = 10_000;

/** The caller's whole inbox, page by page (100 a page, ordered by due date on the server). */
export const useInbox = () => {
  const api = useApi();
  return useQuery({
    queryKey: ['inbox'],
    queryFn: async () => {
      const tasks: InboxTask[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: { items: InboxTask[]; cursor: string | null } = await api(`/inbox?limit=100${query}`);
        tasks.push(...page.items);
        cursor = page.cursor;
      } while (cursor && tasks.length < MAX_TASKS);
      return tasks;
    },
  });
};

export const useClaimTask = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => api(`/tasks/${taskId}/claim`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inbox'] }),
  });
};

export const useDecideTask = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      taskId,
      ...decision
    }: {
      taskId: string;
      outcome: string;
      comment?: string;
      data?: unknown;
    }) => api(`/tasks/${taskId}/decision`, { method: 'POST', body: decision }),
    onSuccess: () => client.invalidateQueries(),
  });
};
