import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { StateError } from './errors.ts';
import type { Json, JsonObject } from './types.ts';

/** JSON round trip: values from handlers and SDKs must be plain JSON inside the state machine. */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The result `arn:aws:states:::lambda:invoke` gives in AWS. */
export function lambdaInvokeResult(payload: unknown): Json {
  const requestId = randomUUID();
  const date = new Date().toUTCString();
  return {
    ExecutedVersion: '$LATEST',
    Payload: toJson(payload),
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Type': ['application/json'],
        Date: [date],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Type': 'application/json',
        Date: date,
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** AWS reports a function error as Error = errorType and Cause = the JSON the runtime returned. */
export function lambdaError(error: unknown): StateError {
  const errorType = error instanceof Error ? error.name || 'Error' : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  return new StateError(errorType, JSON.stringify({ errorMessage, errorType }));
}

/** Accepts what `FunctionName` accepts in AWS (name, partial or full ARN) and returns a full ARN. */
export function functionArn(
  functionName: string,
  partition: string,
  region: string,
  accountId: string,
): string {
  if (functionName.startsWith('arn:')) return functionName;
  if (functionName.includes(':function:')) return `arn:${partition}:lambda:${region}:${functionName}`;
  return `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}`;
}

export async function callDynamoDb(client: DynamoDBClient, action: string, input: Json): Promise<Json> {
  if (!isJsonObject(input))
    throw new StateError('States.Runtime', `dynamodb:${action} needs an object as input`);
  let response: object;
  try {
    switch (action) {
      case 'getItem':
        response = await client.send(new GetItemCommand(input as unknown as GetItemCommandInput));
        break;
      case 'putItem':
        response = await client.send(new PutItemCommand(input as unknown as PutItemCommandInput));
        break;
      case 'updateItem':
        response = await client.send(new UpdateItemCommand(input as unknown as UpdateItemCommandInput));
        break;
      case 'deleteItem':
        response = await client.send(new DeleteItemCommand(input as unknown as DeleteItemCommandInput));
        break;
      default:
        throw new StateError('States.Runtime', `dynamodb:${action} is not supported locally`);
    }
  } catch (error) {
    if (error instanceof StateError) throw error;
    const name = error instanceof Error ? error.name : 'UnknownError';
    const message = error instanceof Error ? error.message : String(error);
    const fault = error as { $metadata?: { httpStatusCode?: number; requestId?: string } };
    const status = fault.$metadata?.httpStatusCode;
    const detail =
      status === undefined
        ? message
        : `${message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${fault.$metadata?.requestId ?? ''})`;
    return Promise.reject(
      new StateError(`DynamoDB.${status === undefined ? 'SdkClientException' : name}`, detail),
    );
  }
  const { $metadata: _metadata, ...rest } = response as { $metadata?: unknown };
  return toJson(rest);
}
