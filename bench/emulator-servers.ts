// Servers for bench/emulator.bench.ts, each a child process so its CPU time can be read
// apart from the load generator's: the nextstep emulator CLI, moto_server, cognito-local.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLK_TCK = 100; // Linux's USER_HZ: /proc times are in 1/100 s

export interface Server {
  name: string;
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * CPU time (user + system, ms) of a process and all its descendants, from /proc: the
 * server's own work, whatever language or wrapper script runs it.
 */
export function treeCpuMs(rootPid: number): number {
  if (!existsSync('/proc/self/stat')) throw new Error('bench emulator reads server CPU from /proc (Linux only)');
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state ppid ... utime(14) stime(15).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(entry), Number(f[1]));
    ticks.set(Number(entry), Number(f[11]) + Number(f[12]));
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += t;
        break;
      }
    }
  }
  return (total * 1000) / CLK_TCK;
}

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    try {
      await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' } });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server at ${url} did not start: ${output()}`);
}

async function launch(name: string, cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> }, port: number, cleanup?: () => void): Promise<Server> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(endpoint, child, () => out);
  return {
    name,
    endpoint,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve(cleanup?.());
        child.once('exit', () => resolve(cleanup?.()));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** The nextstep emulator CLI with a config file. */
export async function startNextstep(config: unknown): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'nextstep-bench-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const port = await freePort();
  return launch('nextstep emulator', process.execPath, [join(ROOT, 'packages/emulator/bin/nextstep-emulator.js'), '--port', String(port), '--config', join(dir, 'config.json')], { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } }, port, () => rmSync(dir, { recursive: true, force: true }));
}

export async function startMoto(): Promise<Server> {
  const port = await freePort();
  return launch('moto_server', 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], {}, port);
}

export async function startCognitoLocal(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-local-bench-'));
  const port = await freePort();
  // cognito-local keeps its state in ./.cognito of its working directory.
  return launch('cognito-local', process.execPath, [join(ROOT, 'node_modules/cognito-local/lib/bin/start.js')], { cwd: dir, env: { PORT: String(port), HOST: '127.0.0.1' } }, port, () => rmSync(dir, { recursive: true, force: true }));
}
