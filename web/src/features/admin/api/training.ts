import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RosterLine } from '../../../../../domain/training/registration.ts';
import type { PutTrainingSessionBody, TrainingSessionView } from '../../../../../domain/training/session.ts';
import { useApi } from '../../../shared/auth.tsx';
import { fetchAll } from './pages.ts';

export const useTrainingSessions = (zone: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'training', zone],
    enabled: zone !== undefined,
    queryFn: () =>
      fetchAll<TrainingSessionView>(api, `/training/sessions?zone=${encodeURIComponent(zone ?? '')}`),
  });
};

export const usePutTrainingSession = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: PutTrainingSessionBody }) =>
      api<{ session: TrainingSessionView }>(`/training/sessions/${encodeURIComponent(code)}`, {
        method: 'PUT',
        body,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'training'] }),
  });
};

export const useRegistrations = (code: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'registrations', code],
    enabled: code !== undefined,
    queryFn: () =>
      api<{ session: TrainingSessionView; items: RosterLine[] }>(
        `/training/sessions/${encodeURIComponent(code ?? '')}/registrations`,
      ),
  });
};

/** The Excel list's path (functions/catalog.ts: GET /training/sessions/{code}/registrations.xlsx). */
export const registrationsXlsxPath = (code: string) =>
  `/training/sessions/${encodeURIComponent(code)}/registrations.xlsx`;

/** Records who was present on one day (`PUT /training/sessions/{code}/attendance/{date}`), replacing that day. */
export const usePutAttendance = (code: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ date, present }: { date: string; present: string[] }) =>
      api(`/training/sessions/${encodeURIComponent(code)}/attendance/${date}`, {
        method: 'PUT',
        body: { present },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'registrations', code] }),
  });
};
