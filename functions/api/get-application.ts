import { idPathSchema } from '../../domain/shared/requests.ts';
import { requireReadableApplication } from '../shared/application-service.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { listTasksOfApplication } from '../shared/tasks.ts';

export const handler = createApiHandler({ path: idPathSchema }, async ({ caller, path }) => {
  const application = await requireReadableApplication(caller, path.id);
  const tasks = await listTasksOfApplication(application.id);
  return respond(200, { application, tasks });
});
