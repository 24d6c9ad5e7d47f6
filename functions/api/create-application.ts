import { randomUUID } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { z } from 'zod';
import type { Application } from '../../domain/shared/application.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import type { ApplicationOwner, ProgramDefinition } from '../../domain/shared/program.ts';
import { type CreateApplicationBody, createApplicationBodySchema } from '../../domain/shared/requests.ts';
import { isDistrictOf } from '../../domain/shared/zones.ts';
import { formValidationError, requireProgram } from '../shared/application-service.ts';
import {
  applicationIdForKey,
  deleteUnstartedApplication,
  getApplication,
  insertApplication,
  updateUnlessTerminal,
} from '../shared/applications.ts';
import { bindAttachments, checkAttachments, unbindAttachments } from '../shared/attachments.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent, listAuditEvents } from '../shared/audit-log.ts';
import type { Caller } from '../shared/auth.ts';
import { canonicalJson } from '../shared/canonical-json.ts';
import { tableName } from '../shared/clients.ts';
import { now, nowIso } from '../shared/clock.ts';
import { ApiError, badRequest, forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { logger } from '../shared/powertools.ts';
import { stateMachineArnOf } from '../shared/state-machines.ts';
import { submissionPorts } from '../shared/submission-ports.ts';
import { claimUniqueKeys, releaseUniqueKeys } from '../shared/unique-keys.ts';
import { startWorkflow } from '../shared/workflows.ts';

const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/);

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName,
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: 'IDEMPOTENCY',
  expiryAttr: 'expiresAt',
});
const idempotencyConfig = new IdempotencyConfig({
  // Keys are scoped to the organization (or user): two organizations may pick the same key.
  eventKeyJmesPath: '[keyOwner, idempotencyKey]',
  payloadValidationJmesPath: 'payload',
  expiresAfterSeconds: 24 * 60 * 60,
});

/** The submitter's own organization, or the owner the program names (e.g. a supervision task's unit). */
const ownerOf = (program: ProgramDefinition, form: unknown, caller: Caller): ApplicationOwner => {
  const incomplete = () =>
    forbidden({
      zh: '账号缺少所属单位或区域信息',
      en: 'Your account lacks an organization, zone or district',
    });
  if (program.ownerOf) {
    const owner = program.ownerOf(form, caller);
    if ('refused' in owner) throw new ApiError(422, 'SUBMISSION_REFUSED', owner.refused);
    return owner;
  }
  if (!caller.orgId || !caller.zone || !caller.district || !isDistrictOf(caller.zone, caller.district)) {
    throw incomplete();
  }
  return {
    orgId: caller.orgId,
    ...(caller.orgName !== undefined ? { orgName: caller.orgName } : {}),
    zone: caller.zone,
    district: caller.district,
  };
};

interface CreateRequest {
  /** Whose key space an Idempotency-Key lives in: the organization, or the user without one (the office). */
  keyOwner: string;
  idempotencyKey: string;
  /**
   * What a repeated key must match: the form as parsed, so what the idempotency record hashes is the
   * stored (masked) form, never raw personal data such as a full resident ID number.
   */
  payload: { program: string; form: unknown };
  body: CreateApplicationBody;
  caller: Caller;
  applicationId: string;
}

const startApplication = async (
  program: ProgramDefinition,
  application: Application,
  onFailure: () => Promise<void>,
): Promise<Application> => {
  const stateMachineArn = stateMachineArnOf(program.code);
  if (!stateMachineArn) throw new Error(`No state machine is configured for ${program.code}`);
  let executionArn: string;
  try {
    // Named after the application: Step Functions answers a repeated start of a running execution with
    // the same input with that execution, so a resumed submission never starts a second one.
    executionArn = await startWorkflow(stateMachineArn, application.id, {
      applicationId: application.id,
      program: program.code,
      variant: application.variant,
    });
  } catch (error) {
    logger.error('Workflow did not start', error as Error);
    await onFailure();
    throw new ApiError(503, 'WORKFLOW_UNAVAILABLE', {
      zh: '流程服务暂时不可用，申请未提交，请稍后重试',
      en: 'The workflow service is unavailable; nothing was submitted, please retry',
    });
  }
  const started = await updateUnlessTerminal(application.id, { executionArn }, nowIso());
  return started ?? { ...application, executionArn };
};

/**
 * Finishes a keyed submission an earlier request stopped half-way through: its unique keys, files,
 * first audit event and execution, each of which that request may or may not have reached. All are
 * idempotent for the same application; nothing is undone on failure, the next retry goes on from here.
 */
const resumeSubmission = async (
  program: ProgramDefinition,
  existing: Application,
  caller: Caller,
  form: unknown,
): Promise<{ application: Application }> => {
  if (existing.applicantId !== caller.userId || canonicalJson(existing.form) !== canonicalJson(form)) {
    throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', {
      zh: '幂等键已用于不同的请求内容',
      en: 'This Idempotency-Key was used with a different request body',
    });
  }
  if (existing.executionArn) return { application: existing };
  logger.warn('Finishing a submission an earlier request left half-way', { applicationId: existing.id });
  const uniqueKeys = program.uniqueKeys?.(existing.form) ?? [];
  if (uniqueKeys.length > 0) await claimUniqueKeys(program.code, uniqueKeys, existing.id, existing.createdAt);
  const attachmentIds = await checkAttachments(caller, existing.form, existing.id);
  await bindAttachments(attachmentIds, existing.id, caller.userId, existing.createdAt);
  if (!(await listAuditEvents(existing.id)).some((event) => event.eventKey === 'submitted')) {
    await appendAuditEvent(submittedEvent(existing, caller));
  }
  return { application: await startApplication(program, existing, async () => {}) };
};

const submittedEvent = (application: Application, caller: Caller) => ({
  applicationId: application.id,
  actor: auditActorOf(caller),
  action: 'SUBMITTED',
  data: { program: application.program, variant: application.variant },
  eventKey: 'submitted',
  at: application.createdAt,
  // The chain's first event: passing the scope spares appendAuditEvent reading the application back.
  zone: application.zone,
  program: application.program,
});

const createApplication = async ({
  body: payload,
  caller,
  applicationId,
}: Pick<CreateRequest, 'body' | 'caller'> & { applicationId?: string }): Promise<{
  application: Application;
}> => {
  const program = requireProgram(payload.program);
  if (caller.role !== program.applicantRole) {
    throw forbidden({
      zh: `${program.name.zh}须由申请单位提交`,
      en: `${program.name.en} is submitted by the applicant organization`,
    });
  }
  const parsed = program.formSchema.safeParse(payload.form);
  if (!parsed.success) throw formValidationError(parsed.error);
  const existing = applicationId === undefined ? undefined : await getApplication(applicationId);
  if (existing) return resumeSubmission(program, existing, caller, parsed.data);
  const owner = ownerOf(program, parsed.data, caller);
  const applicant = { orgId: owner.orgId, today: chinaDate(now()) };
  const facts = await program.facts?.(parsed.data, applicant, submissionPorts);
  const refusal = await program.submissionCheck?.(parsed.data, applicant, submissionPorts, facts);
  if (refusal) throw new ApiError(422, 'SUBMISSION_REFUSED', refusal);
  const assessment = await program.assess?.(parsed.data, applicant, submissionPorts, facts);
  const uniqueKeys = program.uniqueKeys?.(parsed.data) ?? [];
  const attachmentIds = await checkAttachments(caller, parsed.data, undefined);

  const at = nowIso();
  const form = parsed.data as Record<string, unknown>;
  const application: Application = {
    id: applicationId ?? randomUUID(),
    program: program.code,
    variant: program.variantOf(parsed.data),
    title: program.titleOf(parsed.data),
    orgId: owner.orgId,
    ...(owner.orgName !== undefined ? { orgName: owner.orgName } : {}),
    applicantId: caller.userId,
    zone: owner.zone,
    district: owner.district,
    status: 'SUBMITTED',
    form,
    ...(assessment !== undefined ? { assessment } : {}),
    revision: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  if (!stateMachineArnOf(program.code)) throw new Error(`No state machine is configured for ${program.code}`);

  await insertApplication(application);
  if (uniqueKeys.length > 0) {
    // Claimed after the insert: a claim's holder exists while it holds (see shared/unique-keys.ts).
    try {
      await claimUniqueKeys(program.code, uniqueKeys, application.id, at);
    } catch (error) {
      await deleteUnstartedApplication(application.id);
      throw error;
    }
  }
  try {
    await bindAttachments(attachmentIds, application.id, caller.userId, at);
  } catch (error) {
    await releaseUniqueKeys(program.code, uniqueKeys, application.id);
    await deleteUnstartedApplication(application.id);
    throw error;
  }
  await appendAuditEvent(submittedEvent(application, caller));
  const started = await startApplication(program, application, async () => {
    await releaseUniqueKeys(program.code, uniqueKeys, application.id);
    await unbindAttachments(attachmentIds, application.id);
    await deleteUnstartedApplication(application.id);
  });
  return { application: started };
};

const createApplicationOnce = makeIdempotent((request: CreateRequest) => createApplication(request), {
  persistenceStore,
  config: idempotencyConfig,
});

export const handler = createApiHandler(
  { body: createApplicationBodySchema },
  async ({ body, caller, headers, context }) => {
    const key = headers['idempotency-key'];
    if (key === undefined) {
      return respond(201, await createApplication({ body, caller }));
    }
    const idempotencyKey = idempotencyKeySchema.safeParse(key);
    if (!idempotencyKey.success) {
      throw badRequest('INVALID_IDEMPOTENCY_KEY', {
        zh: 'Idempotency-Key 须为 8–128 位字母、数字或 _.:-',
        en: 'Idempotency-Key must be 8–128 letters, digits or _.:-',
      });
    }
    const parsed = requireProgram(body.program).formSchema.safeParse(body.form);
    if (!parsed.success) throw formValidationError(parsed.error);
    idempotencyConfig.registerLambdaContext(context);
    const keyOwner = caller.orgId ?? `user:${caller.userId}`;
    const result = await createApplicationOnce({
      keyOwner,
      idempotencyKey: idempotencyKey.data,
      applicationId: applicationIdForKey(keyOwner, idempotencyKey.data),
      payload: { program: body.program, form: parsed.data },
      body,
      caller,
    });
    return respond(201, result);
  },
);
