import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import { RESEND_SMS_CODE, isResendRequest, resendSmsCode, sms, SMS_CODE_STEP } from './index.js';
import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';

const mfaStep = descriptor(SMS_CODE_STEP, 'SMS_MFA', {
  CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
  CODE_DELIVERY_DESTINATION: '+*******4114',
});
const otpStep = descriptor(SMS_CODE_STEP, 'SMS_OTP', { CODE_DELIVERY_DESTINATION: '+*******4114' });

function refuses(fn: () => unknown, name: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).kind).toBe('validation');
    expect((e as AuthError).name).toBe(name);
    return e as AuthError;
  }
  throw new Error(`expected ${name}`);
}

describe('sms plugin', () => {
  it('reports the version in package.json and the plugin API it implements', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    const plugin = sms();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.api).toBe(PLUGIN_API_VERSION);
  });

  it('registers its step once and the plugin API it implements', () => {
    const p = sms();
    expect(p.name).toBe('@nextstep/plugin-sms');
    expect(p.steps.map((r) => r.type)).toEqual([SMS_CODE_STEP]);
    expect(p.api).toBe(PLUGIN_API_VERSION);
  });

  it('shows the delivery details from the challenge parameters', () => {
    const h = handlerFor(sms(), mfaStep)!;
    expect(h.view(fakeContext(mfaStep))).toEqual({
      signInStep: SMS_CODE_STEP,
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******4114' },
    });
    expect(h.view(fakeContext(otpStep))).toMatchObject({ codeDeliveryDetails: { deliveryMedium: 'SMS' } });
  });

  it('checks the code shape locally: 6 digits for SMS_MFA, 6 or 8 for SMS_OTP', () => {
    const h = handlerFor(sms(), mfaStep)!;
    const mfa = fakeContext(mfaStep);
    const otp = fakeContext(otpStep);
    expect(() => h.validate!('123456', mfa)).not.toThrow();
    expect(() => h.validate!(' 123456 ', mfa)).not.toThrow();
    refuses(() => h.validate!('12345678', mfa), 'InvalidConfirmationCode');
    refuses(() => h.validate!('12a456', mfa), 'InvalidConfirmationCode');
    refuses(() => h.validate!('', mfa), 'EmptyConfirmationCode');
    refuses(() => h.validate!(undefined, mfa), 'EmptyConfirmationCode');
    expect(() => h.validate!('12345678', otp)).not.toThrow();
    refuses(() => h.validate!('1234567', otp), 'InvalidConfirmationCode');
  });

  it('never puts the code in the error message', () => {
    const h = handlerFor(sms(), mfaStep)!;
    const e = refuses(() => h.validate!('9876543', fakeContext(mfaStep)), 'InvalidConfirmationCode');
    expect(e.message).not.toContain('9876543');
  });

  it('honours configured lengths and refuses bad options', () => {
    const h = handlerFor(sms({ mfaCodeLength: 8, otpCodeLengths: [8] }), mfaStep)!;
    expect(() => h.validate!('12345678', fakeContext(mfaStep))).not.toThrow();
    refuses(() => h.validate!('123456', fakeContext(otpStep)), 'InvalidConfirmationCode');
    expect(() => sms({ mfaCodeLength: 0 })).toThrow(expect.objectContaining({ kind: 'config' }));
    expect(() => sms({ otpCodeLengths: [] })).toThrow(expect.objectContaining({ kind: 'config' }));
  });

  it('answers with the response key of the challenge', async () => {
    const h = handlerFor(sms(), mfaStep)!;
    await expect(h.answer('123456', fakeContext(mfaStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'SMS_MFA',
      challengeResponses: { SMS_MFA_CODE: '123456' },
    });
    await expect(h.answer('12345678', fakeContext(otpStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'SMS_OTP',
      challengeResponses: { SMS_OTP_CODE: '12345678' },
    });
  });

  it('asks for the password again before restarting an SMS_MFA sign-in', () => {
    const h = handlerFor(sms(), mfaStep)!;
    expect(isResendRequest(RESEND_SMS_CODE)).toBe(true);
    expect(isResendRequest(JSON.parse(JSON.stringify(RESEND_SMS_CODE)))).toBe(true);
    expect(isResendRequest('123456')).toBe(false);
    refuses(() => h.validate!(RESEND_SMS_CODE, fakeContext(mfaStep)), 'PasswordRequiredForResend');
    expect(() => h.validate!(RESEND_SMS_CODE, fakeContext(mfaStep, { options: { password: 'pw' } }))).not.toThrow();
    expect(() => h.validate!(RESEND_SMS_CODE, fakeContext(mfaStep, { secrets: { password: 'pw' } }))).not.toThrow();
    // Passwordless SMS_OTP restarts without one.
    expect(() => h.validate!(RESEND_SMS_CODE, fakeContext(otpStep))).not.toThrow();
  });

  it('resendSmsCode confirms the resend marker with the password as an option', async () => {
    const calls: unknown[][] = [];
    const flow = { confirm: async (...args: unknown[]) => (calls.push(args), 'next') };
    await expect(resendSmsCode(flow, { password: 'pw' })).resolves.toBe('next');
    expect(calls).toEqual([[RESEND_SMS_CODE, { password: 'pw' }]]);
  });
});
