import { z } from 'zod';
import type { LocalizedText } from '../shared/program.ts';
import type { ParkCertificationForm, ParkLevel } from './form.ts';

export const parkThresholdsSchema = z
  .object({
    minFloorAreaSqm: z.number().nonnegative(),
    minCrossBorderEnterprises: z.number().int().nonnegative(),
    minAnnualTransactionCnyMillion: z.number().nonnegative(),
  })
  .strict();
export type ParkThresholds = z.infer<typeof parkThresholdsSchema>;

export const parkThresholdsByLevelSchema = z.record(
  z.enum(['MUNICIPAL', 'PROVINCIAL']),
  parkThresholdsSchema,
);
export type ParkThresholdsByLevel = Record<ParkLevel, ParkThresholds>;

/**
 * Defaults used until the office stores its own thresholds. They follow the usual shape of Anhui's
 * municipal and provincial park criteria; the office changes them through configuration, not code.
 */
export const defaultParkThresholds: ParkThresholdsByLevel = {
  MUNICIPAL: { minFloorAreaSqm: 10_000, minCrossBorderEnterprises: 20, minAnnualTransactionCnyMillion: 100 },
  PROVINCIAL: { minFloorAreaSqm: 30_000, minCrossBorderEnterprises: 50, minAnnualTransactionCnyMillion: 500 },
};

export interface CriteriaResult {
  passed: boolean;
  reasons: LocalizedText[];
}

export const checkParkCriteria = (
  form: ParkCertificationForm,
  thresholds: ParkThresholds,
): CriteriaResult => {
  const reasons: LocalizedText[] = [];
  if (form.floorAreaSqm < thresholds.minFloorAreaSqm) {
    reasons.push({
      zh: `园区面积 ${form.floorAreaSqm} 平方米，低于 ${thresholds.minFloorAreaSqm} 平方米的要求`,
      en: `Floor area ${form.floorAreaSqm} m² is below the required ${thresholds.minFloorAreaSqm} m²`,
    });
  }
  if (form.crossBorderEnterprises < thresholds.minCrossBorderEnterprises) {
    reasons.push({
      zh: `入驻跨境电商企业 ${form.crossBorderEnterprises} 家，低于 ${thresholds.minCrossBorderEnterprises} 家的要求`,
      en: `${form.crossBorderEnterprises} settled cross-border e-commerce enterprises, below the required ${thresholds.minCrossBorderEnterprises}`,
    });
  }
  if (form.annualTransactionCnyMillion < thresholds.minAnnualTransactionCnyMillion) {
    reasons.push({
      zh: `年交易额 ${form.annualTransactionCnyMillion} 百万元，低于 ${thresholds.minAnnualTransactionCnyMillion} 百万元的要求`,
      en: `Annual transaction value CNY ${form.annualTransactionCnyMillion} M is below the required CNY ${thresholds.minAnnualTransactionCnyMillion} M`,
    });
  }
  return { passed: reasons.length === 0, reasons };
};
