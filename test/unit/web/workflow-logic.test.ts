import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../../../domain/programs.ts';
import { stateMachines } from '../../../functions/catalog.ts';
import { layoutWorkflow } from '../../../web/src/features/workflow/layout.ts';
import {
  type AslDefinition,
  edgeKey,
  executionProgress,
  humanizeStateName,
  workflowGraph,
  wrapLabel,
} from '../../../web/src/features/workflow/logic.ts';
import { stateNames } from '../../../web/src/features/workflow/state-names.ts';

const definitionOf = (file: string): AslDefinition =>
  JSON.parse(readFileSync(new URL(`../../../workflows/${file}`, import.meta.url), 'utf8')) as AslDefinition;

describe('workflow graph of every deployed state machine', () => {
  for (const machine of stateMachines) {
    it(`${machine.program}: one node per state, every transition an edge to an existing state`, () => {
      const definition = definitionOf(machine.file);
      const graph = workflowGraph(definition);
      const ids = new Set(graph.nodes.map((node) => node.id));
      expect(ids).toEqual(new Set(Object.keys(definition.States)));
      expect(graph.nodes.filter((node) => node.start).map((node) => node.id)).toEqual([definition.StartAt]);
      for (const edge of graph.edges) {
        expect(ids.has(edge.to), `${edge.from} → ${edge.to}`).toBe(true);
      }
      // Every state but the start is reachable through some edge, so the chart has no islands.
      const targets = new Set(graph.edges.map((edge) => edge.to));
      for (const node of graph.nodes) if (!node.start) expect(targets.has(node.id), node.id).toBe(true);
      // Human stages named in the ASL are the program's stages, whose names the chart shows.
      const program = findProgram(machine.program);
      const stageCodes = new Set(program?.stages.map((stage) => stage.code));
      for (const node of graph.nodes.filter((candidate) => candidate.stage)) {
        expect(stageCodes.has(node.stage as string), `${node.id}: ${node.stage}`).toBe(true);
      }
    });

    it(`${machine.program}: names every state in Chinese and English, by its stage or in the chart's list`, () => {
      const graph = workflowGraph(definitionOf(machine.file));
      const unnamed = graph.nodes.filter(
        (node) => !node.stage && !(stateNames[node.id]?.zh && stateNames[node.id]?.en),
      );
      expect(unnamed.map((node) => node.id)).toEqual([]);
    });

    it(`${machine.program}: the layout places every node without overlaps`, () => {
      const chart = layoutWorkflow(workflowGraph(definitionOf(machine.file)));
      for (const [index, a] of chart.nodes.entries()) {
        expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
        expect(a.y + a.height / 2).toBeLessThanOrEqual(chart.height);
        for (const b of chart.nodes.slice(index + 1)) {
          const apart = Math.abs(a.x - b.x) >= a.width || Math.abs(a.y - b.y) >= a.height;
          expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
        }
      }
      for (const edge of chart.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('labels choice edges with the compared value and catch edges with the error', () => {
    const graph = workflowGraph(definitionOf('supervision.asl.json'));
    expect(graph.edges).toContainEqual({
      from: 'AcceptanceOutcome',
      to: 'PlanNext',
      kind: 'choice',
      label: 'APPROVE',
    });
    expect(graph.edges).toContainEqual({ from: 'AcceptanceOutcome', to: 'Reassignment', kind: 'default' });
    expect(graph.edges).toContainEqual({
      from: 'Acceptance',
      to: 'TimedOut',
      kind: 'catch',
      label: 'Timeout',
    });
  });
});

describe('execution progress', () => {
  const entered = (state: string, at = '2026-11-27T00:00:00Z') => ({ type: 'TaskStateEntered', state, at });

  it('follows the entered states, a repeated state included, and waits in the last one', () => {
    const progress = executionProgress([
      { type: 'ExecutionStarted', at: '2026-11-27T00:00:00Z' },
      entered('Acceptance'),
      { type: 'TaskStateExited', state: 'Acceptance', at: '2026-11-27T00:00:01Z' },
      entered('AcceptanceOutcome'),
      entered('Reassignment'),
      entered('Acceptance'),
    ]);
    expect(progress.path).toEqual(['Acceptance', 'AcceptanceOutcome', 'Reassignment', 'Acceptance']);
    expect(progress.current).toBe('Acceptance');
    expect(progress.finished).toBe(false);
    expect([...progress.traversed]).toEqual([
      edgeKey('Acceptance', 'AcceptanceOutcome'),
      edgeKey('AcceptanceOutcome', 'Reassignment'),
      edgeKey('Reassignment', 'Acceptance'),
    ]);
  });

  it('has no current state once the execution ended, however it ended', () => {
    for (const end of ['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']) {
      const progress = executionProgress([entered('Completed'), { type: end, at: '2026-11-27T00:00:02Z' }]);
      expect(progress.current).toBeUndefined();
      expect(progress.finished).toBe(true);
      expect(progress.visited.has('Completed')).toBe(true);
    }
  });

  it('names technical states readably', () => {
    expect(humanizeStateName('CheckSubsidyEligibility')).toBe('Check subsidy eligibility');
    expect(humanizeStateName('OpenPublicNotice')).toBe('Open public notice');
    expect(humanizeStateName('ASLState')).toBe('Asl state');
  });
});

describe('node labels', () => {
  it('keep short labels on one line and wrap long ones into two, whole words first', () => {
    expect(wrapLabel('市级复审', 12)).toEqual(['市级复审']);
    expect(wrapLabel('District review outcome', 12)).toEqual(['District review', 'outcome']);
    expect(wrapLabel('一二三四五六七八九十', 6)).toEqual(['一二三四五六', '七八九十']);
  });

  it('end a second line that still does not fit with an ellipsis', () => {
    const lines = wrapLabel('Check subsidy eligibility again before the disbursement happens', 12);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });
});
