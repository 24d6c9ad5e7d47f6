import { z } from 'zod';
import { localizedTextSchema } from './program.ts';

/**
 * An in-app notification. It is addressed to an inbox queue (a role within its scope, an organization or
 * one person), so whoever would see the task also sees the reminder about it.
 */
export const notificationSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  kind: z.enum([
    'TASK_DUE_SOON',
    'TASK_OVERDUE',
    'TASK_ESCALATED',
    'CERTIFICATE_EXPIRING',
    'TRAINING_SEAT_OFFERED',
    'SUPERVISION_URGED',
    'SUPERVISION_ESCALATED',
  ]),
  title: localizedTextSchema,
  body: localizedTextSchema,
  applicationId: z.string().optional(),
  taskId: z.string().optional(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;
