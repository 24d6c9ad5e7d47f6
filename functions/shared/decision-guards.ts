import type { HumanTask } from '../../domain/shared/application.ts';
import type { DecisionOutcome, LocalizedText } from '../../domain/shared/program.ts';

/**
 * Checks on a decision that need stored data, referenced by name from a stage definition
 * (`StageDefinition.guard`), so domain/ stays free of I/O. Returns the reason to refuse, if any.
 */
export type DecisionGuard = (
  task: HumanTask,
  outcome: DecisionOutcome,
  data: Record<string, unknown> | undefined,
) => Promise<LocalizedText | undefined>;

const guards = new Map<string, DecisionGuard>();

export const registerDecisionGuard = (name: string, guard: DecisionGuard): void => {
  guards.set(name, guard);
};

export const runDecisionGuard = async (
  name: string | undefined,
  task: HumanTask,
  outcome: DecisionOutcome,
  data: Record<string, unknown> | undefined,
): Promise<LocalizedText | undefined> => {
  if (name === undefined) return undefined;
  const guard = guards.get(name);
  if (!guard) throw new Error(`Decision guard ${name} is not registered`);
  return guard(task, outcome, data);
};
