// End to end against the emulator over HTTP: codes are read from its outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSignIn, type AuthError } from '@nextstep/core';
import { RESEND_SMS_CODE, resendSmsCode, sms, SMS_CODE_STEP } from './index.js';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import type { Emulator } from '@nextstep/emulator';

const PASSWORD = 'Correct-horse-9';

const POOL_ID = 'us-east-1_PluginSms';
let emu: Emulator;
let auth: EmulatorPool['auth'];

beforeAll(async () => {
  const env = await startEmulatorPool({
    id: POOL_ID,
    mfa: 'OPTIONAL',
    enabledMfas: ['SMS_MFA'],
    allowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'],
    clients: [{ id: 'sms-client', secret: false }],
    users: ['mfa1', 'mfa2', 'mfa3', 'mfa4', 'otp1', 'otp2'].map((username) => ({
      username,
      password: PASSWORD,
      attributes: { phone_number: '+15555554114', phone_number_verified: 'true' },
      mfa: username.startsWith('mfa') ? { sms: true, preferred: 'SMS' as const } : {},
    })),
  });
  emu = env.emulator;
  auth = env.auth;
});
afterAll(() => emu?.close());

const lastSms = (username: string) => emu.outbox.last({ username, medium: 'SMS' });
const wrong = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

async function rejected(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    return e as AuthError;
  }
  throw new Error('expected a rejection');
}

describe('sms plugin against the emulator', () => {
  it('SMS_MFA: shows the masked phone, refuses a bad shape locally, a wrong code remotely, then signs in', async () => {
    const a = auth([sms()]);
    const flow = await a.signIn({ username: 'mfa1', password: PASSWORD });
    expect(flow.nextStep.signInStep).toBe(SMS_CODE_STEP);
    const step = flow.nextStep as Extract<typeof flow.nextStep, { signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' }>;
    expect(step.codeDeliveryDetails?.deliveryMedium).toBe('SMS');
    expect(step.codeDeliveryDetails?.destination).toMatch(/\*+4114$/);

    const sent = lastSms('mfa1')!;
    expect(sent.purpose).toBe('MFA');
    const local = await rejected(flow.confirm('12345'));
    expect(local.kind).toBe('validation');

    const remote = await rejected(flow.confirm(wrong(sent.code)));
    expect(remote.name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe(SMS_CODE_STEP);

    await flow.confirm(sent.code);
    expect(flow.isSignedIn).toBe(true);
    expect(flow.nextStep.signInStep).toBe('DONE');
    expect(flow.tokens?.accessToken).toBeTruthy();
  });

  it('resendSmsCode restarts the sign-in: a new SMS, the old code no longer works, the new one does', async () => {
    const a = auth([sms()]);
    const flow = await a.signIn({ username: 'mfa2', password: PASSWORD });
    const first = lastSms('mfa2')!;
    const before = emu.outbox.messages({ username: 'mfa2' }).length;

    await resendSmsCode(flow, { password: PASSWORD });
    expect(flow.nextStep.signInStep).toBe(SMS_CODE_STEP);
    const second = lastSms('mfa2')!;
    expect(second.id).not.toBe(first.id);
    expect(emu.outbox.messages({ username: 'mfa2' }).length).toBe(before + 1);

    if (second.code !== first.code) {
      const old = await rejected(flow.confirm(first.code));
      expect(old.kind).not.toBe('validation');
      expect(flow.nextStep.signInStep).toBe(SMS_CODE_STEP);
    }
    await flow.confirm(second.code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('a resumed flow (no password in memory) needs the password again, and nothing is sent without it', async () => {
    const a = auth([sms()]);
    const flow = await a.signIn({ username: 'mfa3', password: PASSWORD });
    const resumed = a.resumeFlow(JSON.parse(JSON.stringify(flow.toJSON())));
    const count = emu.outbox.messages({ username: 'mfa3' }).length;
    const e = await rejected(resendSmsCode(resumed));
    expect(e.name).toBe('PasswordRequiredForResend');
    expect(e.kind).toBe('validation');
    expect(emu.outbox.messages({ username: 'mfa3' }).length).toBe(count);

    await resendSmsCode(resumed, { password: PASSWORD });
    await resumed.confirm(lastSms('mfa3')!.code);
    expect(resumed.isSignedIn).toBe(true);
  });

  it('runSignIn: a prompter asks for a new code after a wrong one, then signs in', async () => {
    const asked: string[] = [];
    const flow = await runSignIn(auth([sms()]), { username: 'mfa4', password: PASSWORD }, {
      CONFIRM_SIGN_IN_WITH_SMS_CODE: (step, { attempt, lastError }) => {
        asked.push(`${attempt}:${lastError?.name ?? '-'}:${step.codeDeliveryDetails?.deliveryMedium}`);
        const code = lastSms('mfa4')!.code;
        if (asked.length === 1) return wrong(code);
        if (asked.length === 2) return { answer: RESEND_SMS_CODE, options: { password: PASSWORD } };
        return code;
      },
    });
    expect(flow.isSignedIn).toBe(true);
    expect(asked).toHaveLength(3);
    expect(asked[1]).toMatch(/CodeMismatchException:SMS$/);
    expect(emu.outbox.messages({ username: 'mfa4', medium: 'SMS' })).toHaveLength(2);
  });

  it('SMS_OTP (passwordless USER_AUTH): code step, wrong code, then the right one', async () => {
    const a = auth([sms()]);
    const flow = await a.signIn({ username: 'otp1', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } });
    expect(flow.nextStep.signInStep).toBe(SMS_CODE_STEP);
    const sent = lastSms('otp1')!;
    expect(sent.purpose).toBe('OTP');
    expect((await rejected(flow.confirm('1234567'))).kind).toBe('validation');
    expect((await rejected(flow.confirm(wrong(sent.code)))).name).toBe('CodeMismatchException');
    await flow.confirm(sent.code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('SMS_OTP resend needs no password', async () => {
    const a = auth([sms()]);
    const flow = await a.signIn({ username: 'otp2', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } });
    const first = lastSms('otp2')!;
    await resendSmsCode(flow);
    const second = lastSms('otp2')!;
    expect(second.id).not.toBe(first.id);
    if (second.code !== first.code) await rejected(flow.confirm(first.code));
    await flow.confirm(second.code);
    expect(flow.isSignedIn).toBe(true);
  });
});
