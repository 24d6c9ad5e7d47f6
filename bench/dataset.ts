import { createHash } from 'node:crypto';
import { parkCertificationProgram } from '../domain/park/program.ts';
import {
  type Application,
  applicationSchema,
  type HumanTask,
  humanTaskSchema,
} from '../domain/shared/application.ts';
import { deadlineAfterWorkingDays } from '../domain/shared/calendar.ts';
import type { ApplicationStatus, StageDefinition } from '../domain/shared/program.ts';
import { roleScope } from '../domain/shared/roles.ts';
import { composeUscc } from '../domain/shared/uscc.ts';
import { zones } from '../domain/shared/zones.ts';
import { inboxQueue, keys } from '../functions/shared/keys.ts';
import { mulberry32 } from '../local/faults.ts';
import { sampleParkForm } from '../local/park-demo.ts';

/**
 * Synthetic but realistic PARK_CERT data: one application item per application and the task item of its
 * current (or last) human step, shaped exactly as functions/shared/applications.ts (insertApplication) and
 * functions/shared/tasks.ts (insertTask, recordDecision, closeDecidedTask, cancelOpenTask) write them.
 * Everything is derived from the application's index, so the first N applications are the same in every
 * run and the 50,000-application table is the 1,000-application table topped up.
 */

export type Item = Record<string, unknown>;

interface Placement {
  zone: string;
  zoneDivision: string;
  district: string;
}

/** Every district and county of both zones (7 in Wuhu, 11 in Anqing); applications go round-robin. */
export const placements: readonly Placement[] = zones.flatMap((zone) =>
  zone.districts.map((district) => ({
    zone: zone.code,
    zoneDivision: zone.divisionCode,
    district: district.code,
  })),
);

const ACCOUNT_ID = '000000000000';
const REGION = 'us-east-1';
/** Fixed "now" of the synthetic data, so runs are reproducible. */
const DATA_EPOCH = Date.parse('2026-10-30T02:00:00.000Z');
const DAY_MS = 86_400_000;
/** Golden-ratio sequence: spreads stages evenly inside every district, at every table size. */
const PHI = 0.618_033_988_749_895;

const stageOf = (code: string): StageDefinition => {
  const stage = parkCertificationProgram.stages.find((candidate) => candidate.code === code);
  if (!stage) throw new Error(`PARK_CERT has no stage ${code}`);
  return stage;
};

interface Situation {
  stage: StageDefinition;
  status: ApplicationStatus;
  /** Only open tasks carry gsi1pk/gsi1sk (the sparse inbox index). */
  taskStatus: 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'CANCELLED';
}

/**
 * Where applications stand, as a pipeline of a few hundred parks a year would look: most wait for the
 * district (the first review), some for the municipality, a few are back with the applicant, about a fifth
 * are finished. Cumulative shares.
 */
const situations: readonly { upTo: number; situation: Situation }[] = [
  { upTo: 0.45, situation: { stage: stageOf('DISTRICT_REVIEW'), status: 'IN_REVIEW', taskStatus: 'OPEN' } },
  {
    upTo: 0.5,
    situation: { stage: stageOf('DISTRICT_REVIEW'), status: 'IN_REVIEW', taskStatus: 'CLAIMED' },
  },
  {
    upTo: 0.56,
    situation: { stage: stageOf('DISTRICT_REVISION'), status: 'RETURNED', taskStatus: 'OPEN' },
  },
  {
    upTo: 0.74,
    situation: { stage: stageOf('MUNICIPAL_REVIEW'), status: 'IN_REVIEW', taskStatus: 'OPEN' },
  },
  {
    upTo: 0.78,
    situation: { stage: stageOf('MUNICIPAL_REVISION'), status: 'RETURNED', taskStatus: 'OPEN' },
  },
  {
    upTo: 0.9,
    situation: { stage: stageOf('MUNICIPAL_REVIEW'), status: 'APPROVED', taskStatus: 'COMPLETED' },
  },
  {
    upTo: 0.97,
    situation: { stage: stageOf('DISTRICT_REVIEW'), status: 'REJECTED', taskStatus: 'COMPLETED' },
  },
  {
    upTo: 1,
    situation: { stage: stageOf('DISTRICT_REVIEW'), status: 'WITHDRAWN', taskStatus: 'CANCELLED' },
  },
];

const situationFor = (rank: number): Situation => {
  const u = (rank * PHI) % 1;
  const found = situations.find((entry) => u < entry.upTo) ?? situations[situations.length - 1];
  if (!found) throw new Error('No situations defined');
  return found.situation;
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/** A UUID-shaped id, stable per index (the API uses randomUUID). */
const uuidFor = (label: string): string => {
  const hex = digest(label).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const parkWords = [
  '跨境电商产业园',
  '数字贸易港',
  '电商创业园',
  '跨境物流园',
  '直播电商基地',
  '海外仓服务园',
];

export interface GeneratedApplication {
  application: Application;
  task: HumanTask;
  items: [Item, Item];
}

export const generateApplication = (index: number): GeneratedApplication => {
  const placement = placements[index % placements.length];
  if (!placement) throw new Error('No placements');
  const rank = Math.floor(index / placements.length);
  const next = mulberry32(index + 1);
  const { stage, status, taskStatus } = situationFor(rank);

  // One park operator per 3 applications of a district; organization ids are valid USCCs.
  const operatorNumber = Math.floor(index / 3);
  const orgId = composeUscc({
    authority: '9',
    organizationType: '1',
    divisionCode: placement.zoneDivision,
    organizationCodeBody: `MA${String(operatorNumber).padStart(6, '0')}`,
  });
  const parkName = `${placement.district}${parkWords[index % parkWords.length]}${rank + 1}号`;
  const settled = 30 + Math.floor(next() * 300);
  const form = sampleParkForm({
    parkName,
    operatorName: `${parkName}运营管理有限公司`,
    operatorUscc: orgId,
    address: `安徽省${placement.zone === 'wuhu' ? '芜湖' : '安庆'}市${placement.district}产业大道${1 + (index % 900)}号`,
    floorAreaSqm: 10_000 + Math.floor(next() * 90_000),
    settledEnterprises: settled,
    crossBorderEnterprises: Math.floor(settled * (0.2 + next() * 0.6)),
    annualTransactionCnyMillion: Math.round(next() * 2_000),
    contactPhone: `139${String(10_000_000 + index).slice(-8)}`,
  });

  const id = uuidFor(`application-${index}`);
  const createdAt = new Date(DATA_EPOCH - Math.floor(next() * 180 * DAY_MS));
  const stepStartedAt = new Date(createdAt.getTime() + Math.floor(next() * 20 * DAY_MS));
  const finished = taskStatus === 'COMPLETED' || taskStatus === 'CANCELLED';
  const updatedAt = finished
    ? new Date(stepStartedAt.getTime() + Math.floor(next() * 8 * DAY_MS))
    : stepStartedAt;

  const application: Application = {
    id,
    program: parkCertificationProgram.code,
    variant: form.level,
    title: form.parkName,
    orgId,
    orgName: form.operatorName,
    applicantId: uuidFor(`applicant-${operatorNumber}`),
    zone: placement.zone,
    district: placement.district,
    status,
    stage: stage.code,
    form: { ...form },
    revision: stage.kind === 'revision' ? 1 : 0,
    version: finished ? 7 : 5,
    executionArn: `arn:aws:states:${REGION}:${ACCOUNT_ID}:execution:PilotZone-${parkCertificationProgram.code}:${id}`,
    criteria: { passed: true, reasons: [] },
    ...(status === 'APPROVED'
      ? {
          certificate: {
            number: `${placement.zone === 'wuhu' ? 'WH' : 'AQ'}-PARK-M-2026-${String(rank + 1).padStart(4, '0')}`,
            sequence: rank + 1,
            issuedAt: updatedAt.toISOString(),
            validFrom: updatedAt.toISOString().slice(0, 10),
            validUntil: `${updatedAt.getUTCFullYear() + 3}${updatedAt.toISOString().slice(4, 10)}`,
          },
        }
      : {}),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };

  // The benchmark's stages are reviews and revisions; panel tasks never sit in a role's queue.
  const queue =
    stage.assignee === 'applicant' || stage.assignee === 'panel' || stage.assignee === 'participant'
      ? inboxQueue('applicant', 'organization', application)
      : inboxQueue(stage.assignee, roleScope[stage.assignee], application);
  if (!queue) throw new Error(`No queue for ${stage.code}`);
  const executionArn = application.executionArn ?? '';
  const taskToken = `${Buffer.from(executionArn).toString('base64url')}.${digest(`token-${index}`).toString('base64url')}`;
  const taskId = digest(taskToken).toString('base64url').slice(0, 22);
  const task: HumanTask = {
    taskId,
    applicationId: id,
    program: application.program,
    stage: stage.code,
    kind: stage.kind,
    title: application.title,
    queue,
    assigneeRole: stage.assignee,
    zone: application.zone,
    district: application.district,
    orgId,
    status: taskStatus,
    createdAt: stepStartedAt.toISOString(),
    dueAt: deadlineAfterWorkingDays(stepStartedAt, stage.deadlineWorkingDays).toISOString(),
    version: 1,
  };
  if (taskStatus === 'CLAIMED') {
    task.claimedBy = uuidFor(`reviewer-${placement.district}`);
    task.claimedAt = new Date(stepStartedAt.getTime() + 3_600_000).toISOString();
    task.version = 2;
  }
  if (taskStatus === 'COMPLETED') {
    task.decision = {
      outcome: status === 'APPROVED' ? 'APPROVE' : 'REJECT',
      comment: status === 'APPROVED' ? '材料齐全，符合认定条件' : '跨境电商企业数量未达标',
      decidedBy: uuidFor(`reviewer-${placement.district}`),
      decidedByRole: stage.assignee,
      decidedAt: updatedAt.toISOString(),
    };
    task.deliveredAt = updatedAt.toISOString();
    task.version = 3;
  }

  // insertApplication: keys, gsi2 (organization), type, then the application.
  const applicationItem: Item = {
    ...keys.application(id),
    gsi2pk: keys.applicationsOfOrg(orgId),
    gsi2sk: keys.applicationOrgSort(application.createdAt, id),
    type: 'APPLICATION',
    ...application,
  };
  // insertTask; closing (closeDecidedTask / cancelOpenTask) removes gsi1pk and gsi1sk.
  const open = taskStatus === 'OPEN' || taskStatus === 'CLAIMED';
  const taskItem: Item = {
    ...keys.task(taskId),
    type: 'TASK',
    ...(open ? { gsi1pk: queue, gsi1sk: keys.inboxSort(task.dueAt, taskId) } : {}),
    gsi2pk: keys.tasksOfApplication(id),
    gsi2sk: keys.taskApplicationSort(task.createdAt, taskId),
    ...task,
    ...(taskStatus === 'CANCELLED' ? { cancelledAt: updatedAt.toISOString() } : {}),
    taskToken,
  };
  return { application, task, items: [applicationItem, taskItem] };
};

/** Validates a generated application against the stored-item schemas (the API parses items with them). */
export const validate = (generated: GeneratedApplication): void => {
  applicationSchema.parse(generated.items[0]);
  humanTaskSchema.parse(generated.items[1]);
};
