import { expect } from 'vitest';
import type { PutTrainingSessionBody } from '../../domain/training/session.ts';
import { ApiClient } from '../../local/api-client.ts';
import type { DemoUser } from '../../local/demo-users.ts';
import { sampleRegistration, sampleTrainingSession } from '../../local/training-demo.ts';
import { type ApplicationView, eventually, type TestCloud } from './local-cloud.ts';

export interface RegistrationView extends ApplicationView {
  form: Record<string, unknown>;
  assessment?: { seat?: { result: string; ticket?: number }; completion?: Record<string, unknown> };
  closingReasons?: { zh: string; en: string }[];
}

export interface RosterLineView {
  registrationId: string;
  name: string;
  idNumberMasked: string;
  seat: 'SEATED' | 'WAITLISTED' | 'NONE';
  waitlistPosition?: number;
  status: string;
  stage?: string;
  daysPresent: string[];
  certificateNumber?: string;
}

export interface SeatsView {
  capacity: number;
  seated: number;
  waiting: number;
  available: number;
}

let nextTrainee = 1;

/** A trainee of Wuhu with an account of their own (an individual, `person-…`), signed in. */
export const newTrainee = async (local: TestCloud, district = 'jiujiang') => {
  const serial = nextTrainee++;
  const user: DemoUser = {
    username: `trainee.generated.${serial}`,
    name: `学员${serial}`,
    role: 'trainee',
    zone: 'wuhu',
    district,
    orgId: `person-generated-${serial}`,
  };
  return { serial, client: new ApiClient(local.cloud.apiUrl, await local.cloud.issueToken(user)) };
};

/** An enterprise account of the given USCC (an employer that confirms registrations). */
export const employerClient = async (local: TestCloud, uscc: string) =>
  new ApiClient(
    local.cloud.apiUrl,
    await local.cloud.issueToken({
      username: `employer.${uscc}`,
      name: `雇主 ${uscc}`,
      role: 'enterprise',
      zone: 'wuhu',
      district: 'jiujiang',
      orgId: uscc,
      orgName: `测试雇主 ${uscc}`,
    }),
  );

export const putSession = async (
  office: ApiClient,
  code: string,
  overrides: Parameters<typeof sampleTrainingSession>[0] = {},
): Promise<PutTrainingSessionBody> => {
  const body = sampleTrainingSession(overrides);
  const reply = await office.put(`/training/sessions/${code}`, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return body;
};

export const register = (
  client: ApiClient,
  sessionCode: string,
  serial: number,
  overrides: Record<string, unknown> = {},
  headers?: Record<string, string>,
) =>
  client.post<{ application: RegistrationView }>(
    '/applications',
    { program: 'TRAINING', form: sampleRegistration(sessionCode, serial, overrides) },
    headers,
  );

export const registered = async (
  client: ApiClient,
  sessionCode: string,
  serial: number,
  overrides: Record<string, unknown> = {},
) => {
  const reply = await register(client, sessionCode, serial, overrides);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.application;
};

export const registrationOf = async (client: ApiClient, id: string) =>
  (await client.get<{ application: RegistrationView }>(`/applications/${id}`)).body.application;

/** Waits until the registration's workflow has put it at `stage`. */
export const waitForStage = (client: ApiClient, id: string, stage: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const application = await registrationOf(client, id);
      return application.stage === stage ? application : undefined;
    },
    { what: `${id} to reach stage ${stage}`, timeoutMs },
  );

export const rosterOf = async (office: ApiClient, code: string) => {
  const reply = await office.get<{ session: { seats: SeatsView }; items: RosterLineView[] }>(
    `/training/sessions/${code}/registrations`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};
