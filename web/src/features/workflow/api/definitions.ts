import { useQuery } from '@tanstack/react-query';
import { stateMachines } from '../../../../../functions/catalog.ts';
import type { AslDefinition } from '../logic.ts';

/**
 * The deployed definitions are the repository's ASL files, so the console draws exactly what runs; each
 * is its own chunk, fetched when an application of that program is opened.
 */
const definitionFiles = import.meta.glob<AslDefinition>('../../../../../workflows/*.asl.json', {
  import: 'default',
});

const loadDefinition = async (program: string): Promise<AslDefinition | null> => {
  const file = stateMachines.find((machine) => machine.program === program)?.file;
  const load = file ? definitionFiles[`../../../../../workflows/${file}`] : undefined;
  return load ? load() : null;
};

export const useWorkflowDefinition = (program: string) =>
  useQuery({
    queryKey: ['workflow-definition', program],
    queryFn: () => loadDefinition(program),
    staleTime: Number.POSITIVE_INFINITY,
  });
