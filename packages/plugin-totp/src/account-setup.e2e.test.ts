// TOTP setup outside sign-in, against the emulator: a signed-in user adds an authenticator
// app (wrong code, then the right one), makes it preferred, and is asked for it next time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { fetchMFAPreference, updateMFAPreference } from '@nextstep/core';
import { setUpTOTP, totp, verifyTOTPSetup } from './index.js';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import type { Emulator } from '@nextstep/emulator';

const PASSWORD = 'Correct-horse-9';

let emu: Emulator;
let env: EmulatorPool;

beforeAll(async () => {
  env = await startEmulatorPool({
    id: 'us-east-1_TotpAccount',
    mfa: 'OPTIONAL',
    enabledMfas: ['SOFTWARE_TOKEN_MFA'],
    clients: [{ id: 'totp-account-client' }],
    users: [{ username: 'later', password: PASSWORD }],
  });
  emu = env.emulator;
});
afterAll(() => emu?.close());

const codeFor = (secret: string) => new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: emu.clock.now() });

it('setUpTOTP → verifyTOTPSetup (after a wrong code) → preferred → the next sign-in asks for the code', async () => {
  const auth = env.auth([totp()]);
  expect((await auth.signIn({ username: 'later', password: PASSWORD })).isSignedIn).toBe(true);
  const details = await setUpTOTP(auth);
  expect(details.getSetupUri('Acme').toString()).toBe(`otpauth://totp/Acme:later?secret=${details.sharedSecret}&issuer=Acme`);
  const right = codeFor(details.sharedSecret);
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
  const failed = await verifyTOTPSetup(auth, { code: wrong }).catch((e: Error) => e);
  expect((failed as Error).name).toMatch(/EnableSoftwareTokenMFAException|CodeMismatchException/);
  await verifyTOTPSetup(auth, { code: right, options: { friendlyDeviceName: 'phone' } });
  await updateMFAPreference(auth, { totp: 'PREFERRED' });
  expect(await fetchMFAPreference(auth)).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
  const next = await auth.signIn({ username: 'later', password: PASSWORD });
  expect(next.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  expect((await verifyTOTPSetup(auth, { code: '' }).catch((e: Error) => e) as Error).name).toBe('EmptyVerifyTOTPSetupCode');
});
