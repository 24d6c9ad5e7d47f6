import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME_VARIABLE } from '../catalog.ts';
import { requireEnv } from './env.ts';

// Endpoints come from the SDK's standard AWS_ENDPOINT_URL_* variables, so the same code talks to AWS,
// the embedded local cloud or any other emulator.
export const tableName = requireEnv(TABLE_NAME_VARIABLE);
export const dynamoClient = new DynamoDBClient({});
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});
export const sfnClient = new SFNClient({});
