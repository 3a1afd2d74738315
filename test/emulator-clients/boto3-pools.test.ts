// Runs boto3/test_pools.py (Python's AWS SDK, written by others) against an emulator started
// here: pool settings, groups with boto3's own paginators, IaC operations, region, aliases;
// boto3/test_federation.py: identity providers, links, import jobs, threat protection, UI;
// boto3/test_behaviour.py: message templates, case-insensitive names, existence masking.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Emulator } from './support.js';

const here = join(dirname(fileURLToPath(import.meta.url)), 'boto3');
const havePython = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;

// CI installs boto3 (with moto); elsewhere the suite is skipped when Python lacks it.
describe.skipIf(!havePython && !process.env.CI)('boto3: pools, groups and IaC operations', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu?.close());

  it('test_pools.py, test_federation.py and test_behaviour.py pass', async () => {
    // Asynchronous: the emulator answers from this process's event loop while Python runs.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('python3', ['-m', 'unittest', '-v', 'test_pools', 'test_federation', 'test_behaviour'], {
        cwd: here,
        timeout: 120_000,
        env: { ...process.env, EMULATOR_ENDPOINT: emu.endpoint, PYTHONDONTWRITEBYTECODE: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
    expect(run.stderr).toMatch(/\nOK/);
    for (const suite of ['test_pools.Pools', 'test_federation.Federation', 'test_behaviour.Behaviour']) expect(run.stderr).toContain(suite);
  }, 150_000);
});
