import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  auditZones,
  exportFileName,
  filtersFromParams,
} from '../../../web/src/features/audit/logic.ts';

describe('audit search filters', () => {
  it('read from the address and written back without empty values (the API refuses empty ones)', () => {
    const filters = filtersFromParams(new URLSearchParams('action=SUBMITTED&actor=&from=2026-11-01&other=x'));
    expect(filters).toEqual({ action: 'SUBMITTED', from: '2026-11-01' });
    expect(auditQuery({ ...filters, program: ' ', zone: 'wuhu' }, { limit: '100', cursor: undefined })).toBe(
      'zone=wuhu&from=2026-11-01&action=SUBMITTED&limit=100',
    );
  });

  it('limit the office to its own zone and let the province and administrators choose either', () => {
    expect(auditZones({ role: 'office', zone: 'anqing' })).toEqual({ zones: ['anqing'], fixed: true });
    expect(auditZones({ role: 'admin' }).zones).toEqual(['wuhu', 'anqing']);
    expect(auditZones({ role: 'provincial_reviewer' }).fixed).toBe(false);
    expect(auditZones({ role: 'municipal_reviewer', zone: 'wuhu' }).zones).toEqual([]);
    expect(auditZones({ role: 'office', zone: 'nowhere' }).zones).toEqual([]);
  });

  it('name the export after the zone and the period', () => {
    expect(exportFileName('wuhu', { from: '2026-11-01', to: '2026-11-27' })).toBe(
      'audit-wuhu-2026-11-01-2026-11-27.xlsx',
    );
    expect(exportFileName('anqing', {})).toBe('audit-anqing.xlsx');
  });
});
