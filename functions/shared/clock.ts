/**
 * The only source of "now" for handlers. `PLATFORM_CLOCK_OFFSET_MS` shifts it (read on every call), so
 * the local cloud and its tests can move past deadlines and notice windows without sleeping. Nothing
 * sets it in AWS.
 */
export const now = (): Date => new Date(Date.now() + Number(process.env.PLATFORM_CLOCK_OFFSET_MS ?? 0));
export const nowIso = (): string => now().toISOString();
