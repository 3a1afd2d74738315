// End-to-end: every step type against the emulator, with wrong answers before right ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createAuth, failUnclaimed, type Flow, type NextstepPlugin } from './index.js';
import {
  NEW_PASSWORD,
  PASSWORD,
  UNKNOWN_ANSWER,
  allTestPlugins,
  startCoreFixture,
  testCodePlugin,
  testEmailSetupPlugin,
  testTotpSetupPlugin,
  wrongCode,
  type CoreFixture,
} from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

async function rejection(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected a rejection');
}

/** Counts Cognito calls, to prove local validation sends nothing. */
function countCalls(flowAuth: { hooks: { request: { tap(name: string, fn: (c: any) => any): void } } }) {
  const calls: string[] = [];
  flowAuth.hooks.request.tap('count', (call) => {
    calls.push(call.operation);
    return call;
  });
  return calls;
}

const SMS = testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE');
const TOTP = testCodePlugin('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
const EMAIL = testCodePlugin('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');

describe('MFA code steps (test-only plugins)', () => {
  it('SMS: delivery details, a wrong code keeps the flow at the step with the same Session, then DONE', async () => {
    const flow = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    expect(flow.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: expect.stringMatching(/^\+\*+0123$/) },
    });
    const before = flow.toJSON().session;
    const err = await rejection(flow.confirm(wrongCode(fx.code('sms'))));
    expect(err).toMatchObject({ name: 'CodeMismatchException', kind: 'service' });
    expect(flow.status).toBe('active');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(flow.toJSON().session).toBe(before);
    await flow.confirm(fx.code('sms'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('TOTP: code from the emulator clock', async () => {
    const flow = await fx.auth({ plugins: [TOTP] }).signIn({ username: 'totp', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const code = fx.emu.totpCode('us-east-1_CoreTest', 'totp');
    await rejection(flow.confirm(wrongCode(code)));
    await flow.confirm(code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('EMAIL: code from the outbox', async () => {
    const flow = await fx.auth({ plugins: [EMAIL] }).signIn({ username: 'email', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } });
    await flow.confirm(fx.code('email', 'EMAIL'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('a malformed or empty code fails locally; nothing is sent', async () => {
    const auth = fx.auth({ plugins: [SMS] });
    const flow = await auth.signIn({ username: 'sms', password: PASSWORD });
    const calls = countCalls(auth);
    expect((await rejection(flow.confirm('12ab56'))).name).toBe('InvalidConfirmationCode');
    expect((await rejection(flow.confirm(''))).name).toBe('EmptyChallengeResponse');
    expect((await rejection(flow.confirm(42 as never))).name).toBe('InvalidChallengeResponse');
    expect(calls).toEqual([]);
    await flow.confirm(fx.code('sms'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('no plugin for the step: surfaceUnclaimed surfaces it with the plugin to install; a raw answer works', async () => {
    const flow = await fx.auth().signIn({ username: 'sms', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'SMS_MFA',
      stepType: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      suggestedPlugin: '@nextstep/plugin-sms',
    });
    await flow.confirm({ challengeResponses: { SMS_MFA_CODE: fx.code('sms') } });
    expect(flow.isSignedIn).toBe(true);
  });

  it('no plugin for the step: failUnclaimed fails naming the challenge and the plugin', async () => {
    const auth = fx.auth({ defaultHandler: failUnclaimed });
    const failed: string[] = [];
    auth.hooks.flowFailed.tap('t', (_i, e) => failed.push(e.name));
    const err = await rejection(auth.signIn({ username: 'totp', password: PASSWORD }));
    expect(err).toMatchObject({ name: 'UnclaimedChallenge', kind: 'unclaimed' });
    expect(err.message).toContain('SOFTWARE_TOKEN_MFA');
    expect(err.recoverySuggestion).toContain('@nextstep/plugin-totp');
    expect(err.metadata).toMatchObject({ challengeName: 'SOFTWARE_TOKEN_MFA', suggestedPlugin: '@nextstep/plugin-totp' });
    expect(failed).toEqual(['UnclaimedChallenge']);
  });
});

describe('MFA selection', () => {
  it('offers only installed types; an answer not offered fails locally; then the chosen code step', async () => {
    const auth = fx.auth({ plugins: [SMS, EMAIL] });
    const flow = await auth.signIn({ username: 'chooser', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'EMAIL'] });
    const calls = countCalls(auth);
    const err = await rejection(flow.confirm('TOTP'));
    expect(err).toMatchObject({ name: 'IncorrectMFAMethod', kind: 'validation' });
    expect(calls).toEqual([]);
    await flow.confirm('EMAIL');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    await flow.confirm(fx.code('chooser', 'EMAIL'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('autoSelectSingleMfa chooses alone when one installed type remains', async () => {
    const flow = await fx.auth({ plugins: [TOTP], autoSelectSingleMfa: true }).signIn({ username: 'chooser', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    await flow.confirm(fx.emu.totpCode('us-east-1_CoreTest', 'chooser'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('without autoSelectSingleMfa one installed type is still asked', async () => {
    const flow = await fx.auth({ plugins: [TOTP] }).signIn({ username: 'chooser', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['TOTP'] });
  });

  it('with no installed type the selection goes to the default handler', async () => {
    const flow = await fx.auth().signIn({ username: 'chooser', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({ signInStep: 'UNCLAIMED_CHALLENGE', challengeName: 'SELECT_MFA_TYPE', stepType: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION' });
  });
});

describe('MFA setup', () => {
  it('setup selection between TOTP and EMAIL, then TOTP setup with a wrong code first', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD }, { mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    const auth = fx.auth({ pool, plugins: [TOTP, EMAIL, testTotpSetupPlugin(), testEmailSetupPlugin()] });
    const flow = await auth.signIn({ username, password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] });
    expect((await rejection(flow.confirm('SMS'))).name).toBe('IncorrectMFAMethod');
    await flow.confirm('TOTP');
    const step = flow.nextStep;
    expect(step.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    if (step.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return;
    expect(step.totpSetupDetails.sharedSecret).toMatch(/^[A-Z2-7]{16,}$/);
    const code = fx.emu.totpCode(pool, username);
    const err = await rejection(flow.confirm(wrongCode(code)));
    expect(err.name).toBe('EnableSoftwareTokenMFAException');
    expect(flow.status).toBe('active');
    await flow.confirm(code, { friendlyDeviceName: 'phone' });
    expect(flow.isSignedIn).toBe(true);
  });

  it('one installed setup type goes straight to its setup step (EMAIL), then the email code', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD }, { mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    const flow = await fx.auth({ pool, plugins: [EMAIL, testEmailSetupPlugin()] }).signIn({ username, password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' });
    await flow.confirm('setup@example.com');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    await flow.confirm(fx.code(username, 'EMAIL', pool));
    expect(flow.isSignedIn).toBe(true);
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('lists missing attributes without the prefix, checks them locally, then signs in', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['name'] });
    const auth = fx.auth({ pool });
    const flow = await auth.signIn({ username, password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: ['name'] });
    const calls = countCalls(auth);
    const err = await rejection(flow.confirm(NEW_PASSWORD));
    expect(err).toMatchObject({ name: 'MissingRequiredAttributes', kind: 'validation', metadata: { missingAttributes: ['name'] } });
    expect(calls).toEqual([]);
    await flow.confirm(NEW_PASSWORD, { userAttributes: { name: 'Ada' } });
    expect(flow.isSignedIn).toBe(true);
    const again = await auth.signIn({ username, password: NEW_PASSWORD });
    expect(again.isSignedIn).toBe(true);
  });
});

describe('CONFIRM_SIGN_UP and RESET_PASSWORD', () => {
  it('signUp → signIn gives CONFIRM_SIGN_UP; a wrong code then the right one confirms and signs in', async () => {
    const { pool } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    const out = await auth.signUp({ username: 'newbie', password: PASSWORD, options: { userAttributes: { email: 'newbie@example.com' } } });
    expect(out).toMatchObject({ isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } } });
    expect(out.userId).toBeTruthy();
    const flow = await auth.signIn({ username: 'newbie', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_UP' });
    expect(flow.expiresAt).toBeUndefined();
    const err = await rejection(flow.confirm(wrongCode(fx.code('newbie', 'EMAIL', pool))));
    expect(err.name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_UP');
    await flow.confirm(fx.code('newbie', 'EMAIL', pool));
    expect(flow.isSignedIn).toBe(true);
  });

  it('resendSignUpCode and confirmSignUp (Amplify shapes)', async () => {
    const { pool } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signUp({ username: 'late', password: PASSWORD, options: { userAttributes: { email: 'late@example.com' } } });
    const details = await auth.resendSignUpCode({ username: 'late' });
    expect(details.deliveryMedium).toBe('EMAIL');
    expect(await auth.confirmSignUp({ username: 'late', confirmationCode: fx.code('late', 'EMAIL', pool) })).toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    expect((await auth.signIn({ username: 'late', password: PASSWORD })).isSignedIn).toBe(true);
  });

  it('RESET_PASSWORD: resetPassword sends a code; confirm(code, { password }) resets and signs in', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD, status: 'RESET_REQUIRED', attributes: { email: 'r@example.com', email_verified: 'true' } });
    const auth = fx.auth({ pool });
    const flow = await auth.signIn({ username, password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'RESET_PASSWORD' });
    const reset = await auth.resetPassword({ username });
    expect(reset).toMatchObject({ isPasswordReset: false, nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' } });
    const code = fx.code(username, 'EMAIL', pool);
    expect((await rejection(flow.confirm(code))).name).toBe('EmptyConfirmResetPasswordNewPassword');
    expect((await rejection(flow.confirm(wrongCode(code), { password: NEW_PASSWORD }))).name).toBe('CodeMismatchException');
    await flow.confirm(code, { password: NEW_PASSWORD });
    expect(flow.isSignedIn).toBe(true);
  });

  it('confirmResetPassword outside a flow', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD, attributes: { email: 'x@example.com', email_verified: 'true' } });
    const auth = fx.auth({ pool });
    await auth.resetPassword({ username });
    await auth.confirmResetPassword({ username, confirmationCode: fx.code(username, 'EMAIL', pool), newPassword: NEW_PASSWORD });
    expect((await auth.signIn({ username, password: NEW_PASSWORD })).isSignedIn).toBe(true);
  });
});

describe('unknown challenges reach the default handler', () => {
  it('a per-user unknown challenge is surfaced raw and answered raw', async () => {
    const flow = await fx.auth({ plugins: allTestPlugins() }).signIn({ username: 'future', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: 'UNCLAIMED_CHALLENGE', challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say the word' } });
    await flow.confirm(UNKNOWN_ANSWER);
    expect(flow.isSignedIn).toBe(true);
  });

  it('the emulator fault: failUnclaimed fails naming the challenge', async () => {
    fx.emu.faults.add({ operation: 'RespondToAuthChallenge', kind: 'unknown-challenge', challengeName: 'PASSKEY_2030', times: 1 });
    try {
      const err = await rejection(fx.auth({ defaultHandler: failUnclaimed }).signIn({ username: 'alice', password: PASSWORD }));
      expect(err.name).toBe('UnclaimedChallenge');
      expect(err.message).toContain('PASSKEY_2030');
    } finally {
      fx.emu.faults.clear();
    }
  });

  it('a plugin may claim a new challenge name through hooks.step', async () => {
    const passkey: NextstepPlugin = {
      name: 'test-passkey',
      api: 1,
      steps: [{ type: 'FUTURE_CHALLENGE', handler: () => ({
          plugin: 'test-passkey',
          view: () => ({ signInStep: 'UNCLAIMED_CHALLENGE', challengeName: 'FUTURE_CHALLENGE', challengeParameters: {} }),
          auto: () => true,
          answer: async () => ({ kind: 'respond', challengeResponses: { ANSWER: UNKNOWN_ANSWER } }),
        }) }],
    };
    const flow: Flow = await fx.auth({ plugins: [passkey] }).signIn({ username: 'future', password: PASSWORD });
    expect(flow.isSignedIn).toBe(true);
  });
});

describe('MFA ON pool without factors', () => {
  it('MFA_SETUP with no installed setup plugin goes to the default handler', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD }, { mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    const flow = await fx.auth({ pool }).signIn({ username, password: PASSWORD });
    expect(flow.nextStep).toMatchObject({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'MFA_SETUP',
      stepType: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
      suggestedPlugin: '@nextstep/plugin-totp',
    });
  });
});

describe('a client with a secret: SECRET_HASH on account operations and every challenge answer', () => {
  it('signUp, resendSignUpCode, CONFIRM_SIGN_UP in a flow, then reset with forgot/confirm, then SMS MFA', async () => {
    const { pool, username } = await fx.freshUser(
      { password: PASSWORD, attributes: { phone_number: '+15555550199', phone_number_verified: 'true', email: 's@example.com', email_verified: 'true' }, mfa: { sms: true } },
      {},
      { secret: true },
    );
    const auth = fx.auth({ pool, plugins: [SMS] });
    await auth.signUp({ username: 'with-secret', password: PASSWORD, options: { userAttributes: { email: 'ws@example.com' } } });
    await auth.resendSignUpCode({ username: 'with-secret' });
    const flow = await auth.signIn({ username: 'with-secret', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_UP');
    await flow.confirm(fx.code('with-secret', 'EMAIL', pool));
    expect(flow.isSignedIn).toBe(true);

    await auth.resetPassword({ username });
    await auth.confirmResetPassword({ username, confirmationCode: fx.code(username, 'EMAIL', pool), newPassword: NEW_PASSWORD });
    const mfa = await auth.signIn({ username, password: NEW_PASSWORD });
    expect(mfa.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    await rejection(mfa.confirm(wrongCode(fx.code(username, 'SMS', pool))));
    await mfa.confirm(fx.code(username, 'SMS', pool));
    expect(mfa.isSignedIn).toBe(true);
  });

  it('without the secret Cognito refuses the account operations', async () => {
    const { pool } = await fx.freshUser({ password: PASSWORD }, {}, { secret: true });
    const auth = fx.auth({ pool });
    const noSecret = createAuth({
      userPool: { userPoolId: pool, clientId: auth.userPool.clientId, endpoint: fx.emu.endpoint },
      defaultHandler: failUnclaimed,
    });
    const err = await rejection(noSecret.signUp({ username: 'nosecret', password: PASSWORD }));
    expect(err.kind).toBe('service');
  });
});

describe('transient failures leave the flow at its step', () => {
  it('CONFIRM_SIGN_UP: confirmed, then the sign-in fails transiently; answering again only signs in', async () => {
    const { pool } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signUp({ username: 'flaky', password: PASSWORD, options: { userAttributes: { email: 'f@example.com' } } });
    const flow = await auth.signIn({ username: 'flaky', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const code = fx.code('flaky', 'EMAIL', pool);
    fx.emu.faults.add({ operation: 'InitiateAuth', kind: 'server-error', times: 10 });
    try {
      await rejection(flow.confirm(code));
    } finally {
      fx.emu.faults.clear();
    }
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_UP');
    await flow.confirm(code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('a 5xx on the answer: the same code answers again', async () => {
    const flow = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    fx.emu.faults.add({ operation: 'RespondToAuthChallenge', kind: 'server-error', times: 10 });
    let err: AuthError;
    try {
      err = await rejection(flow.confirm(fx.code('sms')));
    } finally {
      fx.emu.faults.clear();
    }
    expect(['service', 'network']).toContain(err.kind);
    expect(flow.status).toBe('active');
    await flow.confirm(fx.code('sms'));
    expect(flow.isSignedIn).toBe(true);
  });
});
