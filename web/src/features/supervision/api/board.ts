import { useQuery } from '@tanstack/react-query';
import type { LocalizedText } from '../../../../../domain/shared/program.ts';
import type { BoardEntry } from '../../../../../domain/supervision/board.ts';
import { useApi } from '../../../shared/auth.tsx';

/** A board row as `GET /supervision/board` sends it: the stored entry without its bookkeeping, with the unit's name. */
export type BoardItem = Omit<BoardEntry, 'lastReportTaskId' | 'reportsInExecution'> & {
  unitName?: LocalizedText;
};

export interface BoardReply {
  zone: string;
  items: BoardItem[];
}

/**
 * The supervision board of a zone. The office, municipal reviewers and units ask without a zone (their
 * own; a unit sees its own tasks only); the province and administrators name the zone they chose.
 */
export const useSupervisionBoard = (zone: string | undefined) => {
  const api = useApi();
  return useQuery({
    queryKey: ['supervision-board', zone ?? 'own'],
    queryFn: () =>
      api<BoardReply>(zone ? `/supervision/board?zone=${encodeURIComponent(zone)}` : '/supervision/board'),
  });
};
