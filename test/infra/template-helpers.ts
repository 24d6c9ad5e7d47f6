import type { Template } from 'aws-cdk-lib/assertions';

/** A synthesized CloudFormation resource, read without trusting its shape. */
export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const field = (value: unknown, ...path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
};

export const asArray = (value: unknown): unknown[] => {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
};

export const resourcesOf = (template: Template, type: string): Array<[string, CfnResourceJson]> =>
  Object.entries(template.findResources(type)).map(([id, resource]): [string, CfnResourceJson] => [
    id,
    { Type: type, Properties: isRecord(resource.Properties) ? resource.Properties : {} },
  ]);

export interface FunctionInfo {
  logicalId: string;
  properties: Record<string, unknown>;
  environment: Record<string, unknown>;
  roleLogicalId: string;
}

/** Lambda functions keyed by their description, which PlatformFunction sets to `<kind>/<name>`. */
export const functionsByDescription = (template: Template): Map<string, FunctionInfo> => {
  const map = new Map<string, FunctionInfo>();
  for (const [logicalId, resource] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const description = field(resource.Properties, 'Description');
    const roleRef = asArray(field(resource.Properties, 'Role', 'Fn::GetAtt'))[0];
    const environment = field(resource.Properties, 'Environment', 'Variables');
    if (typeof description !== 'string' || typeof roleRef !== 'string') continue;
    map.set(description, {
      logicalId,
      properties: resource.Properties,
      environment: isRecord(environment) ? environment : {},
      roleLogicalId: roleRef,
    });
  }
  return map;
};

export interface Statement {
  actions: string[];
  resources: unknown[];
}

/** Every Allow statement of the inline policies attached to a role. */
export const statementsOfRole = (template: Template, roleLogicalId: string): Statement[] =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      asArray(policy.Properties.Roles).some((role) => field(role, 'Ref') === roleLogicalId),
    )
    .flatMap(([, policy]) => asArray(field(policy.Properties, 'PolicyDocument', 'Statement')))
    .filter((statement) => field(statement, 'Effect') === 'Allow')
    .map((statement) => ({
      actions: asArray(field(statement, 'Action')).filter(
        (action): action is string => typeof action === 'string',
      ),
      resources: asArray(field(statement, 'Resource')),
    }));

export const actionsOfRole = (template: Template, roleLogicalId: string): Set<string> =>
  new Set(statementsOfRole(template, roleLogicalId).flatMap((statement) => statement.actions));
