import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../local/api-client.ts';
import { type ApplicationView, submitPark, waitForTask } from './local-cloud.ts';
import { killLocalProcesses, startLocalProcess, stopLocalProcess } from './local-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pilot-zone-durability-'));
afterAll(() => {
  killLocalProcesses();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability of the local cloud', () => {
  it('resumes a waiting execution after a restart on the same data folder', async () => {
    const first = await startLocalProcess(dataDir);
    const park = await ApiClient.login(first.apiUrl, 'park.wuhu');
    const district = await ApiClient.login(first.apiUrl, 'district.jiujiang');
    const submitted = await submitPark(park, { parkName: '重启恢复测试园区' });
    const before = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
    expect(await stopLocalProcess(first.child, 'SIGTERM')).toBe(0);

    const second = await startLocalProcess(dataDir);
    const districtAgain = await ApiClient.login(second.apiUrl, 'district.jiujiang');
    const municipal = await ApiClient.login(second.apiUrl, 'municipal.wuhu');
    const after = await waitForTask(districtAgain, submitted.id, 'DISTRICT_REVIEW');
    expect(after.taskId).toBe(before.taskId);

    const decision = await districtAgain.post(`/tasks/${after.taskId}/decision`, { outcome: 'APPROVE' });
    expect(decision.status).toBe(200);
    expect(decision.body.delivery).toBe('delivered');
    await waitForTask(municipal, submitted.id, 'MUNICIPAL_REVIEW');

    // Nothing duplicated: one task per human step, one audit event per transition.
    const parkClient = await ApiClient.login(second.apiUrl, 'park.wuhu');
    const { body } = await parkClient.get<{ application: ApplicationView; tasks: { stage: string }[] }>(
      `/applications/${submitted.id}`,
    );
    expect(body.application.status).toBe('IN_REVIEW');
    expect(body.tasks.map((task) => task.stage).sort()).toEqual(['DISTRICT_REVIEW', 'MUNICIPAL_REVIEW']);
    const history = await parkClient.get<{ audit: { action: string }[]; chain: { valid: boolean } }>(
      `/applications/${submitted.id}/history`,
    );
    expect(history.body.chain.valid).toBe(true);
    expect(history.body.audit.map((event) => event.action)).toEqual([
      'SUBMITTED',
      'CRITERIA_MET',
      'TASK_CREATED',
      'DECISION_APPROVE',
      'TASK_CREATED',
    ]);
    expect(await stopLocalProcess(second.child, 'SIGINT')).toBe(0);
  });
});
