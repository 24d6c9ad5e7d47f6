import type { ObjectionRulings } from '../../domain/shared/stages.ts';
import './amount-guards.ts';
import './supervision-guards.ts';
import { registerDecisionGuard } from './decision-guards.ts';
import { listObjections } from './notices.ts';

// Every objection received during the notice gets exactly one ruling, and only those objections.
registerDecisionGuard('objection-rulings-complete', async (task, _outcome, data) => {
  const received = new Set(
    (await listObjections(task.applicationId)).map((objection) => objection.objectionId),
  );
  const ruled = (data as ObjectionRulings).rulings.map((ruling) => ruling.objectionId);
  const complete = ruled.length === received.size && new Set(ruled).size === ruled.length;
  if (complete && ruled.every((id) => received.has(id))) return undefined;
  return {
    zh: `须对全部 ${received.size} 条异议逐条作出处理，且不得重复或遗漏`,
    en: `Rule on each of the ${received.size} objections exactly once`,
  };
});
