// End-to-end: flows as values (concurrency, resume, expiry), hooks, Amplify-style API.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, type Flow } from './index.js';
import { PASSWORD, startCoreFixture, testCodePlugin, testCustomPlugin, wrongCode, type CoreFixture } from './test-support/pool.js';

const BULK = 200;
let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture(BULK);
});
afterAll(() => fx.close());

const SMS = testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE');

async function rejection(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected a rejection');
}

function usernameInToken(flow: Flow): string {
  const payload = JSON.parse(Buffer.from(flow.tokens!.accessToken.split('.')[1]!, 'base64url').toString('utf8')) as { username: string };
  return payload.username;
}

describe('many flows at once never share state', () => {
  it(`${BULK} concurrent sign-ins with SMS MFA, answered out of order`, async () => {
    const auth = fx.auth({ plugins: [SMS] });
    const names = Array.from({ length: BULK }, (_, i) => `bulk-${i}`);
    const flows = await Promise.all(
      names.map((username, i) =>
        auth.signIn({
          username,
          password: `${PASSWORD}-${i}`,
          // A quarter SRP, the rest USER_PASSWORD_AUTH: both paths run interleaved.
          options: { authFlowType: i % 4 === 0 ? 'USER_SRP_AUTH' : 'USER_PASSWORD_AUTH' },
        }),
      ),
    );
    expect(new Set(flows.map((f) => f.id)).size).toBe(BULK);
    expect(flows.every((f) => f.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE')).toBe(true);
    const order = [...flows.keys()].reverse();
    await Promise.all(order.map((i) => flows[i]!.confirm(fx.code(names[i]!))));
    flows.forEach((flow, i) => {
      expect(flow.isSignedIn).toBe(true);
      expect(usernameInToken(flow)).toBe(names[i]);
    });
  });

  it('a second answer while one is in flight is refused locally', async () => {
    const flow = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    const first = flow.confirm(fx.code('sms'));
    const err = await rejection(flow.confirm(fx.code('sms')));
    expect(err.name).toBe('SignInFlowBusy');
    await first;
    expect(flow.isSignedIn).toBe(true);
    expect((await rejection(flow.confirm('123456'))).name).toBe('SignInAlreadyComplete');
  });
});

describe('toJSON / resumeFlow', () => {
  it('continues in another Auth instance; the snapshot holds no password', async () => {
    const one = fx.auth({ plugins: [SMS] });
    const two = fx.auth({ plugins: [SMS] });
    const flow = await one.signIn({ username: 'sms', password: PASSWORD });
    const text = JSON.stringify(flow);
    expect(text).not.toContain(PASSWORD);
    const snapshot = JSON.parse(text);
    expect(snapshot).toMatchObject({ format: 'nextstep.flow/1', username: 'sms', step: { type: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' } });
    expect(typeof snapshot.session).toBe('string');
    const resumed = two.resumeFlow(text);
    expect(resumed.id).toBe(flow.id);
    expect(resumed.nextStep).toEqual(flow.nextStep);
    expect(resumed.expiresAt).toBe(flow.expiresAt);
    await resumed.confirm(fx.code('sms'));
    expect(resumed.isSignedIn).toBe(true);
    expect(two.currentFlow).toBe(resumed);
  });

  it('a wrong code, then resume elsewhere, then the right code', async () => {
    const flow = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    await rejection(flow.confirm(wrongCode(fx.code('sms'))));
    const resumed = fx.auth({ plugins: [SMS] }).resumeFlow(flow.toJSON());
    await resumed.confirm(fx.code('sms'));
    expect(resumed.isSignedIn).toBe(true);
  });

  it('continues in a child process that disallows code generation', async () => {
    const flow = await fx.auth().signIn({ username: 'sms', password: PASSWORD });
    // The child also refuses code generation (a strict CSP's equivalent): core, its hooks and
    // SRP must work without eval / new Function.
    const child = spawn(process.execPath, ['--disallow-code-generation-from-strings', '--conditions=@nextstep/source', '--import', 'tsx', fileURLToPath(new URL('./test-support/resume-child.ts', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.stdin.end(JSON.stringify({ snapshot: JSON.stringify(flow), endpoint: fx.emu.endpoint, code: fx.code('sms'), now: fx.emu.clock.now() }));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?(?=\n\S|$)/g, '').trim() === '' || code === 0).toBe(true);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ before: 'UNCLAIMED_CHALLENGE', isSignedIn: true, hasAccessToken: true, id: flow.id });
  }, 30_000);

  it('refuses snapshots of another pool, of finished flows, and garbage', async () => {
    const done = await fx.auth().signIn({ username: 'alice', password: PASSWORD });
    expect(() => fx.auth().resumeFlow(done.toJSON())).toThrow(expect.objectContaining({ name: 'FlowNotResumable' }));
    expect(() => fx.auth().resumeFlow('{not json')).toThrow(expect.objectContaining({ name: 'InvalidFlowSnapshot' }));
    expect(() => fx.auth().resumeFlow({ format: 'x' } as never)).toThrow(expect.objectContaining({ name: 'InvalidFlowSnapshot' }));
    const open = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    const other = fx.auth({ secret: true });
    expect(() => other.resumeFlow(open.toJSON())).toThrow(expect.objectContaining({ name: 'FlowSnapshotMismatch' }));
  });
});

describe('expiry', () => {
  it('remainingMs counts down with the clock; past expiresAt the flow fails before any network call', async () => {
    const auth = fx.auth({ plugins: [SMS] });
    const failed: string[] = [];
    auth.hooks.flowFailed.tap('t', (_i, e) => failed.push(e.name));
    const flow = await auth.signIn({ username: 'sms', password: PASSWORD });
    expect(flow.remainingMs()).toBeGreaterThan(179_000);
    expect(flow.remainingMs()).toBeLessThanOrEqual(180_000);
    fx.emu.clock.advance(60_000);
    expect(flow.remainingMs()).toBeLessThanOrEqual(120_000);
    const code = fx.code('sms');
    fx.emu.clock.advance(121_000);
    expect(flow.remainingMs()).toBe(0);
    const calls: string[] = [];
    auth.hooks.request.tap('t', (c) => {
      calls.push(c.operation);
      return c;
    });
    const err = await rejection(flow.confirm(code));
    expect(err).toMatchObject({ name: 'SignInSessionExpired', kind: 'session' });
    expect(err.recoverySuggestion).toMatch(/sign in again/i);
    expect(calls).toEqual([]);
    expect(failed).toEqual(['SignInSessionExpired']);
    expect(flow.status).toBe('failed');
  });

  it('Cognito’s “session is expired” (its clock ahead of ours) ends the flow with a session error', async () => {
    let ours = fx.emu.clock.now();
    const auth = fx.auth({ plugins: [SMS], clock: () => ours });
    const failed: string[] = [];
    auth.hooks.flowFailed.tap('t', (_i, e) => failed.push(e.name));
    const flow = await auth.signIn({ username: 'sms', password: PASSWORD });
    const code = fx.code('sms');
    fx.emu.clock.advance(200_000);
    ours += 1_000;
    const err = await rejection(flow.confirm(code));
    // Cognito's answer keeps Cognito's name (as in Amplify), with kind session.
    expect(err).toMatchObject({ name: 'NotAuthorizedException', kind: 'session', mustSignInAgain: true });
    expect(err.message).toMatch(/session is expired/i);
    expect(err.recoverySuggestion).toMatch(/sign in again/i);
    expect(err.metadata).toMatchObject({ serviceErrorName: 'NotAuthorizedException' });
    expect(failed).toEqual(['NotAuthorizedException']);
    expect(flow.status).toBe('failed');
  });

  it('resuming an expired snapshot fails with a session error', async () => {
    const flow = await fx.auth({ plugins: [SMS] }).signIn({ username: 'sms', password: PASSWORD });
    const snapshot = flow.toJSON();
    fx.emu.clock.advance(181_000);
    expect(() => fx.auth({ plugins: [SMS] }).resumeFlow(snapshot)).toThrow(expect.objectContaining({ name: 'SignInSessionExpired', kind: 'session' }));
  });

  it('sessionValidityMs follows the app client', async () => {
    const before = fx.emu.clock.now();
    const flow = await fx.auth({ plugins: [SMS], sessionValidityMs: 60_000 }).signIn({ username: 'sms', password: PASSWORD });
    expect(flow.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(flow.expiresAt).toBeLessThanOrEqual(fx.emu.clock.now() + 60_000);
  });
});

describe('hooks', () => {
  it('request can change the input (ClientMetadata reaches the trigger); lifecycle hooks fire in order', async () => {
    const auth = fx.auth({ plugins: [testCustomPlugin()] });
    const events: string[] = [];
    auth.hooks.request.tapPromise('meta', async (call) => {
      events.push(`request:${call.operation}`);
      return { ...call, input: { ...call.input, ClientMetadata: { echo: 'from-hook' } } };
    });
    auth.hooks.response.tap('measure', (result) => {
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      events.push(`response:${result.operation}`);
      return result;
    });
    auth.hooks.flowStarted.tap('t', (info) => events.push(`started:${info.authFlow}`));
    auth.hooks.stepEntered.tap('t', (_info, step) => events.push(`step:${step.signInStep}`));
    auth.hooks.signedIn.tap('t', () => events.push('signedIn'));
    const flow = await auth.signIn({ username: 'custom', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    const step = flow.nextStep;
    expect(step).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo: { echo: 'from-hook' } });
    await flow.confirm('forty-two');
    expect(events).toEqual([
      'started:CUSTOM_WITHOUT_SRP',
      'request:InitiateAuth',
      'response:InitiateAuth',
      'step:CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      'request:RespondToAuthChallenge',
      'response:RespondToAuthChallenge',
      'signedIn',
    ]);
  });

  it('hooks.challenge: a plugin maps a new challenge name to its own step type', async () => {
    const auth = fx.auth({
      plugins: [
        {
          name: 'test-future',
          api: 1,
          steps: [{ type: 'FUTURE_STEP', handler: () => ({
              plugin: 'test-future',
              view: (ctx) => ({ signInStep: 'UNCLAIMED_CHALLENGE', challengeName: 'FUTURE_CHALLENGE', challengeParameters: {}, stepType: `FUTURE_STEP:${String(ctx.step.data.hint)}` }),
              answer: async (answer) => ({ kind: 'respond', challengeResponses: { ANSWER: String(answer) } }),
            }) }],
          apply({ hooks }) {
            hooks.challenge.for('FUTURE_CHALLENGE').tap('test-future', (input) => ({ type: 'FUTURE_STEP', challengeName: input.challengeName, parameters: input.parameters, data: { hint: input.parameters.hint } }));
          },
        },
      ],
    });
    const flow = await auth.signIn({ username: 'future', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({ stepType: 'FUTURE_STEP:say the word' });
    await flow.confirm('open-sesame-77');
    expect(flow.isSignedIn).toBe(true);
  });
});

describe('Amplify-style API', () => {
  it('confirmSignIn answers the latest flow and returns { isSignedIn, nextStep }', async () => {
    const auth = fx.auth({ plugins: [SMS] });
    await auth.signIn({ username: 'sms', password: PASSWORD });
    const out = await auth.confirmSignIn({ challengeResponse: fx.code('sms') });
    expect(out.isSignedIn).toBe(true);
    expect(out.nextStep.signInStep).toBe('DONE');
    expect(Object.isFrozen(out)).toBe(true);
  });

  it('confirmSignIn without a flow fails locally', async () => {
    expect((await rejection(fx.auth().confirmSignIn({ challengeResponse: '123456' }))).name).toBe('NoSignInFlow');
  });

  it('local validation of signIn input sends nothing', async () => {
    const auth = fx.auth();
    const calls: string[] = [];
    auth.hooks.request.tap('t', (c) => {
      calls.push(c.operation);
      return c;
    });
    expect((await rejection(auth.signIn({ username: '', password: PASSWORD }))).name).toBe('EmptySignInUsername');
    expect((await rejection(auth.signIn({ username: 'alice', password: '' }))).name).toBe('EmptySignInPassword');
    expect((await rejection(auth.signIn({ username: 'alice', password: PASSWORD, options: { preferredChallenge: 'PASSWORD' } }))).name).toBe('InvalidPreferredChallenge');
    expect((await rejection(auth.signIn({ username: 'alice', password: PASSWORD, options: { authFlowType: 'NOPE' as never } }))).name).toBe('InvalidAuthFlowType');
    expect((await rejection(auth.confirmSignUp({ username: 'alice', confirmationCode: '12' }))).name).toBe('InvalidConfirmationCode');
    expect((await rejection(auth.signUp({ username: 'x', password: '' }))).name).toBe('EmptySignUpPassword');
    expect((await rejection(auth.signUp({ username: '', password: PASSWORD }))).name).toBe('EmptySignUpUsername');
    expect((await rejection(auth.confirmSignUp({ username: 'x', confirmationCode: '' }))).name).toBe('EmptyConfirmSignUpCode');
    expect((await rejection(auth.resetPassword({ username: '' }))).name).toBe('EmptyResetPasswordUsername');
    expect((await rejection(auth.confirmResetPassword({ username: 'x', confirmationCode: '123456', newPassword: '' }))).name).toBe(
      'EmptyConfirmResetPasswordNewPassword',
    );
    expect(calls).toEqual([]);
  });
});
