import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ObjectionBody,
  ObjectionReceipt,
  PublicNoticeListing,
} from '../../../../../domain/shared/notice.ts';
import { apiRequest } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/i18n.tsx';

/** One page of `GET /api/public/notices`: open notices, soonest-ending first. */
export interface PublicNoticePage {
  items: PublicNoticeListing[];
  cursor: string | null;
}

/** The list is public and short-lived (notices open and close by the day), so it is fetched without a token. */
export const publicNoticesQueryKey = ['public-notices'] as const;

/** The API's maximum page size: a zone rarely has more notices open at once, so one page is the whole list. */
const PAGE_SIZE = 100;

export const usePublicNotices = () => {
  const { language } = useLanguage();
  return useQuery({
    queryKey: [...publicNoticesQueryKey, language],
    queryFn: () => apiRequest<PublicNoticePage>(`/public/notices?limit=${PAGE_SIZE}`, { language }),
  });
};

export interface ObjectionFiling {
  applicationId: string;
  body: ObjectionBody;
}

/** Files an objection; the answer is only a receipt, never the submitter's data (see create-objection.ts). */
export const useFileObjection = () => {
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ applicationId, body }: ObjectionFiling) =>
      apiRequest<ObjectionReceipt>(`/public/notices/${encodeURIComponent(applicationId)}/objections`, {
        language,
        method: 'POST',
        body,
      }),
    // A notice may have closed meanwhile; the refreshed list then no longer offers it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicNoticesQueryKey }),
  });
};
