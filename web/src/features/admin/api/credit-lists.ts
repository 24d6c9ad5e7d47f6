import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreditEntry, CreditEntryBody, CreditList } from '../../../../../domain/registry/credit.ts';
import type { CreditImport, ImportBody, ImportReport } from '../../../../../domain/registry/credit-import.ts';
import { useApi } from '../../../shared/auth.tsx';

export const useCreditEntries = (list: CreditList, zone: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'credit', list, zone],
    enabled: zone !== undefined,
    queryFn: () =>
      api<{ items: CreditEntry[] }>(`/credit-lists/${list}?zone=${encodeURIComponent(zone ?? '')}`).then(
        (reply) => reply.items,
      ),
  });
};

export const usePutCreditEntry = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ list, uscc, body }: { list: CreditList; uscc: string; body: CreditEntryBody }) =>
      api<{ entry: CreditEntry }>(`/credit-lists/${list}/${encodeURIComponent(uscc)}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'credit'] }),
  });
};

export interface ImportReply {
  import: CreditImport;
  report: ImportReport;
}

/** Sends a file; a refused row answers 422 with the per-row report in the error's details. */
export const useImportCreditList = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportBody) => api<ImportReply>('/credit-lists/imports', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'credit'] }),
  });
};

export const useCreditImport = (id: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'credit-import', id],
    enabled: id !== undefined,
    queryFn: () => api<ImportReply>(`/credit-lists/imports/${encodeURIComponent(id ?? '')}`),
  });
};
