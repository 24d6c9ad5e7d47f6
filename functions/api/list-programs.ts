import { z } from 'zod';
import { programs } from '../../domain/programs.ts';
import { createApiHandler, respond } from '../shared/http.ts';

/** What a client sends (the input side of transforms such as the ID-number masking), as JSON Schema. */
const requestSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });

// Computed once per cold start: the catalogue only changes with a deployment.
const catalogue = programs.map((program) => ({
  code: program.code,
  name: program.name,
  applicantRole: program.applicantRole,
  stages: program.stages.map(({ code, name, kind, assignee, deadlineWorkingDays, outcomes, dataSchema }) => ({
    code,
    name,
    kind,
    assignee,
    deadlineWorkingDays,
    outcomes,
    // The record a decision at this stage carries, so the console can draw its form (none: comment only).
    ...(dataSchema ? { dataSchema: requestSchema(dataSchema) } : {}),
  })),
  formSchema: requestSchema(program.formSchema),
}));

export const handler = createApiHandler({}, async () => respond(200, { items: catalogue }));
