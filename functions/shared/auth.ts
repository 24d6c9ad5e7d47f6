import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { z } from 'zod';
import { type Role, roleSchema } from '../../domain/shared/roles.ts';
import { unauthorized } from './errors.ts';

/** The caller, as established by the API's JWT authorizer. */
export const callerSchema = z.object({
  userId: z.string().min(1),
  name: z.string().optional(),
  role: roleSchema,
  zone: z.string().optional(),
  district: z.string().optional(),
  orgId: z.string().optional(),
  orgName: z.string().optional(),
});
export type Caller = z.infer<typeof callerSchema>;

/**
 * API Gateway flattens array claims to a string such as `[a b]`; a JWT may also carry a real array.
 * Both forms are accepted so the same code reads Cognito's `cognito:groups` everywhere.
 */
const parseGroups = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
};

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export const callerFromEvent = (event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller => {
  const claims: Record<string, unknown> = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const roles = parseGroups(claims['cognito:groups'] ?? claims.groups).filter(
    (group): group is Role => roleSchema.safeParse(group).success,
  );
  const parsed = callerSchema.safeParse({
    userId: claims.sub,
    name: optionalString(claims.name),
    // One role per account: the platform's accounts are issued per duty, not per person.
    role: roles[0],
    zone: optionalString(claims['custom:zone']),
    district: optionalString(claims['custom:district']),
    orgId: optionalString(claims['custom:orgId']),
    orgName: optionalString(claims['custom:orgName']),
  });
  if (!parsed.success) throw unauthorized();
  return parsed.data;
};
