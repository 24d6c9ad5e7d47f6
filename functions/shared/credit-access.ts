import type { Caller } from './auth.ts';
import { forbidden } from './errors.ts';

/** Who maintains credit lists: an administrator anywhere, the leading-group office in its own zone. */
export const assertMaintainsCreditLists = (caller: Caller, zone: string | undefined): string => {
  if (caller.role === 'admin' && zone) return zone;
  if (caller.role === 'office' && caller.zone && (zone ?? caller.zone) === caller.zone) return caller.zone;
  throw forbidden({
    zh: '只有管理员或本区领导小组办公室可以维护信用名单',
    en: 'Only an administrator or the zone office maintains the credit lists',
  });
};

const zoneReaders = new Set(['office', 'municipal_reviewer', 'district_reviewer']);

/**
 * Zones whose credit entries the caller may read: all for an administrator and a provincial reviewer
 * (`'all'`), the own zone for the office and municipal and district reviewers, none for anyone else.
 */
export const creditReadScope = (caller: Caller): 'all' | string => {
  if (caller.role === 'admin' || caller.role === 'provincial_reviewer') return 'all';
  if (zoneReaders.has(caller.role) && caller.zone) return caller.zone;
  throw forbidden({ zh: '无权查看信用名单', en: 'You may not read the credit lists' });
};
