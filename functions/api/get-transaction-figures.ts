import { figuresPathSchema } from '../../domain/statistics/figures.ts';
import { readsEnterpriseRecords } from '../shared/enterprise-access.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { figuresText, figureView, listFigureVersions } from '../shared/transaction-figures.ts';

const readers = new Set([
  'admin',
  'provincial_reviewer',
  'office',
  'municipal_reviewer',
  'district_reviewer',
  'enterprise',
]);

/** One month's figures: the newest version (the one that counts) and every version, oldest first. */
export const handler = createApiHandler({ path: figuresPathSchema }, async ({ caller, path }) => {
  if (!readers.has(caller.role)) {
    throw forbidden({ zh: '无权查看交易额月报', en: 'You may not read transaction figures' });
  }
  const versions = await listFigureVersions(path.uscc, path.month);
  const current = versions.at(-1);
  // Out of scope reads as absent: a caller learns nothing about enterprises it may not see.
  if (
    !current ||
    !readsEnterpriseRecords(caller, { uscc: path.uscc, zone: current.zone, district: current.district })
  )
    throw notFound(figuresText);
  return respond(200, { current: figureView(current), versions: versions.map(figureView) });
});
