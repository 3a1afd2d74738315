import { describe, expect, it } from 'vitest';
import { AuthError, failUnclaimed, surfaceUnclaimed, type StepContext, type StepDescriptor } from './index.js';
import { assertCode } from './validate.js';

const step: StepDescriptor = { type: 'WEB_AUTHN', challengeName: 'WEB_AUTHN', parameters: { CREDENTIAL_REQUEST_OPTIONS: '{}' }, data: {} };
const ctx = {} as StepContext;

describe('surfaceUnclaimed', () => {
  it('shows the raw challenge and answers raw', async () => {
    const handler = surfaceUnclaimed.handle(step, { stepType: 'X_STEP', suggestedPlugin: '@acme/x' });
    expect(handler.view(ctx)).toEqual({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'WEB_AUTHN',
      challengeParameters: { CREDENTIAL_REQUEST_OPTIONS: '{}' },
      stepType: 'X_STEP',
      suggestedPlugin: '@acme/x',
    });
    expect(await handler.answer('abc', ctx)).toEqual({ kind: 'respond', challengeName: 'WEB_AUTHN', challengeResponses: { ANSWER: 'abc' } });
    expect(await handler.answer({ challengeResponses: { CREDENTIAL: '{"id":1}' } }, ctx)).toEqual({
      kind: 'respond',
      challengeName: 'WEB_AUTHN',
      challengeResponses: { CREDENTIAL: '{"id":1}' },
    });
  });

  it('leaves out what it does not know', () => {
    expect(surfaceUnclaimed.handle(step, {}).view(ctx)).not.toHaveProperty('suggestedPlugin');
  });
});

describe('failUnclaimed', () => {
  it('throws an unclaimed AuthError naming the challenge, the step and the plugin', () => {
    let error: unknown;
    try {
      failUnclaimed.handle({ ...step, challengeName: 'SMS_MFA', type: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' }, {
        stepType: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        suggestedPlugin: '@nextstep/plugin-sms',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ name: 'UnclaimedChallenge', kind: 'unclaimed' });
    expect((error as AuthError).message).toContain('SMS_MFA');
    expect((error as AuthError).message).toContain('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect((error as AuthError).recoverySuggestion).toContain('@nextstep/plugin-sms');
  });

  it('without a known plugin, suggests surfaceUnclaimed or a plugin', () => {
    expect(() => failUnclaimed.handle(step, {})).toThrow(expect.objectContaining({ recoverySuggestion: expect.stringContaining('surfaceUnclaimed') }));
  });
});

describe('assertCode', () => {
  it('accepts 6 to 8 digits, trims, and names the problem', () => {
    expect(assertCode(' 123456 ')).toBe('123456');
    expect(assertCode('12345678')).toBe('12345678');
    expect(() => assertCode('12345')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode', kind: 'validation' }));
    expect(() => assertCode('123456789')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
    expect(() => assertCode('12a456')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
    expect(() => assertCode('')).toThrow(expect.objectContaining({ name: 'EmptyConfirmationCode' }));
    expect(() => assertCode(undefined)).toThrow(expect.objectContaining({ name: 'EmptyConfirmationCode' }));
    expect(() => assertCode({ challengeResponses: {} })).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
  });

  it('never echoes the code in the message', () => {
    try {
      assertCode('98765x');
    } catch (err) {
      expect((err as Error).message).not.toContain('98765');
    }
  });
});
