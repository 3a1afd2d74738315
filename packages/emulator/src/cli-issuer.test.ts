// `nextstep-emulator --issuer aws`: the CLI hands the issuer to the server; a bad value exits 2.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/nextstep-emulator.js', import.meta.url));
const pool = fileURLToPath(new URL('./test-support/cli-pool.json', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('CLI --issuer', () => {
  it('aws: openid-configuration names Cognito issuer, keys stay at the emulator', async () => {
    const { child, output } = run(['--port', '0', '--config', pool, '--issuer', 'aws']);
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${output()}`)), 20_000);
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(output());
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const oidc = (await (await fetch(`${endpoint}/us-east-1_cli/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      expect(oidc.issuer).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_cli');
      expect(oidc.jwks_uri).toBe(`${endpoint}/us-east-1_cli/.well-known/jwks.json`);
      const jwks = (await (await fetch(oidc.jwks_uri)).json()) as { keys: unknown[] };
      expect(jwks.keys).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  it('a value other than emulator or aws exits with status 2', async () => {
    const { exited, output } = run(['--port', '0', '--issuer', 'google']);
    expect(await exited).toBe(2);
    expect(output()).toContain('--issuer must be emulator or aws');
  }, 30_000);
});
