// The passkey plugin in headless Chromium on a page served with a strict CSP (`script-src
// 'self'`): a virtual authenticator (DevTools protocol, WebAuthn domain) makes the passkey
// through navigator.credentials.create and signs in through navigator.credentials.get; a
// failed prompt (user verification refused) is a typed step and the retry signs in.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@nextstep/emulator';
import { build } from 'esbuild';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, collectProblems } from '../../../test/support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const POOL = 'us-east-1_PkBrowser';
const CLIENT = 'pk-browser';
const PW = 'Browser-Passk3y!';
const CSP = "default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:*";

type Result = { isSignedIn?: boolean; step?: string; error?: string; thrown?: string; status?: string; hasToken?: boolean; credentials?: string[] };

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('passkeys in Chromium under a strict CSP', () => {
  let emu: Emulator;
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId = '';
  let profile = '';
  const problems: string[] = [];
  const pool = () => ({ endpoint: emu.endpoint, userPoolId: POOL, clientId: CLIENT });
  const call = (fn: string, ...args: unknown[]) =>
    page.evaluate(([f, a]) => (window as unknown as Record<string, (...x: unknown[]) => Promise<Result>>)[f as string]!(...(a as unknown[])), [fn, args] as const);

  beforeAll(async () => {
    emu = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      config: {
        pools: [
          {
            id: POOL,
            allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
            webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
            clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
            users: [{ username: 'pam', password: PW }],
          },
        ],
      },
    });
    const bundle = (
      await build({
        entryPoints: [fileURLToPath(new URL('./test-support/browser-entry.ts', import.meta.url))],
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
        res.end('<!doctype html><meta charset="utf-8"><title>passkeys</title><script type="module" src="/bundle.js"></script>');
      } else if (req.url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    profile = await mkdtemp(join(tmpdir(), 'nextstep-pk-chromium-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    collectProblems(page, problems);
    // localhost: a secure context, and the pool's relying party id.
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as unknown as { pkReady?: boolean }).pkReady === true, undefined, { timeout: 30_000 });
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    }));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await emu?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('registers a passkey with navigator.credentials.create and signs in with it', async () => {
    const registered = await call('pkRegister', pool(), 'pam', PW);
    expect(registered.error).toBeUndefined();
    expect(registered.credentials).toHaveLength(1);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const out = await call('pkSignIn', pool(), 'pam');
    expect(out).toMatchObject({ isSignedIn: true, step: 'DONE' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('a refused prompt is the typed CONFIRM_SIGN_IN_WITH_PASSKEY step; the retry signs in', async () => {
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    const out = await call('pkSignIn', pool(), 'pam');
    expect(out).toMatchObject({ isSignedIn: false, step: 'CONFIRM_SIGN_IN_WITH_PASSKEY', error: 'WebAuthnCanceled' });
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    const again = await call('pkRetry');
    expect(again).toMatchObject({ isSignedIn: true, hasToken: true });
  }, 60_000);
});
