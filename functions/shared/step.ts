import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from './powertools.ts';

/**
 * Builds a workflow step handler: Powertools first, then the event is parsed with its schema, so a
 * malformed state-machine payload fails the step loudly instead of writing bad data.
 */
export const createStepHandler = <S extends z.ZodType, R>(
  schema: S,
  logic: (event: z.infer<S>, context: Context) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger))
    .handler(async (event: unknown, context: Context) => logic(schema.parse(event), context));
