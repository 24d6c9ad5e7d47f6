/**
 * The state machine of a program as a graph, and where an execution stands in it. Pure functions over the
 * ASL definition (the same `workflows/*.asl.json` that is deployed) and the execution history's events.
 */

export interface AslChoiceRule {
  Next?: string;
  StringEquals?: string;
  BooleanEquals?: boolean;
  IsPresent?: boolean;
  Variable?: string;
}

export interface AslState {
  Type: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Comment?: string;
  Choices?: AslChoiceRule[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Parameters?: { Payload?: { stage?: unknown } };
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface WorkflowNode {
  id: string;
  type: string;
  /** The human stage a task state waits for (`Parameters.Payload.stage`), when it is one. */
  stage?: string;
  start: boolean;
  end: boolean;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The value a choice rule compares with, or the caught error, when it is short enough to show. */
  label?: string;
}

export interface WorkflowGraph {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

const isTerminal = (state: AslState) =>
  state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';

const ruleLabel = (rule: AslChoiceRule): string | undefined => {
  if (rule.StringEquals !== undefined) return rule.StringEquals;
  if (rule.BooleanEquals !== undefined) return String(rule.BooleanEquals);
  return undefined;
};

const errorLabel = (errors: readonly string[]): string =>
  errors.map((error) => error.replace(/^States\./, '')).join(', ');

export const workflowGraph = (definition: AslDefinition): WorkflowGraph => {
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  for (const [id, state] of Object.entries(definition.States)) {
    const stage = state.Parameters?.Payload?.stage;
    nodes.push({
      id,
      type: state.Type,
      ...(typeof stage === 'string' ? { stage } : {}),
      start: id === definition.StartAt,
      end: isTerminal(state),
    });
    if (state.Next) edges.push({ from: id, to: state.Next, kind: 'next' });
    for (const rule of state.Choices ?? []) {
      if (!rule.Next) continue;
      const label = ruleLabel(rule);
      edges.push({ from: id, to: rule.Next, kind: 'choice', ...(label ? { label } : {}) });
    }
    if (state.Default) edges.push({ from: id, to: state.Default, kind: 'default' });
    for (const handler of state.Catch ?? []) {
      edges.push({ from: id, to: handler.Next, kind: 'catch', label: errorLabel(handler.ErrorEquals) });
    }
  }
  return { nodes, edges };
};

/** One event of `GET /applications/{id}/history`'s `execution`. */
export interface ExecutionEvent {
  at: string;
  type: string;
  state?: string | undefined;
}

export interface ExecutionProgress {
  /** States entered, in order (a state entered twice, e.g. after a return, appears twice). */
  path: string[];
  visited: ReadonlySet<string>;
  /** Transitions taken, as `from→to`. */
  traversed: ReadonlySet<string>;
  /** The state the execution is in, while it runs. */
  current?: string;
  finished: boolean;
}

const finishingEvents = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionAborted',
  'ExecutionTimedOut',
]);

export const edgeKey = (from: string, to: string) => `${from}→${to}`;

export const executionProgress = (events: readonly ExecutionEvent[]): ExecutionProgress => {
  const path = events
    .filter((event) => event.type.endsWith('StateEntered') && event.state)
    .map((event) => event.state as string);
  const traversed = new Set<string>();
  for (let index = 1; index < path.length; index += 1) {
    traversed.add(edgeKey(path[index - 1] as string, path[index] as string));
  }
  const finished = events.some((event) => finishingEvents.has(event.type));
  const current = finished ? undefined : path.at(-1);
  return { path, visited: new Set(path), traversed, ...(current ? { current } : {}), finished };
};

/** `DistrictReview` → `District review`: the readable name of a state that is not a human stage. */
export const humanizeStateName = (name: string): string => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Width of a text in em, roughly: CJK characters are a full em, others about half. */
const emWidth = (text: string): number =>
  [...text].reduce((sum, char) => sum + (/[\u2E80-\uFFEF]/.test(char) ? 1 : 0.55), 0);

/**
 * A node label in at most two lines of `maxEm` em: words stay whole where there are spaces, and a second
 * line still too long ends with an ellipsis.
 */
export const wrapLabel = (label: string, maxEm: number): string[] => {
  if (emWidth(label) <= maxEm) return [label];
  const words = label.includes(' ') ? label.split(' ') : [...label];
  const joiner = label.includes(' ') ? ' ' : '';
  let first = '';
  let rest = words;
  while (rest.length > 0) {
    const candidate = first ? `${first}${joiner}${rest[0]}` : (rest[0] as string);
    if (emWidth(candidate) > maxEm && first) break;
    first = candidate;
    rest = rest.slice(1);
  }
  let second = rest.join(joiner);
  if (emWidth(second) > maxEm) {
    while (second.length > 0 && emWidth(`${second}…`) > maxEm) second = second.slice(0, -1);
    second = `${second.trimEnd()}…`;
  }
  return second ? [first, second] : [first];
};
