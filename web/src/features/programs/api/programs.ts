import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../../shared/auth.tsx';
import type { Text } from '../../../shared/i18n.tsx';

/** A JSON Schema as `z.toJSONSchema` writes it (the subset the console draws forms from). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
}

export interface StageInfo {
  code: string;
  name: Text;
  kind: 'review' | 'revision' | 'panel';
  assignee: string;
  deadlineWorkingDays: number;
  outcomes: string[];
  dataSchema?: JsonSchema;
}

export interface ProgramInfo {
  code: string;
  name: Text;
  applicantRole: string;
  stages: StageInfo[];
  formSchema: JsonSchema;
}

/** The program catalogue (`GET /programs`): names, stages and their decision records; changes only with a deployment. */
export const usePrograms = () => {
  const api = useApi();
  return useQuery({
    queryKey: ['programs'],
    queryFn: async () => (await api<{ items: ProgramInfo[] }>('/programs')).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
};

export const stageOf = (programs: readonly ProgramInfo[] | undefined, program: string, stage: string) =>
  programs
    ?.find((candidate) => candidate.code === program)
    ?.stages.find((candidate) => candidate.code === stage);

export const programName = (programs: readonly ProgramInfo[] | undefined, program: string): Text =>
  programs?.find((candidate) => candidate.code === program)?.name ?? { zh: program, en: program };
