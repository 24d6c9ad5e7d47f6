import { brandProgram } from './brand/program.ts';
import { parkCertificationProgram } from './park/program.ts';
import type { ProgramDefinition } from './shared/program.ts';
import { subsidyProgram } from './subsidy/program.ts';
import { supervisionProgram } from './supervision/program.ts';
import { trainingProgram } from './training/program.ts';

/** Every program the platform runs. The generic machinery looks programs up here and nowhere else. */
export const programs: readonly ProgramDefinition[] = [
  parkCertificationProgram as ProgramDefinition,
  brandProgram as ProgramDefinition,
  supervisionProgram as ProgramDefinition,
  subsidyProgram as ProgramDefinition,
  trainingProgram as ProgramDefinition,
];

export const findProgram = (code: string): ProgramDefinition | undefined =>
  programs.find((program) => program.code === code);
