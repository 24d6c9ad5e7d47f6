import { stateMachineArnVariable, stateMachines } from '../catalog.ts';
import { requireEnv } from './env.ts';

// Read at cold start: a function that starts workflows must know every program's machine.
const arnByProgram = new Map(
  stateMachines.map((machine) => [machine.program, requireEnv(stateMachineArnVariable(machine.program))]),
);

export const stateMachineArnOf = (program: string): string | undefined => arnByProgram.get(program);
