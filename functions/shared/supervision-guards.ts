import { findUnit } from '../../domain/supervision/units.ts';
import { getApplication } from './applications.ts';
import { registerDecisionGuard } from './decision-guards.ts';

// A reassignment names another unit of the same zone.
registerDecisionGuard('supervision-unit-in-zone', async (task, outcome, data) => {
  if (outcome !== 'APPROVE') return undefined;
  const code = String((data as { unitCode?: string } | undefined)?.unitCode ?? '');
  const unit = findUnit(code);
  const application = await getApplication(task.applicationId);
  if (!unit || unit.zone !== task.zone) {
    return {
      zh: `责任单位 ${code} 不属于本综试区`,
      en: `Responsible unit ${code} is not one of this zone's`,
    };
  }
  if (application?.form.unitCode === code) {
    return { zh: '新的责任单位须不同于原单位', en: 'The new unit must differ from the current one' };
  }
  return undefined;
});
