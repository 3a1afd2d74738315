/**
 * End-to-end: the built page, served with a strict CSP by our static server, signs in
 * against the emulator in headless Chromium. Each test asserts the signed-in state, no CSP
 * violation and no page error; screenshots of every step go to artifacts/web/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../../../test/support/chromium.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '@nextstep/emulator';
import { DEMO_NEW_PASSWORD, DEMO_POOLS, FUTURE_CHALLENGE_ANSWER } from '@nextstep/example-terminal/demo-pool';
import { buildPage } from '../server/build.js';
import { demoWebConfig } from '../server/demo-config.js';
import { startStaticServer, type StaticServer } from '../server/static-server.js';

// A browser sign-in takes a few seconds (SRP in the page, screenshots); leave room on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/web/', import.meta.url));
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`examples/web: skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}

interface Watch {
  violations: string[];
  errors: string[];
  /** Cognito's error answers (HTTP 400), which the browser logs: expected only after a wrong answer or an exception that leads to a step. */
  refused: string[];
}

describe.skipIf(!haveChromium && !process.env.CI)('web example in headless Chromium', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let server: StaticServer;
  let context: BrowserContext;
  let profile: string;
  let outDir: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: under CI the browser tests must run (apt-get install -y chromium).`);
    const { demoEmulatorConfig } = await import('@nextstep/example-terminal/demo-pool');
    outDir = await mkdtemp(join(tmpdir(), 'nextstep-web-dist-'));
    profile = await mkdtemp(join(tmpdir(), 'nextstep-chromium-'));
    await mkdir(ARTIFACTS, { recursive: true });
    const [root, started] = await Promise.all([
      buildPage(outDir),
      startEmulator({ port: 0, host: '127.0.0.1', config: demoEmulatorConfig() }),
    ]);
    emu = started;
    server = await startStaticServer({ root, config: demoWebConfig(emu.endpoint), connectOrigins: [emu.endpoint] });
    // The page reads TOTP codes from /_emulator/totp, which answers only the origins named.
    emu.allowCorsOrigin(new URL(server.url).origin);
    context = await launchChromium(profile, ['--disable-quic'], { viewport: { width: 900, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await emu?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    // Sessions persist in localStorage across pages of the profile: each test starts signed out.
    await pages[0]?.evaluate(() => localStorage.clear()).catch(() => undefined);
    for (const page of pages.splice(0)) await page.close();
  });

  /**
   * Opens the page, watching CSP violations (DOM event and console) and page errors. `host`
   * localhost: the demo pool's passkey relying party (and a secure context).
   */
  async function open(host?: 'localhost'): Promise<{ page: Page; watch: Watch }> {
    const page = await context.newPage();
    pages.push(page);
    const watch: Watch = { violations: [], errors: [], refused: [] };
    await page.exposeFunction('__reportViolation', (text: string) => watch.violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportViolation(t: string): void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (msg) => {
      const text = msg.text();
      if (/Content Security Policy|Refused to/i.test(text)) watch.violations.push(text);
      else if (/^Failed to load resource: the server responded with a status of 400/.test(text)) watch.refused.push(text);
      else if (msg.type() === 'error') watch.errors.push(text);
    });
    page.on('pageerror', (error) => watch.errors.push(`${error.name}: ${error.message}`));
    const url = new URL(server.url);
    if (host) url.hostname = host;
    const response = await page.goto(url.href);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe');
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    return { page, watch };
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.click(`button[data-demo-user="${username}"]`);
    await shot(page, `${username}-0-sign-in`);
    await page.click('form[data-step="SIGN_IN"] button[type="submit"]');
  }

  async function step(page: Page, name: string, shotName: string) {
    const form = page.locator(`[data-step="${name}"]`);
    await form.waitFor({ timeout: 15_000 });
    await shot(page, shotName);
    return form;
  }

  async function expectSignedIn(page: Page, watch: Watch, username: string, shotName: string, refusedAnswers = 0): Promise<void> {
    const done = page.locator('[data-step="DONE"][data-signed-in="true"]');
    await done.waitFor({ timeout: 15_000 });
    await shot(page, shotName);
    await expect(done.locator('h2').textContent()).resolves.toBe(`Signed in as ${username}`);
    await expect(page.locator('[data-claim="cognito:username"]').textContent()).resolves.toBe(username);
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.refused).toHaveLength(refusedAnswers);
  }

  function latestCode(username: string, medium: 'SMS' | 'EMAIL'): string {
    const m = emu.outbox.messages({ username, medium }).at(-1);
    if (!m) throw new Error(`no ${medium} message for ${username}`);
    return m.code;
  }

  it('tess: SRP sign-in with TOTP setup (QR code), then signed in', async () => {
    const { page, watch } = await open();
    await signIn(page, 'tess');
    const select = await step(page, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', 'tess-1-mfa-setup-selection');
    await select.locator('button[data-choice="TOTP"]').click();
    const setup = await step(page, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP', 'tess-2-totp-setup');
    const qr = setup.locator('img.qr');
    await expect(qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml/);
    const secret = await setup.locator('[data-secret]').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    const code = new TOTP({ secret: Secret.fromBase32(secret!), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: emu.clock.now() });
    await setup.locator('input[name="code"]').fill(code);
    await setup.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'tess', 'tess-3-signed-in');
  });

  it('tess again: the TOTP code step, with the demo-only reveal of the current code', async () => {
    emu.clock.advance(30_000); // a fresh TOTP window: the setup's code was used
    const { page, watch } = await open();
    await signIn(page, 'tess');
    const form = await step(page, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', 'tess-4-totp-code');
    await form.locator('button[data-action="reveal-totp"]').click();
    const revealed = form.locator('[data-revealed]');
    await expect(revealed.filter({ hasText: /\d{6}/ }).waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    const code = /(\d{6})/.exec((await revealed.textContent()) ?? '')![1]!;
    expect(code).toBe(emu.totpCode(DEMO_POOLS.mfaRequired.userPoolId, 'tess'));
    await form.locator('input[name="code"]').fill(code);
    await form.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'tess', 'tess-5-signed-in');
  });

  it('emma: email MFA setup, a wrong code is refused and asked again, then signed in', async () => {
    const { page, watch } = await open();
    await signIn(page, 'emma');
    const select = await step(page, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', 'emma-1-mfa-setup-selection');
    await select.locator('button[data-choice="EMAIL"]').click();
    const setup = await step(page, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP', 'emma-2-email-setup');
    await setup.locator('input[name="email"]').fill('emma@example.com');
    await setup.locator('button[type="submit"]').click();
    const codeForm = await step(page, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', 'emma-3-email-code');
    const code = latestCode('emma', 'EMAIL');
    const wrong = code.split('').map((d) => String((Number(d) + 1) % 10)).join('');
    await codeForm.locator('input[name="code"]').fill(wrong);
    await codeForm.locator('button[type="submit"]').click();
    await expect(page.locator('#error').filter({ hasText: 'CodeMismatchException' }).waitFor({ timeout: 15_000 })).resolves.toBeUndefined();
    await shot(page, 'emma-4-wrong-code');
    await page.locator('[data-step="CONFIRM_SIGN_IN_WITH_EMAIL_CODE"] input[name="code"]').fill(code);
    await page.locator('[data-step="CONFIRM_SIGN_IN_WITH_EMAIL_CODE"] button[type="submit"]').click();
    await expectSignedIn(page, watch, 'emma', 'emma-5-signed-in', 1);
  });

  it('max: MFA selection among SMS, TOTP and email, then an SMS code', async () => {
    const { page, watch } = await open();
    await signIn(page, 'max');
    const select = await step(page, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', 'max-1-mfa-selection');
    await expect(select.locator('button[data-choice]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')).sort())).resolves.toEqual(['EMAIL', 'SMS', 'TOTP']);
    await select.locator('button[data-choice="SMS"]').click();
    const codeForm = await step(page, 'CONFIRM_SIGN_IN_WITH_SMS_CODE', 'max-2-sms-code');
    await codeForm.locator('input[name="code"]').fill(latestCode('max', 'SMS'));
    await codeForm.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'max', 'max-3-signed-in');
  });

  it('nina: new password required, with the required attribute name', async () => {
    const { page, watch } = await open();
    await signIn(page, 'nina');
    const form = await step(page, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', 'nina-1-new-password');
    await form.locator('input[name="newPassword"]').fill(DEMO_NEW_PASSWORD);
    await form.locator('input[name="attr:name"]').fill('Nina Newpass');
    await form.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'nina', 'nina-2-signed-in');
    await expect(page.locator('[data-claim="name"]').textContent()).resolves.toBe('Nina Newpass');
  });

  it('carl: two custom-challenge rounds rendered by kind (captcha, security question)', async () => {
    const { page, watch } = await open();
    await signIn(page, 'carl');
    const captcha = await step(page, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', 'carl-1-captcha');
    const question = await captcha.locator('[data-kind="captcha"]').textContent();
    const [, a, b] = /(\d+)\s*\+\s*(\d+)/.exec(question ?? '') ?? [];
    await captcha.locator('input[name="answer"]').fill(String(Number(a) + Number(b)));
    await captcha.locator('button[type="submit"]').click();
    await page.locator('[data-kind="security-question"]').waitFor({ timeout: 15_000 });
    await shot(page, 'carl-2-security-question');
    await page.locator('input[name="answer"]').fill('Rex');
    await page.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'carl', 'carl-3-signed-in');
  });

  it('uma and rita: confirm sign-up, then a required password reset (the page asks for the codes)', async () => {
    const { page, watch } = await open();
    await signIn(page, 'uma');
    const confirm = await step(page, 'CONFIRM_SIGN_UP', 'uma-1-confirm-sign-up');
    await expect(confirm.locator('[data-notice]').textContent()).resolves.toMatch(/^We sent a confirmation code/);
    await confirm.locator('input[name="code"]').fill(emu.outbox.last({ username: 'uma', purpose: 'SIGN_UP' })!.code);
    await confirm.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'uma', 'uma-2-signed-in', 1); // UserNotConfirmedException

    await page.click('button:has-text("Sign out")');
    await signIn(page, 'rita');
    const reset = await step(page, 'RESET_PASSWORD', 'rita-1-reset-password');
    await expect(reset.locator('[data-notice]').textContent()).resolves.toMatch(/^We sent a reset code to r/);
    await reset.locator('input[name="code"]').fill(emu.outbox.last({ username: 'rita', purpose: 'FORGOT_PASSWORD' })!.code);
    await reset.locator('input[name="newPassword"]').fill(DEMO_NEW_PASSWORD);
    await reset.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'rita', 'rita-2-signed-in', 2); // and PasswordResetRequiredException
  });

  it('sam: kept signed in across a reload (localStorage), tokens refreshed on demand, signed out across a reload', async () => {
    const { page, watch } = await open();
    await signIn(page, 'sam');
    const codeForm = await step(page, 'CONFIRM_SIGN_IN_WITH_SMS_CODE', 'sam-1-sms-code');
    await codeForm.locator('input[name="code"]').fill(latestCode('sam', 'SMS'));
    await codeForm.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'sam', 'sam-2-signed-in');
    await expect(page.locator('[data-refreshed]').getAttribute('data-refreshed')).resolves.toBe('');

    await page.reload();
    await expectSignedIn(page, watch, 'sam', 'sam-3-after-reload');
    await page.click('button[data-action="refresh"]');
    await page.locator('[data-notice]').filter({ hasText: 'Tokens refreshed.' }).waitFor({ timeout: 15_000 });
    await shot(page, 'sam-4-refreshed');
    await expect(page.locator('[data-refreshed]').getAttribute('data-refreshed')).resolves.toMatch(/^\d+$/);
    await expect(page.locator('[data-refreshed]').textContent()).resolves.toMatch(/^refreshed at /);

    await page.click('button[data-action="sign-out"]');
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    await expect(page.locator('#error').textContent()).resolves.toBe('Signed out.');
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('nextstep.')))).resolves.toEqual([]);
    await page.reload();
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    await shot(page, 'sam-5-signed-out');
    expect(watch.violations).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('dora: TOTP once; after signing out, the remembered device signs in without a code', async () => {
    emu.clock.advance(30_000);
    const { page, watch } = await open();
    await signIn(page, 'dora');
    const form = await step(page, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', 'dora-1-totp-code');
    await form.locator('input[name="code"]').fill(emu.totpCode(DEMO_POOLS.main.userPoolId, 'dora'));
    await form.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'dora', 'dora-2-signed-in');
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('nextstep-device.')).length)).resolves.toBe(1);
    await page.click('button[data-action="sign-out"]');
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    await signIn(page, 'dora');
    await expectSignedIn(page, watch, 'dora', 'dora-3-remembered-device');
  });

  /** The passkey flow of the sign-in form: USER_AUTH with preferredChallenge WEB_AUTHN, no password. */
  async function signInWithPasskey(page: Page, username: string, shotName: string): Promise<void> {
    await page.locator('#f-username').fill(username);
    await page.locator('#f-password').fill('');
    await page.selectOption('#f-flow', 'USER_AUTH:WEB_AUTHN');
    await shot(page, shotName);
    await page.click('form[data-step="SIGN_IN"] button[type="submit"]');
  }

  it('pia: adds a passkey after a password sign-in, signs in with it; a refused prompt is the retry step and the flow stays usable', async () => {
    const { page, watch } = await open('localhost');
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await signIn(page, 'pia');
    await expectSignedIn(page, watch, 'pia', 'pia-1-signed-in-with-password');
    await page.click('button[data-action="add-passkey"]');
    await page.locator('[data-notice]').filter({ hasText: /^Passkey added \(1 on this account\)/ }).waitFor({ timeout: 15_000 });
    await shot(page, 'pia-2-passkey-added');
    await expect(cdp.send('WebAuthn.getCredentials', { authenticatorId }).then((r) => r.credentials.length)).resolves.toBe(1);
    // A second passkey on the same authenticator is refused locally, with the typed error; the view stays.
    await page.click('button[data-action="add-passkey"]');
    await page.locator('#error').filter({ hasText: /^WebAuthnCredentialExists: / }).waitFor({ timeout: 15_000 });
    await expect(page.locator('button[data-action="add-passkey"]').isEnabled()).resolves.toBe(true);

    await page.click('button[data-action="sign-out"]');
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    await signInWithPasskey(page, 'pia', 'pia-3-passkey-sign-in');
    await expectSignedIn(page, watch, 'pia', 'pia-4-signed-in-with-passkey');

    // The person refuses the prompt (user verification fails): nothing is sent, the retry step says why.
    await page.click('button[data-action="sign-out"]');
    await page.locator('form[data-step="SIGN_IN"]').waitFor();
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await signInWithPasskey(page, 'pia', 'pia-5-passkey-sign-in-again');
    const retry = await step(page, 'CONFIRM_SIGN_IN_WITH_PASSKEY', 'pia-6-prompt-refused');
    await expect(retry.locator('[data-passkey-error]').getAttribute('data-passkey-error')).resolves.toBe('WebAuthnCanceled');
    // Refused again: the retry rejects, the page shows the typed error and stays at the step.
    await retry.locator('button[type="submit"]').click();
    await page.locator('#error').filter({ hasText: /^WebAuthnCanceled: / }).waitFor({ timeout: 15_000 });
    await shot(page, 'pia-7-refused-again');
    await expect(page.locator('[data-step="CONFIRM_SIGN_IN_WITH_PASSKEY"] button[type="submit"]').isEnabled()).resolves.toBe(true);
    // Accepted now: the same flow signs in.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await page.locator('[data-step="CONFIRM_SIGN_IN_WITH_PASSKEY"] button[type="submit"]').click();
    await expectSignedIn(page, watch, 'pia', 'pia-8-signed-in-after-retry');
    await cdp.detach();
  });

  it('zed: a challenge no plugin claims is shown raw and answered raw', async () => {
    const { page, watch } = await open();
    await signIn(page, 'zed');
    const form = await step(page, 'UNCLAIMED_CHALLENGE', 'zed-1-unclaimed');
    await expect(form.locator('h2').textContent()).resolves.toBe('Challenge: FUTURE_CHALLENGE');
    await form.locator('input[name="answer"]').fill(FUTURE_CHALLENGE_ANSWER);
    await form.locator('button[type="submit"]').click();
    await expectSignedIn(page, watch, 'zed', 'zed-2-signed-in');
  });

  it('serves the page under the strict policy only (no inline script, pool ids from config.json)', async () => {
    const { page } = await open();
    const inline = await page.locator('script:not([src])').count();
    expect(inline).toBe(0);
    const config = await page.evaluate(async () => (await fetch('/config.json')).json());
    expect(config.pools.map((p: { userPoolId: string }) => p.userPoolId)).toEqual([DEMO_POOLS.main.userPoolId, DEMO_POOLS.mfaRequired.userPoolId]);
    // The policy is enforced: an inline script injected now is refused and reported.
    const blocked = await page.evaluate(() => new Promise<boolean>((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      setTimeout(() => resolve(false), 2000);
    }));
    expect(blocked).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });
});
