// Passkeys side by side in headless Chromium (issue #11): aws-amplify v6 and nextstep
// (@nextstep/plugin-webauthn) in one page, against the same emulator pool, with one CDP
// virtual authenticator. Each client registers a passkey for its own signed-in user, lists it,
// signs out, signs in with it (USER_AUTH, WEB_AUTHN), deletes it and tries again; the outcomes
// the app sees (isSignedIn, step names, counts, error names) must be the same.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome, PagePool } from './amplify-passkeys-page.js';
import { start, type Emulator } from './support.js';

const POOL = 'us-east-1_ampPasskey';
const CLIENT = 'amppasskeyclient';
const PW = 'Passkey-Side-By-S1de!';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('passkeys: aws-amplify and nextstep side by side in Chromium', () => {
  let emu: Emulator;
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId = '';
  let profile = '';
  const problems: string[] = [];
  const call = (fn: string, ...args: unknown[]): Promise<Outcome> =>
    page.evaluate(([f, a]) => (window as unknown as Record<string, (...x: unknown[]) => Promise<Outcome>>)[f as string]!(...(a as unknown[])), [fn, args] as const);

  beforeAll(async () => {
    emu = await start({
      pools: [
        {
          id: POOL,
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
          clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
          users: [
            { username: 'amy', password: PW, status: 'CONFIRMED', attributes: { email: 'amy@example.com', email_verified: 'true' } },
            { username: 'ned', password: PW, status: 'CONFIRMED', attributes: { email: 'ned@example.com', email_verified: 'true' } },
            { username: 'ava', password: PW, status: 'CONFIRMED', attributes: { email: 'ava@example.com', email_verified: 'true' } },
            { username: 'nia', password: PW, status: 'CONFIRMED', attributes: { email: 'nia@example.com', email_verified: 'true' } },
          ],
        },
      ],
    });
    const bundle = (
      await build({
        entryPoints: [fileURLToPath(new URL('./amplify-passkeys-page.ts', import.meta.url))],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        conditions: ['@nextstep/source'],
        write: false,
        logLevel: 'silent',
      })
    ).outputFiles[0]!.text;
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><meta charset="utf-8"><title>passkeys side by side</title><script type="module" src="/bundle.js"></script>');
      } else if (req.url === '/bundle.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
    emu.allowCorsOrigin(origin);
    profile = await mkdtemp(join(tmpdir(), 'nextstep-amp-passkey-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // localhost: a secure context, and the pool's relying party id.
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, undefined, { timeout: 30_000 });
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    }));
    const pool: PagePool = { endpoint: emu.endpoint, userPoolId: POOL, clientId: CLIENT };
    await page.evaluate((p) => {
      const w = window as unknown as Record<string, (p: unknown) => void>;
      w.ampConfigure!(p);
      w.nsConfigure!(p);
    }, pool);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await emu?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  /** The scenario, for the client whose page functions start with `prefix`. */
  async function scenario(prefix: 'amp' | 'ns', username: string): Promise<Record<string, Outcome>> {
    const out: Record<string, Outcome> = {};
    out.passwordSignIn = await call(`${prefix}PasswordSignIn`, username, PW);
    out.listBefore = await call(`${prefix}List`);
    out.associate = await call(`${prefix}Associate`);
    out.listAfter = await call(`${prefix}List`);
    out.signOut = await call(`${prefix}SignOut`);
    out.userAfterSignOut = await call(`${prefix}CurrentUser`);
    out.listSignedOut = await call(`${prefix}List`);
    out.passkeySignIn = await call(`${prefix}PasskeySignIn`, username);
    out.userAfterPasskey = await call(`${prefix}CurrentUser`);
    out.deleteAll = await call(`${prefix}DeleteAll`);
    out.listAfterDelete = await call(`${prefix}List`);
    out.signOutAgain = await call(`${prefix}SignOut`);
    // No passkey left: what a WEB_AUTHN sign-in gives now.
    out.passkeySignInWithoutPasskey = await call(`${prefix}PasskeySignIn`, username);
    await call(`${prefix}SignOut`);
    return out;
  }

  it('register, list, sign out, sign in with the passkey, delete: same outcomes', async () => {
    const amplify = await scenario('amp', 'amy');
    const nextstep = await scenario('ns', 'ned');
    // Both users hold one passkey each on the one authenticator (made by each client), and
    // each was used for an assertion (the sign-in went through the browser's WebAuthn).
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(2);
    for (const c of credentials) expect(c.signCount).toBeGreaterThan(0);
    // The expected values, written out: both clients must show them.
    expect(amplify).toMatchObject({
      passwordSignIn: { isSignedIn: true, step: 'DONE' },
      listBefore: { count: 0 },
      associate: {},
      listAfter: { count: 1 },
      signOut: {},
      userAfterSignOut: { error: 'UserUnAuthenticatedException' },
      listSignedOut: { error: 'UserUnAuthenticatedException' },
      passkeySignIn: { isSignedIn: true, step: 'DONE' },
      userAfterPasskey: { user: 'amy' },
      deleteAll: { count: 1 },
      listAfterDelete: { count: 0 },
      signOutAgain: {},
      // No passkey left: the pool offers the other first factors (PASSWORD) to choose from.
      passkeySignInWithoutPasskey: { isSignedIn: false, step: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' },
    });
    expect({ ...nextstep, userAfterPasskey: { user: 'amy' } }).toEqual(amplify);
    expect(nextstep.userAfterPasskey).toEqual({ user: 'ned' });
    expect(problems).toEqual([]);
  }, 120_000);

  /** Runs `steps` for each client (Amplify as ava, nextstep as nia), into `into`. */
  async function both(into: Record<'amp' | 'ns', Record<string, Outcome>>, steps: (prefix: 'amp' | 'ns', username: string) => Promise<Record<string, Outcome>>) {
    Object.assign(into.amp, await steps('amp', 'ava'));
    Object.assign(into.ns, await steps('ns', 'nia'));
  }

  it('a refused passkey prompt: neither client is signed in, a new sign-in works', async () => {
    const out: Record<'amp' | 'ns', Record<string, Outcome>> = { amp: {}, ns: {} };
    // The first test's passkeys are deleted in the pool; drop them from the authenticator too
    // (Chromium's virtual authenticator refused a 4th resident credential in our runs).
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await both(out, async (p, u) => ({
      passwordSignIn: await call(`${p}PasswordSignIn`, u, PW),
      associate: await call(`${p}Associate`),
      signOut: await call(`${p}SignOut`),
    }));
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    try {
      await both(out, async (p, u) => ({
        refusedSignIn: await call(`${p}PasskeySignIn`, u),
        userAfterRefused: await call(`${p}CurrentUser`),
      }));
    } finally {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    }
    await both(out, async (p, u) => {
      const r = { passkeySignIn: await call(`${p}PasskeySignIn`, u), user: await call(`${p}CurrentUser`), deleteAll: await call(`${p}DeleteAll`) };
      await call(`${p}SignOut`);
      return r;
    });
    const same = {
      passwordSignIn: { isSignedIn: true, step: 'DONE' },
      associate: {},
      signOut: {},
      userAfterRefused: { error: 'UserUnAuthenticatedException' },
      passkeySignIn: { isSignedIn: true, step: 'DONE' },
      deleteAll: { count: 1 },
    };
    expect(out.amp).toMatchObject({ ...same, user: { user: 'ava' } });
    expect(out.ns).toMatchObject({ ...same, user: { user: 'nia' } });
    // FINDING (a real difference, by design on nextstep's side): a refused prompt. Amplify's
    // signIn rejects with PasskeyAuthenticationCanceled and keeps no sign-in in progress;
    // nextstep resolves to the typed retry step CONFIRM_SIGN_IN_WITH_PASSKEY carrying the
    // error WebAuthnCanceled (the flow can retry the prompt). Neither is signed in.
    expect(out.amp.refusedSignIn).toEqual({ error: 'PasskeyAuthenticationCanceled' });
    expect(out.ns.refusedSignIn).toEqual({ isSignedIn: false, step: 'CONFIRM_SIGN_IN_WITH_PASSKEY', stepError: 'WebAuthnCanceled' });
    expect(problems).toEqual([]);
  }, 120_000);
});
