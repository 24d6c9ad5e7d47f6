import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditSearchPage } from '../../../../../domain/shared/audit-search.ts';
import { useApi } from '../../../shared/auth.tsx';
import { type AuditFilters, auditQuery } from '../logic.ts';

const PAGE_SIZE = '100';

/** `GET /audit`, page after page with the cursor the API returns, newest events first. */
export const useAuditSearch = (filters: AuditFilters, enabled: boolean) => {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditSearchPage>(`/audit?${auditQuery(filters, { limit: PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (page) => page.nextCursor,
  });
};
