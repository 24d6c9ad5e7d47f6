import { Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface ExpectedWildcard {
  /** Matched against the IAM5 finding, e.g. `Resource::<rendered ARN>`. */
  pattern: RegExp;
  reason: string;
}

/**
 * cdk-nag 3 acknowledges IAM5 findings one at a time, and a finding spells the resource as the
 * template renders it once cross-stack references are resolved (imports, Fn::Select/Split…), which
 * exists only after CDK's prepare phase. Construct validations run after prepare and before the
 * nag plugin, so the acknowledgements are computed there, with the rule's own rendering, and only
 * for wildcards of an expected shape: any other wildcard still fails synth.
 */
export const acknowledgeExpectedWildcards = (
  scope: IConstruct,
  expected: readonly ExpectedWildcard[],
): void => {
  scope.node.addValidation({
    validate: () => {
      for (const child of scope.node.findAll()) {
        if (!(child instanceof CfnPolicy)) continue;
        const findings = rules.iam.IAMNoWildcardPermissions(child);
        if (!Array.isArray(findings)) continue;
        for (const finding of findings) {
          const match = expected.find((candidate) => candidate.pattern.test(finding));
          if (match)
            Validations.of(child).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: match.reason });
        }
      }
      return [];
    },
  });
};

export const TABLE_INDEX_WILDCARD: ExpectedWildcard = {
  pattern: /^Resource::.*\/index\/\*$/,
  reason:
    'Queries on the table GSIs (gsi1 inbox, gsi2 ownership, see tableDesign); the table has no other indexes, and the actions are those of the route access level.',
};

export const EXECUTION_WILDCARD: ExpectedWildcard = {
  pattern: /^Resource::.*:execution:.*:\*$/,
  reason:
    'Describe/history/stop apply to executions of one named state machine; execution names are generated per application, so they cannot be listed.',
};

export const ATTACHMENT_OBJECTS_WILDCARD: ExpectedWildcard = {
  pattern: /^Resource::.*\/attachments\/\*$/,
  reason:
    'Attachment keys are generated per upload, so the grant covers the attachments/ prefix; it is one action (s3:PutObject to presign uploads, or s3:GetObject to check and presign downloads), never List or Delete.',
};
