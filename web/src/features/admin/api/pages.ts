/** The API call as `useApi()` returns it. */
export type Api = <T>(
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<T>;

/** Stops a runaway list: far more than any zone's catalog or sessions. */
const MAX_ITEMS = 2_000;

/** Every page of a cursor-paginated list (`{ items, cursor }`), 100 at a time. */
export const fetchAll = async <T>(api: Api, path: string): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: T[]; cursor?: string | null } = await api(`${path}${separator}${query}`);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < MAX_ITEMS);
  return items;
};
