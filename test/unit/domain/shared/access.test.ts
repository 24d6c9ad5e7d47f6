import { describe, expect, it } from 'vitest';
import { canActOnTask, canReadApplication, type Principal } from '../../../../domain/shared/access.ts';
import type { Application, HumanTask } from '../../../../domain/shared/application.ts';

const application = {
  id: 'app-1',
  zone: 'wuhu',
  district: 'jiujiang',
  orgId: 'org-1',
} as Application;

const task = (assigneeRole: string): HumanTask =>
  ({ taskId: 't', zone: 'wuhu', district: 'jiujiang', orgId: 'org-1', assigneeRole }) as HumanTask;

const cases: [string, Principal, boolean][] = [
  ['own organization', { role: 'park', orgId: 'org-1' }, true],
  ['another organization', { role: 'park', orgId: 'org-2' }, false],
  [
    'district reviewer of the district',
    { role: 'district_reviewer', zone: 'wuhu', district: 'jiujiang' },
    true,
  ],
  [
    'district reviewer of another district',
    { role: 'district_reviewer', zone: 'wuhu', district: 'jinghu' },
    false,
  ],
  [
    'district reviewer of the same-named district elsewhere',
    { role: 'district_reviewer', zone: 'anqing', district: 'jiujiang' },
    false,
  ],
  ['municipal reviewer of the zone', { role: 'municipal_reviewer', zone: 'wuhu' }, true],
  ['municipal reviewer of the other zone', { role: 'municipal_reviewer', zone: 'anqing' }, false],
  ['provincial reviewer', { role: 'provincial_reviewer' }, true],
];

describe('access rules', () => {
  it.each(cases)('reading: %s → %s', (_name, principal, allowed) => {
    expect(canReadApplication(principal, application)).toBe(allowed);
  });

  it('lets only the assigned role within scope act on a review task', () => {
    const review = task('district_reviewer');
    expect(canActOnTask({ role: 'district_reviewer', zone: 'wuhu', district: 'jiujiang' }, review)).toBe(
      true,
    );
    expect(canActOnTask({ role: 'municipal_reviewer', zone: 'wuhu' }, review)).toBe(false);
    expect(canActOnTask({ role: 'district_reviewer', zone: 'wuhu', district: 'jinghu' }, review)).toBe(false);
  });

  it('lets only the applicant organization answer a revision task', () => {
    const revision = task('applicant');
    expect(canActOnTask({ role: 'park', orgId: 'org-1' }, revision)).toBe(true);
    expect(canActOnTask({ role: 'park', orgId: 'org-2' }, revision)).toBe(false);
    expect(canActOnTask({ role: 'district_reviewer', zone: 'wuhu', district: 'jiujiang' }, revision)).toBe(
      false,
    );
  });
});
