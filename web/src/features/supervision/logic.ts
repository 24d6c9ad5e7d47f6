import type { BoardItem } from './api/board.ts';

export type Rag = BoardItem['rag'];

/** Worst first: the office looks at red before yellow before green. */
export const ragOrder: readonly Rag[] = ['RED', 'YELLOW', 'GREEN'];

/** Red, then yellow, then green; within a color the soonest due first, then by title. */
export const sortBoard = (items: readonly BoardItem[]): BoardItem[] =>
  [...items].sort(
    (a, b) =>
      ragOrder.indexOf(a.rag) - ragOrder.indexOf(b.rag) ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.title.localeCompare(b.title),
  );

export const ragCounts = (items: readonly BoardItem[]): Record<Rag, number> => {
  const counts: Record<Rag, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  for (const item of items) counts[item.rag] += 1;
  return counts;
};

export const filterByRag = (items: readonly BoardItem[], rag: Rag | 'ALL'): BoardItem[] =>
  rag === 'ALL' ? [...items] : items.filter((item) => item.rag === rag);

/** Today's date in China (YYYY-MM-DD), whatever the browser's zone. */
export const chinaToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from `today` to a due date (both YYYY-MM-DD): negative once it has passed. */
export const daysUntil = (dueDate: string, today: string): number =>
  Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
