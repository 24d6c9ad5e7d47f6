import { taskIdPathSchema } from '../../domain/shared/requests.ts';
import { requireActionableTask, taskNoLongerOpen } from '../shared/application-service.ts';
import { nowIso } from '../shared/clock.ts';
import { conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { claimTask, getTask } from '../shared/tasks.ts';

export const handler = createApiHandler({ path: taskIdPathSchema }, async ({ caller, path }) => {
  const task = await requireActionableTask(caller, path.taskId);
  if (task.kind === 'revision') {
    throw conflict('NOT_CLAIMABLE', {
      zh: '补正任务由申请单位重新提交完成，无需认领',
      en: 'Revision tasks are answered by resubmitting, not claimed',
    });
  }
  const result = await claimTask(task.taskId, caller.userId, nowIso());
  if (!result.ok) throw taskNoLongerOpen(await getTask(task.taskId));
  return respond(200, { task: result.task });
});
