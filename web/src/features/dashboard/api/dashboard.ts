import { useQuery } from '@tanstack/react-query';
import type { ZoneDashboard } from '../../../../../domain/statistics/targets.ts';
import { useApi } from '../../../shared/auth.tsx';

export type {
  ScopeFigures,
  TargetProgress,
  ZoneDashboard,
} from '../../../../../domain/statistics/targets.ts';

/** `GET /dashboard`: the zones the caller may see (one when `zone` is given). */
export interface DashboardReply {
  generatedAt: string;
  zones: ZoneDashboard[];
}

/**
 * One zone's dashboard. The office and municipal reviewers ask without a zone (the API answers with their
 * own); the province and administrators name the zone they chose.
 */
export const useDashboard = (zone: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['dashboard', zone ?? 'own'],
    queryFn: () => api<DashboardReply>(zone ? `/dashboard?zone=${encodeURIComponent(zone)}` : '/dashboard'),
  });
};
