// Passwords, codes, Session strings, TOTP secrets and tokens never reach a log line or an
// error message, whichever plugin handles the step (checked with a logger at every level).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthError, Logger } from '@nextstep/core';
import { email } from '@nextstep/plugin-email';
import { resendSmsCode, sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { lastCode, PASSWORD, setupUser, selectionUser, startPool, totpCode, TOTP_SECRET, type Emu } from './support.js';

let emu: Emu;
let auth: Awaited<ReturnType<typeof startPool>>['auth'];
beforeAll(async () => ({ emu, auth } = await startPool()));
afterAll(() => emu?.close());

function recordingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, data?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

describe('no secrets in logs or errors', () => {
  it('SMS, TOTP setup and email flows, with wrong answers and a resend', async () => {
    const lines: string[] = [];
    const secrets = new Set<string>([PASSWORD, TOTP_SECRET]);
    const errors: string[] = [];
    const a = auth([sms(), totp({ markPreferred: true }), email()], undefined, recordingLogger(lines));
    a.hooks.response.tap('test', (result) => {
      for (const key of ['Session', 'SecretCode']) if (typeof result.output[key] === 'string') secrets.add(result.output[key]);
      const r = result.output.AuthenticationResult as Record<string, string> | undefined;
      for (const t of ['AccessToken', 'IdToken', 'RefreshToken']) if (r?.[t]) secrets.add(r[t]);
      return result;
    });
    const fail = async (p: Promise<unknown>) => {
      const e = (await p.then(() => undefined, (x: unknown) => x)) as AuthError;
      errors.push(`${e.name} ${e.message} ${e.recoverySuggestion ?? ''} ${JSON.stringify(e.metadata ?? {})}`);
    };

    // SMS chosen at selection: wrong code, resend, right code.
    const u1 = selectionUser('sms+totp+email', 'sms');
    const f1 = await a.signIn({ username: u1, password: PASSWORD });
    await f1.confirm('SMS');
    const c1 = lastCode(emu, u1, 'SMS');
    secrets.add(c1);
    await fail(f1.confirm(c1 === '000000' ? '111111' : '000000'));
    await resendSmsCode(f1, { password: PASSWORD });
    // The sign-in started over, so Cognito asks for the MFA choice again (as documented).
    expect(f1.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
    await f1.confirm('SMS');
    const c2 = lastCode(emu, u1, 'SMS');
    secrets.add(c2);
    await f1.confirm(c2);
    expect(f1.isSignedIn).toBe(true);

    // TOTP setup: wrong code, right code, TOTP marked preferred.
    const u2 = setupUser('sms+totp+email', 'totp');
    const f2 = await a.signIn({ username: u2, password: PASSWORD });
    await f2.confirm('TOTP');
    if (f2.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') throw new Error('expected TOTP setup');
    const secret = f2.nextStep.totpSetupDetails.sharedSecret;
    const good = totpCode(emu, secret);
    secrets.add(good);
    await fail(f2.confirm(String((Number(good) + 1) % 1e6).padStart(6, '0')));
    await fail(f2.confirm('12345'));
    await f2.confirm(good);
    expect(f2.isSignedIn).toBe(true);

    // Email chosen at selection.
    const u3 = selectionUser('sms+totp+email', 'email');
    const f3 = await a.signIn({ username: u3, password: PASSWORD });
    await f3.confirm('EMAIL');
    await fail(f3.confirm('not-a-code'));
    const c3 = lastCode(emu, u3, 'EMAIL');
    secrets.add(c3);
    await f3.confirm(c3);
    expect(f3.isSignedIn).toBe(true);

    expect(lines.length).toBeGreaterThan(10);
    expect(errors).toHaveLength(4);
    const leaks = [...secrets].filter((s) => s.length >= 6 && [...lines, ...errors].some((l) => l.includes(s)));
    expect(leaks).toEqual([]);
  });
});
