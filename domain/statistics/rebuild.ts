import {
  applicationStatusDeltas,
  type CounterDeltas,
  type CounterScope,
  combineByScope,
  counterNames,
  countsForStageTime,
  enterpriseRegistrationDeltas,
  figureDeltas,
  overdueDeltas,
  type ScopedDeltas,
  stageDecisionDeltas,
} from './counters.ts';
import { type AmountsFen, totalFen, yearOfMonth } from './figures.ts';
import { leadingEnterpriseDeltas } from './targets.ts';

/**
 * Recomputes every counter from the stored records, with the same rules the incremental updates apply
 * one change at a time. Used to repair drift (a crash between a record's write and its counter update)
 * and after a rule change (e.g. the planning exchange rate).
 */

export interface ApplicationRecord extends CounterScope {
  program: string;
  status: string;
}

export interface TaskRecord extends CounterScope {
  program: string;
  stage: string;
  kind: string;
  status: string;
  createdAt: string;
  overdue?: boolean | undefined;
  decision?: { decidedAt: string } | undefined;
}

export interface EnterpriseRecord extends CounterScope {
  registeredInZone: boolean;
}

export interface CertificateRecordForStatistics extends CounterScope {
  program: string;
  variant: string;
  orgId: string;
  validFrom: string;
}

export interface FigureRecord extends CounterScope {
  uscc: string;
  month: string;
  version: number;
  amountsFen: AmountsFen;
  submittedAt: string;
}

/** An enterprise's year: its total and the scope its figures count in (fixed by the year's first report). */
export interface EnterpriseYear extends CounterScope {
  uscc: string;
  year: number;
  totalFen: number;
}

/** A distinct organization counted for a certificate program and variant (see counterNames). */
export interface CertifiedMark extends CounterScope {
  program: string;
  variant: string;
  orgId: string;
}

export interface RebuiltCounters {
  /** Counter items by zone, then district. */
  counters: Map<string, Map<string, CounterDeltas>>;
  enterpriseYears: EnterpriseYear[];
  certifiedMarks: CertifiedMark[];
}

const isOpenTask = (status: string) => status === 'OPEN' || status === 'CLAIMED';

export const rebuildCounters = (records: {
  applications: readonly ApplicationRecord[];
  tasks: readonly TaskRecord[];
  enterprises: readonly EnterpriseRecord[];
  certificates: readonly CertificateRecordForStatistics[];
  figures: readonly FigureRecord[];
}): RebuiltCounters => {
  const changes: ScopedDeltas[] = [];
  const scoped = (scope: CounterScope, deltas: CounterDeltas) =>
    changes.push({ scope: { zone: scope.zone, district: scope.district }, deltas });

  for (const application of records.applications) {
    scoped(application, applicationStatusDeltas(application.program, undefined, application.status));
  }
  for (const task of records.tasks) {
    if (task.overdue === true && isOpenTask(task.status)) scoped(task, overdueDeltas(task, 1));
    if (task.decision && countsForStageTime(task)) {
      scoped(task, stageDecisionDeltas(task, task.decision.decidedAt));
    }
  }
  for (const enterprise of records.enterprises) {
    changes.push(...enterpriseRegistrationDeltas(undefined, enterprise));
  }

  // Distinct organizations per program and variant, counted where their first certificate was issued.
  const marks = new Map<string, CertifiedMark>();
  const byIssue = [...records.certificates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (const certificate of byIssue) {
    const key = `${certificate.zone}#${certificate.program}#${certificate.variant}#${certificate.orgId}`;
    if (marks.has(key)) continue;
    marks.set(key, {
      zone: certificate.zone,
      district: certificate.district,
      program: certificate.program,
      variant: certificate.variant,
      orgId: certificate.orgId,
    });
    scoped(certificate, {
      [counterNames.certifiedOrganizations(certificate.program, certificate.variant)]: 1,
    });
  }

  // The newest version of each month counts, in the scope of its enterprise's year.
  const newest = new Map<string, FigureRecord>();
  for (const figure of records.figures) {
    const key = `${figure.uscc}#${figure.month}`;
    const existing = newest.get(key);
    if (!existing || existing.version < figure.version) newest.set(key, figure);
  }
  const firstReportOfYear = new Map<string, FigureRecord>();
  for (const figure of records.figures) {
    const key = `${figure.uscc}#${yearOfMonth(figure.month)}`;
    const existing = firstReportOfYear.get(key);
    if (!existing || figure.submittedAt < existing.submittedAt) firstReportOfYear.set(key, figure);
  }
  const years = new Map<string, EnterpriseYear>();
  for (const figure of newest.values()) {
    const year = yearOfMonth(figure.month);
    const key = `${figure.uscc}#${year}`;
    const scope = firstReportOfYear.get(key) ?? figure;
    const entry = years.get(key) ?? {
      uscc: figure.uscc,
      year,
      zone: scope.zone,
      district: scope.district,
      totalFen: 0,
    };
    entry.totalFen += totalFen(figure.amountsFen);
    years.set(key, entry);
    scoped(entry, figureDeltas(year, undefined, figure.amountsFen));
  }
  for (const entry of years.values()) scoped(entry, leadingEnterpriseDeltas(entry.year, 0, entry.totalFen));

  const counters = new Map<string, Map<string, CounterDeltas>>();
  for (const change of combineByScope(changes)) {
    const districts = counters.get(change.scope.zone) ?? new Map<string, CounterDeltas>();
    districts.set(change.scope.district, change.deltas);
    counters.set(change.scope.zone, districts);
  }
  return { counters, enterpriseYears: [...years.values()], certifiedMarks: [...marks.values()] };
};
