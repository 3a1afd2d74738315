import { describe, expect, it } from 'vitest';
import { AuthError, failUnclaimed, surfaceUnclaimed, type StepContext, type StepDescriptor } from './index.js';
import { checkCode, CONFIRMATION_CODE_LENGTHS } from './validate.js';

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

describe('checkCode', () => {
  it('accepts 6 to 8 digits, trims, and names the problem', () => {
    expect(checkCode(' 123456 ', CONFIRMATION_CODE_LENGTHS, 'code')).toBe('123456');
    expect(checkCode('12345678', CONFIRMATION_CODE_LENGTHS, 'code')).toBe('12345678');
    expect(() => checkCode('12345', CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode', kind: 'validation' }));
    expect(() => checkCode('123456789', CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
    expect(() => checkCode('12a456', CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
    expect(() => checkCode('', CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'EmptyConfirmationCode' }));
    expect(() => checkCode(undefined, CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'EmptyConfirmationCode' }));
    expect(() => checkCode({ challengeResponses: {} }, CONFIRMATION_CODE_LENGTHS, 'code')).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
  });

  it('never echoes the code in the message', () => {
    try {
      checkCode('98765x', CONFIRMATION_CODE_LENGTHS, 'code');
    } catch (err) {
      expect((err as Error).message).not.toContain('98765');
    }
  });
});
