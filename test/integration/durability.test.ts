import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../local/api-client.ts';
import { projectRoot } from '../../local/cloud.ts';
import { type ApplicationView, submitPark, waitForTask } from './local-cloud.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'pilot-zone-durability-'));
const running = new Set<ChildProcess>();

/** Starts `npm start`'s program as a separate process, the way an operator runs it. */
const startProcess = (): Promise<{ child: ChildProcess; apiUrl: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'local/main.ts',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--no-seed',
        '--skip-web-build',
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /LOCAL_CLOUD_READY (\S+)/.exec(output);
      if (ready?.[1]) resolve({ child, apiUrl: `${ready[1]}/api` });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${output}`)));
  });

const stopProcess = (child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
    child.kill(signal);
  });

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability of the local cloud', () => {
  it('resumes a waiting execution after a restart on the same data folder', async () => {
    const first = await startProcess();
    const park = await ApiClient.login(first.apiUrl, 'park.wuhu');
    const district = await ApiClient.login(first.apiUrl, 'district.jiujiang');
    const submitted = await submitPark(park, { parkName: '重启恢复测试园区' });
    const before = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
    expect(await stopProcess(first.child, 'SIGTERM')).toBe(0);

    const second = await startProcess();
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
    expect(await stopProcess(second.child, 'SIGINT')).toBe(0);
  });
});
