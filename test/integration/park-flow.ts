import { expect } from 'vitest';
import type { ApiClient } from '../../local/api-client.ts';
import { type ApplicationView, eventually, waitForTask } from './local-cloud.ts';

/** Everyone who acts on a Wuhu park application, signed in once. */
export interface ParkActors {
  park: ApiClient;
  district: ApiClient;
  municipal: ApiClient;
  provincial: ApiClient;
  office: ApiClient;
  login(username: string): Promise<ApiClient>;
}

export const wuhuActors = async (login: (username: string) => Promise<ApiClient>): Promise<ParkActors> => ({
  park: await login('park.wuhu'),
  district: await login('district.jiujiang'),
  municipal: await login('municipal.wuhu'),
  provincial: await login('provincial'),
  office: await login('office.wuhu'),
  login,
});

export const decide = async (
  client: ApiClient,
  applicationId: string,
  stage: string,
  outcome: string,
  { waitMs, ...extra }: { comment?: string; data?: Record<string, unknown>; waitMs?: number } = {},
) => {
  const task = await waitForTask(client, applicationId, stage, waitMs);
  const reply = await client.post<{ delivery: string }>(`/tasks/${task.taskId}/decision`, {
    outcome,
    ...extra,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply;
};

export const inspection = (passed: boolean) => ({
  date: '2026-11-20',
  inspectors: ['张核查', '李核查'],
  findings: passed ? '园区场地、企业入驻与申报一致。' : '实际入驻企业少于申报数量。',
  passed,
});

/** Scores that total `total` out of 100 across the four criteria. */
export const scoresTotalling = (total: number) => {
  const share = total / 100;
  return {
    scores: {
      planning: 20 * share,
      facilities: 25 * share,
      enterprises: 30 * share,
      management: 25 * share,
    },
  };
};

export const panelOf = async (client: ApiClient, applicationId: string): Promise<string[]> =>
  eventually(
    async () => {
      const { body } = await client.get<{ application: ApplicationView & { experts?: string[] } }>(
        `/applications/${applicationId}`,
      );
      return body.application.experts?.length ? body.application.experts : undefined;
    },
    { what: `the expert panel of ${applicationId}` },
  );

/** Every panel member submits; `totals` gives each member's total in panel order. */
export const scorePanel = async (actors: ParkActors, applicationId: string, totals: number[]) => {
  const members = await panelOf(actors.municipal, applicationId);
  expect(members).toHaveLength(totals.length);
  for (const [index, userId] of members.entries()) {
    const expert = await actors.login(userId.replace(/^demo-/, ''));
    await decide(expert, applicationId, 'EXPERT_SCORING', 'SUBMIT', {
      data: scoresTotalling(totals[index] ?? 0),
    });
  }
  return members;
};

/** District and municipal approval, the panel's scores, a passed inspection: the notice opens. */
export const approveUpToNotice = async (actors: ParkActors, applicationId: string, totals = [80, 85, 90]) => {
  await decide(actors.district, applicationId, 'DISTRICT_REVIEW', 'APPROVE');
  await decide(actors.municipal, applicationId, 'MUNICIPAL_REVIEW', 'APPROVE');
  await scorePanel(actors, applicationId, totals);
  await decide(actors.municipal, applicationId, 'SITE_INSPECTION', 'APPROVE', { data: inspection(true) });
};

export interface HistoryView {
  audit: { action: string; stage?: string; reason?: string; data?: Record<string, unknown> }[];
  chain: { valid: boolean };
  execution: { type: string; state?: string }[];
}

export const historyOf = async (client: ApiClient, applicationId: string) =>
  (await client.get<HistoryView>(`/applications/${applicationId}/history`)).body;
