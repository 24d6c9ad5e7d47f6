import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Policy,
  PolicyCap,
  PutPolicyBody,
  PutPolicyCapBody,
} from '../../../../../domain/subsidy/policy.ts';
import { useApi } from '../../../shared/auth.tsx';
import { fetchAll } from './pages.ts';

export interface PolicyBudget {
  totalCny: number;
  availableCny: number;
  reservedCny: number;
  committedCny: number;
}

export const usePolicies = (zone: string | undefined, year: number | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'policies', zone, year],
    enabled: zone !== undefined,
    queryFn: () =>
      fetchAll<Policy>(
        api,
        `/policies?zone=${encodeURIComponent(zone ?? '')}${year === undefined ? '' : `&year=${year}`}`,
      ),
  });
};

export const usePolicyBudget = (code: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'policy-budget', code],
    enabled: code !== undefined,
    queryFn: () =>
      api<{ policyCode: string; budget: PolicyBudget }>(`/policies/${encodeURIComponent(code ?? '')}/budget`),
  });
};

/** Creates (no `version`) or updates (the version being edited) a policy. */
export const usePutPolicy = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: PutPolicyBody }) =>
      api<{ policy: Policy }>(`/policies/${encodeURIComponent(code)}`, { method: 'PUT', body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'policies'] }),
  });
};

/** The zone-wide per-enterprise cap of a year, which `GET /policies?year=` returns beside the first page. */
export const useZoneCap = (zone: string | undefined, year: number | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['admin', 'zone-cap', zone, year],
    enabled: zone !== undefined && year !== undefined,
    queryFn: async () =>
      (
        await api<{ zoneCap: PolicyCap | null }>(
          `/policies?zone=${encodeURIComponent(zone ?? '')}&year=${year}&limit=1`,
        )
      ).zoneCap,
  });
};

export const usePutZoneCap = () => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ zone, year, body }: { zone: string; year: number; body: PutPolicyCapBody }) =>
      api<{ cap: PolicyCap }>(`/policy-caps/${encodeURIComponent(zone)}/${year}`, { method: 'PUT', body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'zone-cap'] }),
  });
};
