/**
 * Starts third-party Cognito look-alikes (moto_server, cognito-local) as child processes on
 * 127.0.0.1 and a free port, for the cross-check suite. Each start returns a handle whose
 * `stop()` ends exactly the process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createRequire } from 'node:module';

/** A server the suite started. */
export interface ExternalServer {
  /** `http://127.0.0.1:PORT`, for `endpoint` options. */
  endpoint: string;
  /** Everything the process printed, for failure messages (never contains our passwords). */
  output(): string;
  stop(): Promise<void>;
}

/** A port the OS just handed out; the tiny race until the child binds it is acceptable in tests. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when an HTTP request to `url` gets any answer, or rejects after `timeoutMs`. */
async function waitForHttp(url: string, child: ChildProcess, out: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (code ${child.exitCode}):\n${out()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer at ${url} within ${timeoutMs} ms:\n${out()}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

function capture(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (text.length > 200_000) text = text.slice(-100_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** True when an executable `moto_server` is on the PATH (looked up, not run: starting Python is slow). */
export function motoAvailable(): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, 'moto_server'), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Starts `moto_server -H 127.0.0.1 -p PORT`. TOTP checking is on
 * (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP), so codes are real against moto's fixed secret.
 */
export async function startMoto(): Promise<ExternalServer> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: 'true' },
  });
  const out = capture(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${endpoint}/moto-api/`, child, out);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { endpoint, output: out, stop: () => stopChild(child) };
}

/** cognito-local, with the directory holding its `.cognito/db` files. */
export interface CognitoLocalServer extends ExternalServer {
  dataDir: string;
  /** Reads a user's record as cognito-local stores it (`.cognito/db/<poolId>.json`). */
  storedUser(userPoolId: string, username: string): Promise<Record<string, any> | undefined>;
  /** Stops and starts the same data directory on the same port: cognito-local reads its files only at start. */
  restart(): Promise<void>;
}

/**
 * Starts cognito-local's bin (`lib/bin/start.js`) with PORT/HOST in the environment and a
 * fresh temporary working directory (it keeps its data in `./.cognito`).
 */
export async function startCognitoLocal(): Promise<CognitoLocalServer> {
  const require = createRequire(import.meta.url);
  const bin = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'bin', 'start.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'nextstep-cognito-local-'));
  // cognito-local defaults new pools to UsernameAttributes ["email"]; plain usernames, as
  // Cognito's own default, need the default overridden in its config file.
  await mkdir(join(dataDir, '.cognito'), { recursive: true });
  await writeFile(join(dataDir, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let out: () => string = () => '';
  const launch = async () => {
    child = spawn(process.execPath, [bin], {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    out = capture(child);
    try {
      await waitForHttp(`${endpoint}/health`, child, out);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  };
  await launch();
  return {
    endpoint,
    dataDir,
    output: () => out(),
    async storedUser(userPoolId, username) {
      const db = JSON.parse(await readFile(join(dataDir, '.cognito', 'db', `${userPoolId}.json`), 'utf8'));
      return db.Users?.[username];
    },
    async restart() {
      await stopChild(child);
      await launch();
    },
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
