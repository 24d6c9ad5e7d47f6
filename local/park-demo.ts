import type { ParkCertificationForm } from '../domain/park/form.ts';
import { type ApiClient, eventually } from './api-client.ts';

/** A municipal park application that meets the default criteria. */
type ParkFormOverrides = Partial<
  Record<keyof Extract<ParkCertificationForm, { level: 'PROVINCIAL' }>, unknown>
>;

/** Overrides may be deliberately invalid: tests use them to probe validation. */
export const sampleParkForm = (overrides: ParkFormOverrides = {}): ParkCertificationForm =>
  ({
    level: 'MUNICIPAL',
    parkName: '芜湖鸠江跨境电子商务产业园',
    operatorName: '芜湖鸠江跨境电商产业园运营管理有限公司',
    operatorUscc: '91350100M000100Y43',
    address: '安徽省芜湖市鸠江区电子产业园 1 号',
    floorAreaSqm: 42_000,
    settledEnterprises: 120,
    crossBorderEnterprises: 64,
    annualTransactionCnyMillion: 860,
    contactName: '王经理',
    contactPhone: '13800000000',
    description: '以跨境电商 B2B 出口为主，配套海外仓与直播基地。',
    ...overrides,
  }) as ParkCertificationForm;

interface InboxTask {
  taskId: string;
  applicationId: string;
  stage: string;
}

/** Waits until the application has an open task at `stage` in the caller's inbox. */
export const waitForTask = (
  client: ApiClient,
  applicationId: string,
  stage: string,
  timeoutMs?: number,
): Promise<InboxTask> =>
  eventually(
    async () => {
      const { body } = await client.get<{ items?: InboxTask[] }>('/inbox?limit=100');
      return body.items?.find((task) => task.applicationId === applicationId && task.stage === stage);
    },
    { what: `${stage} task of ${applicationId}`, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  );
