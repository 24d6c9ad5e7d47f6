import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programs } from '../../../domain/programs.ts';
import { decisionOutcomeSchema } from '../../../domain/shared/program.ts';
import { auditActionText, systemStageText } from '../../../web/src/shared/audit-actions.ts';

const root = new URL('../../../', import.meta.url).pathname;

const filesUnder = (folder: string, suffix: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => readFileSync(join(root, folder, file), 'utf8'));

/**
 * Every audit action the backend writes: quoted constants on the lines that set an `action` (and the line
 * after `action:`, where a ternary starts), action tables' values, and `"action"` in the ASL files.
 */
const writtenActions = (): Set<string> => {
  const actions = new Set<string>();
  const code = [...filesUnder('functions', '.ts'), ...filesUnder('domain', '.ts')].join('\n').split('\n');
  code.forEach((line, index) => {
    if (!/\baction(s)?\b/.test(line)) return;
    const text = line.trimEnd().endsWith('action:') ? `${line} ${code[index + 1] ?? ''}` : line;
    // Compared values (`result === 'RESERVED' ? …`) and statuses on the same line are not actions.
    for (const match of text.matchAll(/(?<!(?:===|status:)\s*)'([A-Z][A-Z_]+)'/g)) {
      if (match[1]) actions.add(match[1]);
    }
  });
  for (const asl of filesUnder('workflows', '.asl.json')) {
    for (const match of asl.matchAll(/"action":\s*"([A-Z_]+)"/g)) if (match[1]) actions.add(match[1]);
  }
  return actions;
};

describe('audit action labels', () => {
  it('label every action the backend writes, in Chinese and English', () => {
    const actions = writtenActions();
    expect(actions.size).toBeGreaterThan(30);
    const missing = [...actions].filter((action) => !auditActionText[action]);
    expect(missing).toEqual([]);
  });

  it('label every decision outcome and every eligibility route', () => {
    for (const outcome of decisionOutcomeSchema.options)
      expect(auditActionText[`DECISION_${outcome}`]).toBeDefined();
    for (const route of ['NORMAL', 'FAST_TRACK', 'MANUAL_CHECK', 'REFUSED']) {
      expect(auditActionText[`ELIGIBILITY_${route}`]).toBeDefined();
    }
  });
});

describe('stage labels', () => {
  it('name every stage the backend records, as a program stage or a system stage', () => {
    const programStages = new Set(programs.flatMap((program) => program.stages.map((stage) => stage.code)));
    const recorded = new Set<string>();
    for (const line of filesUnder('functions', '.ts').join('\n').split('\n')) {
      if (!/\bstages?\b/i.test(line)) continue;
      for (const match of line.matchAll(/(?<!===\s*)'([A-Z][A-Z_]+)'/g)) recorded.add(match[1] as string);
    }
    for (const asl of filesUnder('workflows', '.json')) {
      for (const match of asl.matchAll(/"stage":\s*"([A-Z_]+)"/g)) recorded.add(match[1] as string);
    }
    const missing = [...recorded].filter((stage) => !programStages.has(stage) && !systemStageText[stage]);
    expect(missing).toEqual([]);
  });
});
