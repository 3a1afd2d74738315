process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@nextstep/emulator';
import { DEMO_RUNS, demoEmulatorConfig } from '../src/demo-pool.js';
import { runDemo } from '../src/demo.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = 'examples/terminal/src/main.ts';

function runApp(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=@nextstep/source', '--import', 'tsx', MAIN, ...args], { cwd: ROOT, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start -- --demo (child process)', () => {
  it('signs in every demo user to its expected end and exits 0', async () => {
    const { code, stdout, stderr } = await runApp(['--demo']);
    expect(stderr).toBe('');
    expect(stdout).toContain(`All ${DEMO_RUNS.length} sign-ins reached their expected end.`);
    for (const run of DEMO_RUNS) expect(stdout).toContain(`▸ ${run.username} — ${run.title}`);
    expect(stdout.match(/✓ reached DONE as expected/g)?.length).toBe(DEMO_RUNS.length);
    // The transcript shows that codes were used, never the codes or passwords themselves.
    expect(stdout).not.toContain('Demo-Passw0rd!');
    expect(code).toBe(0);
  }, 90_000);
});

describe('the demo in-process', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', config: demoEmulatorConfig() });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('records each step and the signed-in user, and shows a retry after a wrong code', async () => {
    const lines: string[] = [];
    const runs = DEMO_RUNS.filter((r) => ['sam', 'carl', 'zed'].includes(r.username));
    const result = await runDemo({ emulator: emu, write: (l) => lines.push(l), runs });
    for (const r of result.runs) {
      expect(r.steps, r.run.username).toEqual(r.run.expectedSteps);
      expect(r.claims?.['cognito:username']).toBe(r.run.username);
    }
    expect(result.ok).toBe(true);
    const text = lines.join('\n');
    expect(text).toMatch(/CodeMismatchException: .* asked again/);
    expect(text).toContain('FUTURE_CHALLENGE');
  }, 60_000);

  it('fails when a user does not reach the expected end', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      emulator: emu,
      write: (l) => lines.push(l),
      runs: [{ username: 'paula', title: 'wrong expectation', expectedSteps: ['CONFIRM_SIGN_IN_WITH_SMS_CODE', 'DONE'] }],
    });
    expect(result.ok).toBe(false);
    expect(result.runs[0]!.problem).toMatch(/expected CONFIRM_SIGN_IN_WITH_SMS_CODE → DONE, got CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION/);
    expect(lines.join('\n')).toContain('did not reach their expected end');
  }, 60_000);
});

describe('command line', () => {
  it('--help prints usage and exits 0; a bad argument exits 2 with the usage', async () => {
    const help = await runApp(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm start -- --demo');
    const bad = await runApp(['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown argument "--bogus"');
    expect(bad.stderr).toContain('Usage:');
  }, 60_000);
});
