// Core in headless Chromium on a page served with `script-src 'self'` (no 'unsafe-eval'):
// the bundle signs in with SRP and TOTP against the emulator over HTTP, hooks observing.
// Stock tapable, in the same bundle, fails there: the check can fail.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@nextstep/emulator';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, collectProblems } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const POOL = 'us-east-1_CspBrowser';
const CLIENT = 'csp-browser';
const PASSWORD = 'Browser-csp-Passw0rd';
const CSP = "default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:*";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Outcome = { isSignedIn: boolean; step: string; hasToken?: boolean; log: string[] };

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('core in a browser page with a strict CSP', () => {
  let emu: Emulator;
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const problems: string[] = [];
  const pool = () => ({ endpoint: emu.endpoint, userPoolId: POOL, clientId: CLIENT });

  beforeAll(async () => {
    emu = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      config: {
        pools: [
          {
            id: POOL,
            name: 'csp-browser',
            mfa: 'OPTIONAL',
            enabledMfas: ['SOFTWARE_TOKEN_MFA'],
            clients: [{ id: CLIENT, name: 'web', secret: false }],
            users: [
              { username: 'web-plain', password: PASSWORD },
              { username: 'web-totp', password: PASSWORD, mfa: { totp: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }, preferred: 'TOTP' } },
            ],
          },
        ],
      },
    });
    const bundle = (
      await build({
        entryPoints: [fileURLToPath(new URL('./browser-entry.ts', import.meta.url))],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        conditions: ['@nextstep/source'],
        minify: true,
        write: false,
        logLevel: 'silent',
      })
    ).outputFiles[0]!.text;
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': CSP });
        res.end('<!doctype html><meta charset="utf-8"><title>csp</title><script type="module" src="/bundle.js"></script>');
      } else if (req.url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else if (req.url === '/favicon.ico') {
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'nextstep-csp-chromium-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    collectProblems(page, problems);
    await page.goto(origin + '/');
    await page.waitForFunction(() => (window as unknown as { cspReady?: boolean }).cspReady === true, undefined, { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await emu?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('the page refuses code generation, and stock tapable breaks there', async () => {
    const atLoad = await page.evaluate(() => (window as unknown as { cspAtLoad: Record<string, string> }).cspAtLoad);
    expect(atLoad).toEqual({ newFunction: 'EvalError', stockTapable: 'EvalError' });
  });

  it('signs in with SRP, then with SRP + TOTP, hooks observing', async () => {
    const signIn = (username: string) =>
      page.evaluate(
        ([p, u, pw]) => (window as unknown as { cspSignIn(...a: unknown[]): Promise<Outcome> }).cspSignIn(p, u, pw),
        [pool(), username, PASSWORD] as const,
      );
    const plain = await signIn('web-plain');
    expect(plain).toMatchObject({ isSignedIn: true, step: 'DONE' });
    expect(plain.log).toEqual(['request InitiateAuth', 'request RespondToAuthChallenge', 'signedIn web-plain']);

    const mfa = await signIn('web-totp');
    expect(mfa).toMatchObject({ isSignedIn: false, step: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const code = emu.totpCode(POOL, 'web-totp');
    const done = await page.evaluate((c) => (window as unknown as { cspConfirm(c: string): Promise<Outcome> }).cspConfirm(c), code);
    expect(done).toMatchObject({ isSignedIn: true, step: 'DONE', hasToken: true });
    expect(done.log).toEqual([
      'request InitiateAuth',
      'request RespondToAuthChallenge',
      'stepEntered CONFIRM_SIGN_IN_WITH_TOTP_CODE',
      'request RespondToAuthChallenge',
      'signedIn web-totp',
    ]);
    // The only errors the page may log are the CSP refusals the first test provoked on purpose.
    expect(problems.filter((p) => !/unsafe-eval|Content Security Policy/i.test(p))).toEqual([]);
  });
});
