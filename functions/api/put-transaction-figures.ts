import { chinaDate } from '../../domain/shared/calendar.ts';
import {
  amountsToFen,
  figuresPathSchema,
  putFiguresBodySchema,
  reportingMonthProblem,
} from '../../domain/statistics/figures.ts';
import { now } from '../shared/clock.ts';
import { getEnterprise } from '../shared/enterprises.ts';
import { ApiError, badRequest, forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { figureView, submitFigures } from '../shared/transaction-figures.ts';

/**
 * An enterprise reports (201) or corrects (200, with the version it corrects) one month's transaction
 * figures. Only the enterprise itself reports; its zone and district come from the registry.
 */
export const handler = createApiHandler(
  { path: figuresPathSchema, body: putFiguresBodySchema },
  async ({ caller, path, body }) => {
    if (caller.role !== 'enterprise' || caller.orgId !== path.uscc) {
      throw forbidden({
        zh: '交易额月报只能由企业本身填报',
        en: 'Only the enterprise itself reports its transaction figures',
      });
    }
    const at = now();
    const future = reportingMonthProblem(path.month, chinaDate(at));
    if (future) {
      throw badRequest('VALIDATION_FAILED', future, [{ path: 'month', code: 'custom', message: future.en }]);
    }
    const enterprise = await getEnterprise(path.uscc);
    if (!enterprise) {
      throw new ApiError(422, 'ENTERPRISE_NOT_REGISTERED', {
        zh: '企业未在企业名录中登记，请先联系综试区办公室登记',
        en: 'The enterprise is not in the enterprise registry; ask the zone office to register it',
      });
    }
    const version = await submitFigures({
      uscc: path.uscc,
      month: path.month,
      expectedVersion: body.version,
      amountsFen: amountsToFen(body.amountsCny),
      zone: enterprise.zone,
      district: enterprise.district,
      submittedBy: caller.userId,
      submittedAt: at.toISOString(),
    });
    return respond(version.version === 1 ? 201 : 200, { figures: figureView(version) });
  },
);
