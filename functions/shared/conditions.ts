import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** A conditional write refused because its condition did not hold: an expected outcome, not a fault. */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException;
