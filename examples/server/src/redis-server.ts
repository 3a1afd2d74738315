// A throwaway redis-server for the demo and its test: a free port on 127.0.0.1, nothing
// saved to disk. The example's own code, so it imports only published entries of the packages.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** The redis-server binary: `REDIS_SERVER`, else the Debian/Ubuntu path. */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A running redis-server. */
export interface LocalRedis {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** Stops it. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedis(): Promise<LocalRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`redis-server not found at ${REDIS_SERVER}: install it (apt-get install -y redis-server, brew install redis) or set REDIS_SERVER`);
  const port = await freePort();
  const proc = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out.slice(-500)}`)), 10_000);
    proc.once('error', (e) => (clearTimeout(timer), reject(e)));
    proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`))));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) (clearTimeout(timer), resolve());
    });
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}
