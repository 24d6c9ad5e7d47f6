import { describe, expect, it } from 'vitest';
import { checkParkCriteria, defaultParkThresholds } from '../../../../domain/park/criteria.ts';
import { parkCertificationFormSchema } from '../../../../domain/park/form.ts';
import { sampleParkForm } from '../../../../local/park-demo.ts';

const thresholds = defaultParkThresholds.MUNICIPAL;

describe('park criteria', () => {
  it('passes a park that meets every threshold exactly', () => {
    const form = sampleParkForm({
      floorAreaSqm: thresholds.minFloorAreaSqm,
      crossBorderEnterprises: thresholds.minCrossBorderEnterprises,
      annualTransactionCnyMillion: thresholds.minAnnualTransactionCnyMillion,
    });
    expect(checkParkCriteria(form, thresholds)).toEqual({ passed: true, reasons: [] });
  });

  it('gives one bilingual reason per missed threshold', () => {
    const result = checkParkCriteria(
      sampleParkForm({ floorAreaSqm: 9_999, crossBorderEnterprises: 19, annualTransactionCnyMillion: 99 }),
      thresholds,
    );
    expect(result.passed).toBe(false);
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons[0]?.zh).toContain('园区面积');
    expect(result.reasons[0]?.en).toContain('Floor area');
  });

  it('uses stricter provincial thresholds', () => {
    const form = sampleParkForm({ floorAreaSqm: 20_000 });
    expect(checkParkCriteria(form, defaultParkThresholds.MUNICIPAL).passed).toBe(true);
    expect(checkParkCriteria(form, defaultParkThresholds.PROVINCIAL).passed).toBe(false);
  });

  it('refuses more cross-border enterprises than settled enterprises', () => {
    const parsed = parkCertificationFormSchema.safeParse(
      sampleParkForm({ settledEnterprises: 10, crossBorderEnterprises: 11 }),
    );
    expect(parsed.success).toBe(false);
  });
});
