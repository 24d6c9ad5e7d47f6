import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Notification, notificationSchema } from '../../domain/shared/notification.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';

/** Notifications are kept for half a year, then expire through the table's TTL. */
const RETENTION_SECONDS = 183 * 24 * 60 * 60;

/** Idempotent: a notification id names its cause, so a retried sweep notifies once. */
export const notify = async (notification: Notification): Promise<boolean> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.notification(notification.recipient, notification.id),
          type: 'NOTIFICATION',
          ...notification,
          expiresAt: Math.floor(Date.parse(notification.createdAt) / 1000) + RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const listNotifications = async (
  recipients: readonly string[],
  limit: number,
): Promise<Notification[]> => {
  const pages = await Promise.all(
    recipients.map((recipient) =>
      documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :recipient',
          ExpressionAttributeValues: { ':recipient': keys.notificationsOf(recipient) },
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => (page.Items ?? []).map((item) => notificationSchema.parse(item)))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, limit);
};
