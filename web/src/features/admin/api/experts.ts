import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Expert } from '../../../../../domain/shared/expert.ts';
import { useApi } from '../../../shared/auth.tsx';

export const useExperts = (zone: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'experts', zone],
    enabled: zone !== undefined,
    queryFn: () =>
      api<{ items: Expert[] }>(`/experts?zone=${encodeURIComponent(zone ?? '')}`).then(
        (reply) => reply.items,
      ),
  });
};

export const usePutExpert = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: Expert) =>
      api<{ expert: Expert }>(`/experts/${encodeURIComponent(userId)}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'experts'] }),
  });
};
