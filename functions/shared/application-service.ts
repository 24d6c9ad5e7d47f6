import type { ZodError } from 'zod';
import { findProgram } from '../../domain/programs.ts';
import { canActOnTask, canReadApplication } from '../../domain/shared/access.ts';
import type { Application, HumanTask } from '../../domain/shared/application.ts';
import type { ProgramDefinition } from '../../domain/shared/program.ts';
import { getApplication } from './applications.ts';
import type { Caller } from './auth.ts';
import { ApiError, applicationText, badRequest, forbidden, notFound, taskText } from './errors.ts';
import { getTask } from './tasks.ts';

export const formValidationError = (error: ZodError) =>
  badRequest(
    'VALIDATION_FAILED',
    { zh: '申请表校验失败', en: 'The application form is invalid' },
    error.issues.map((issue) => ({
      path: ['form', ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
  );

export const requireProgram = (code: string): ProgramDefinition => {
  const program = findProgram(code);
  if (!program) {
    throw badRequest(
      'UNKNOWN_PROGRAM',
      { zh: `未知的业务类型：${code}`, en: `Unknown program: ${code}` },
      { program: code },
    );
  }
  return program;
};

/** Existence is not revealed to callers outside the application's scope. */
export const requireReadableApplication = async (caller: Caller, id: string): Promise<Application> => {
  const application = await getApplication(id);
  if (!application || !canReadApplication(caller, application)) throw notFound(applicationText);
  return application;
};

export const requireOwnApplication = async (caller: Caller, id: string): Promise<Application> => {
  const application = await getApplication(id);
  if (!application || application.orgId !== caller.orgId) throw notFound(applicationText);
  const program = requireProgram(application.program);
  if (caller.role !== program.applicantRole) {
    throw forbidden({ zh: '只有申请单位可以执行此操作', en: 'Only the applicant organization may do this' });
  }
  return application;
};

export const requireActionableTask = async (caller: Caller, taskId: string): Promise<HumanTask> => {
  const task = await getTask(taskId);
  if (!task) throw notFound(taskText);
  if (!canActOnTask(caller, task)) {
    throw forbidden({ zh: '该任务不在您的处理范围内', en: 'This task is outside your role or scope' });
  }
  return task;
};

export const taskNoLongerOpen = (task: HumanTask | undefined) =>
  new ApiError(
    409,
    task?.status === 'CLAIMED' ? 'TASK_CLAIMED_BY_OTHER' : 'TASK_ALREADY_DECIDED',
    task?.status === 'CLAIMED'
      ? { zh: '该任务已被其他审核人认领', en: 'Another reviewer has claimed this task' }
      : { zh: '该任务已处理', en: 'This task has already been decided' },
    { status: task?.status ?? null },
  );
