// End-to-end: every auth flow against the emulator over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createAuth, failUnclaimed, type Flow } from './index.js';
import {
  CLIENT_SECRET,
  CUSTOM_ANSWER,
  PASSWORD,
  POOL,
  SECRET_CLIENT,
  allTestPlugins,
  wrongCode,
  startCoreFixture,
  testCustomPlugin,
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

function expectDone(flow: Flow) {
  expect(flow.isSignedIn).toBe(true);
  const step = flow.nextStep;
  expect(step.signInStep).toBe('DONE');
  if (step.signInStep !== 'DONE') return;
  expect(step.tokens.accessToken.split('.')).toHaveLength(3);
  expect(step.tokens.idToken).toBeTruthy();
  expect(step.tokens.refreshToken).toBeTruthy();
  expect(step.tokens.tokenType).toBe('Bearer');
  expect(flow.tokens).toBe(step.tokens);
}

describe('USER_SRP_AUTH (default)', () => {
  it('signs in to DONE with a real SRP exchange', async () => {
    const flow = await fx.auth().signIn({ username: 'alice', password: PASSWORD });
    expectDone(flow);
    expect(flow.authFlow).toBe('USER_SRP_AUTH');
    expect(flow.status).toBe('done');
  });

  it('destructures like Amplify', async () => {
    const { isSignedIn, nextStep } = await fx.auth().signIn({ username: 'alice', password: PASSWORD });
    expect(isSignedIn).toBe(true);
    expect(nextStep.signInStep).toBe('DONE');
  });

  it('a wrong password keeps Cognito’s exception name and fails the flow', async () => {
    const auth = fx.auth();
    const failed: string[] = [];
    auth.hooks.flowFailed.tap('test', (_info, error) => failed.push(error.name));
    const err = await rejection(auth.signIn({ username: 'alice', password: 'wrong-password-1' }));
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.kind).toBe('service');
    expect(failed).toEqual(['NotAuthorizedException']);
  });

  it('an unknown user is UserNotFoundException', async () => {
    const err = await rejection(fx.auth().signIn({ username: 'nobody-here', password: PASSWORD }));
    expect(err.name).toBe('UserNotFoundException');
  });
});

describe('USER_PASSWORD_AUTH', () => {
  it('signs in', async () => {
    const flow = await fx.auth().signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expectDone(flow);
  });
});

describe('clients with a secret: SECRET_HASH on every call', () => {
  it('USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_WITH_SRP and USER_AUTH sign in', async () => {
    const auth = fx.auth({ secret: true, plugins: [testCustomPlugin()] });
    expectDone(await auth.signIn({ username: 'alice', password: PASSWORD }));
    expectDone(await auth.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
    expectDone(await auth.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } }));
    const custom = await auth.signIn({ username: 'custom', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
    expect(custom.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expectDone(await custom.confirm(CUSTOM_ANSWER));
  });

  it('a wrong secret is refused by Cognito', async () => {
    const wrong = createAuth({
      userPool: { userPoolId: POOL, clientId: SECRET_CLIENT, clientSecret: `${CLIENT_SECRET}x`, endpoint: fx.emu.endpoint },
      defaultHandler: failUnclaimed,
    });
    const err = await rejection(wrong.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).not.toContain(CLIENT_SECRET);
  });
});

describe('custom auth', () => {
  it('CUSTOM_WITH_SRP: SRP first, then the custom challenge; a wrong answer then the right one', async () => {
    const flow = await fx.auth({ plugins: [testCustomPlugin()] }).signIn({
      username: 'custom',
      password: PASSWORD,
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    const step = flow.nextStep;
    expect(step).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: expect.objectContaining({ question: 'What is the answer?' }) });
    await flow.confirm('wrong answer');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expectDone(await flow.confirm(CUSTOM_ANSWER));
  });

  it('CUSTOM_WITHOUT_SRP: no password; answered raw through surfaceUnclaimed when no plugin claims it', async () => {
    const flow = await fx.auth().signIn({ username: 'custom', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    const step = flow.nextStep;
    expect(step.signInStep).toBe('UNCLAIMED_CHALLENGE');
    if (step.signInStep !== 'UNCLAIMED_CHALLENGE') return;
    expect(step.challengeName).toBe('CUSTOM_CHALLENGE');
    expect(step.stepType).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    expect(step.suggestedPlugin).toBe('@nextstep/plugin-custom-challenge');
    expect(step.challengeParameters.question).toBe('What is the answer?');
    expectDone(await flow.confirm({ challengeResponses: { ANSWER: CUSTOM_ANSWER } }));
  });

  it('failAuthentication (three wrong answers) ends the flow with a session error and fires flowFailed', async () => {
    const auth = fx.auth({ plugins: [testCustomPlugin()] });
    const failed: AuthError[] = [];
    auth.hooks.flowFailed.tap('test', (_info, error) => failed.push(error));
    const flow = await auth.signIn({ username: 'custom', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    await flow.confirm('no');
    await flow.confirm('still no');
    const err = await rejection(flow.confirm('never'));
    expect(err.kind).toBe('session');
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.mustSignInAgain).toBe(true);
    expect(err.recoverySuggestion).toMatch(/sign in again/i);
    expect(flow.status).toBe('failed');
    expect(failed.map((e) => e.name)).toEqual(['NotAuthorizedException']);
    const again = await rejection(flow.confirm(CUSTOM_ANSWER));
    expect(again.name).toBe('SignInFlowEnded');
  });

  it('refuses a password with CUSTOM_WITHOUT_SRP before any network call', async () => {
    const auth = fx.auth();
    const calls: string[] = [];
    auth.hooks.request.tap('test', (call) => {
      calls.push(call.operation);
      return call;
    });
    const err = await rejection(auth.signIn({ username: 'custom', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } }));
    expect(err).toMatchObject({ kind: 'validation', name: 'CustomAuthSignInPassword' });
    expect(calls).toEqual([]);
  });
});

describe('USER_AUTH (choice-based)', () => {
  it('preferredChallenge PASSWORD and PASSWORD_SRP sign in', async () => {
    const auth = fx.auth();
    expectDone(await auth.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } }));
    expectDone(await auth.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } }));
  });

  it('preferredChallenge EMAIL_OTP and SMS_OTP: codes, a wrong one first', async () => {
    const auth = fx.auth({ plugins: allTestPlugins() });
    const email = await auth.signIn({ username: 'passwordless', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    expect(email.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } });
    const err = await rejection(email.confirm(wrongCode(fx.code('passwordless', 'EMAIL'))));
    expect(err.name).toBe('CodeMismatchException');
    expectDone(await email.confirm(fx.code('passwordless', 'EMAIL')));

    const sms = await auth.signIn({ username: 'passwordless', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } });
    expect(sms.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: { deliveryMedium: 'SMS' } });
    expectDone(await sms.confirm(fx.code('passwordless', 'SMS')));
  });

  it('first-factor selection: PASSWORD with the held password', async () => {
    const flow = await fx.auth().signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_AUTH' } });
    const step = flow.nextStep;
    expect(step.signInStep).toBe('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    if (step.signInStep !== 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION') return;
    expect(step.availableChallenges).toContain('PASSWORD');
    expectDone(await flow.confirm('PASSWORD'));
  });

  it('first-factor selection without a password asks CONFIRM_SIGN_IN_WITH_PASSWORD (PASSWORD and PASSWORD_SRP)', async () => {
    for (const factor of ['PASSWORD', 'PASSWORD_SRP'] as const) {
      const flow = await fx.auth().signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } });
      expect(flow.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
      const available = (flow.nextStep as { availableChallenges: string[] }).availableChallenges;
      expect(available).toContain(factor);
      await flow.confirm(factor);
      expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
      expectDone(await flow.confirm(PASSWORD));
    }
  });

  it('first-factor selection: EMAIL_OTP', async () => {
    const flow = await fx.auth({ plugins: allTestPlugins() }).signIn({ username: 'passwordless', options: { authFlowType: 'USER_AUTH' } });
    await flow.confirm('EMAIL_OTP');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    expectDone(await flow.confirm(fx.code('passwordless', 'EMAIL')));
  });

  it('a factor not offered fails locally', async () => {
    const flow = await fx.auth().signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } });
    const err = await rejection(flow.confirm('WEB_AUTHN'));
    expect(err).toMatchObject({ kind: 'validation', name: 'FirstFactorNotOffered' });
    expect(flow.status).toBe('active');
  });
});
