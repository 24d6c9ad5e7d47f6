/** The only source of "now" for handlers, so tests and the local cloud reason about one clock. */
export const now = (): Date => new Date();
export const nowIso = (): string => now().toISOString();
