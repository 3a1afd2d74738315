// Core end to end with code generation from strings disallowed: createAuth, SRP sign-in,
// MFA steps and a third-party plugin, against @nextstep/emulator over HTTP on 127.0.0.1,
// every hook of the Auth instance observing the flow. Run by `npm run test:csp`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AuthError,
  CORE_VERSION,
  createAuth,
  runSignIn,
  surfaceUnclaimed,
  type Auth,
  type NextstepPlugin,
  type StepHandler,
} from '@nextstep/core';
import { PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import { startEmulator } from '@nextstep/emulator';
import { customChallenge } from '@nextstep/plugin-custom-challenge';
import { email } from '@nextstep/plugin-email';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';

const POOL = 'us-east-1_CspSuite';
const CLIENT = 'csp-client';
const PASSWORD = 'Csp-suite-Passw0rd';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CUSTOM_POOL = 'us-east-1_CspCustom';
const CUSTOM_CLIENT = 'csp-custom-client';

// Custom-auth triggers (plain functions, no code from strings): SRP first, then one question.
type TriggerEvent = { userName: string; request: Record<string, any>; response: Record<string, any> };
function defineAuthChallenge(event: TriggerEvent) {
  const session: { challengeName: string; challengeResult: boolean }[] = event.request.session ?? [];
  const last = session.at(-1);
  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  if (last?.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
  else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) event.response.issueTokens = true;
  else if (last?.challengeName === 'CUSTOM_CHALLENGE') event.response.failAuthentication = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}
function createAuthChallenge(event: TriggerEvent) {
  event.response.publicChallengeParameters = { question: 'Capital of France?' };
  event.response.privateChallengeParameters = { answer: 'paris' };
  return event;
}
function verifyAuthChallengeResponse(event: TriggerEvent) {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emu: Emulator;

before(async () => {
  assert.throws(() => new Function(''), EvalError, 'this suite must run with --disallow-code-generation-from-strings');
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: {
      pools: [
        {
          id: POOL,
          name: 'csp',
          mfa: 'OPTIONAL',
          enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
          allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
          clients: [{ id: CLIENT, name: 'csp', secret: 'csp-client-secret-for-tests' }],
          users: [
            { username: 'plain', password: PASSWORD },
            { username: 'totp-user', password: PASSWORD, mfa: { totp: { secret: TOTP_SECRET }, preferred: 'TOTP' } },
            {
              username: 'sms-user',
              password: PASSWORD,
              attributes: { phone_number: '+15555550123', phone_number_verified: 'true' },
              mfa: { sms: true, preferred: 'SMS' },
            },
            {
              username: 'choosy',
              password: PASSWORD,
              attributes: { phone_number: '+15555550124', phone_number_verified: 'true' },
              mfa: { sms: true, totp: { secret: TOTP_SECRET } },
            },
            { username: 'pwless', password: PASSWORD, attributes: { email: 'pwless@example.com', email_verified: 'true' } },
            {
              username: 'future-user',
              password: PASSWORD,
              unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say yes' }, answer: 'yes' },
            },
          ],
        },
        {
          id: CUSTOM_POOL,
          name: 'csp-custom',
          triggers: { defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse },
          clients: [{ id: CUSTOM_CLIENT, name: 'csp', secret: 'csp-client-secret-for-tests' }],
          users: [{ username: 'quiz', password: PASSWORD }],
        },
      ],
    },
  });
});
after(() => emu?.close());

function makeAuth(plugins: NextstepPlugin[], userPoolId = POOL, clientId = CLIENT): Auth {
  return createAuth({
    userPool: { userPoolId, clientId, clientSecret: 'csp-client-secret-for-tests', endpoint: emu.endpoint },
    plugins,
    defaultHandler: surfaceUnclaimed,
    clock: () => emu.clock.now(),
  });
}

/**
 * Taps every hook of `auth` and records what each saw (names only: no secrets in the log).
 * `steps`: step types whose claim to watch, with an interceptor on their (existing) hooks.
 */
function observe(auth: Auth, steps: string[] = []): string[] {
  const log: string[] = [];
  const { hooks } = auth;
  hooks.request.tapPromise('csp-observer', async (call) => {
    log.push(`request ${call.operation}`);
    // A waterfall tap may change the call: add ClientMetadata, as a platform team would.
    return { ...call, input: { ...call.input, ClientMetadata: { suite: 'csp' } } };
  });
  hooks.response.tap('csp-observer', (result) => {
    log.push(`response ${result.operation}${result.output.ChallengeName ? ` ${result.output.ChallengeName}` : ''}`);
    return result;
  });
  hooks.flowStarted.tap('csp-observer', (flow) => void log.push(`flowStarted ${flow.username} ${flow.authFlow}`));
  hooks.stepEntered.tap('csp-observer', (_flow, next) => void log.push(`stepEntered ${next.signInStep}`));
  hooks.signedIn.tap('csp-observer', (flow) => void log.push(`signedIn ${flow.username}`));
  hooks.flowFailed.tap('csp-observer', (_flow, error) => void log.push(`flowFailed ${error.name}`));
  for (const key of steps) {
    hooks.step.for(key).intercept({ result: (handler) => void log.push(`step ${key} claimed by ${handler?.plugin}`) });
  }
  return log;
}

function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuthError, `expected an AuthError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected a rejection');
}

describe('core under the CSP flag, against the emulator', () => {
  it('signs in with SRP; request/response/lifecycle hooks see every call', async () => {
    const auth = makeAuth([]);
    const log = observe(auth);
    const flow = await auth.signIn({ username: 'plain', password: PASSWORD });
    assert.equal(flow.isSignedIn, true);
    assert.equal(flow.nextStep.signInStep, 'DONE');
    assert.equal(jwtClaims(flow.tokens!.accessToken).username, 'plain');
    assert.deepEqual(
      log.filter((line) => !line.startsWith('step ')),
      [
        'flowStarted plain USER_SRP_AUTH',
        'request InitiateAuth',
        'response InitiateAuth PASSWORD_VERIFIER',
        'request RespondToAuthChallenge',
        'response RespondToAuthChallenge',
        'signedIn plain',
      ],
    );
  });

  it('a wrong password fails with Cognito’s exception name, and no secret in the message', async () => {
    const auth = makeAuth([]);
    const log = observe(auth);
    const error = await rejection(auth.signIn({ username: 'plain', password: 'Wrong-passw0rd!' }));
    assert.equal(error.name, 'NotAuthorizedException');
    assert.ok(!error.message.includes('Wrong-passw0rd!'));
    assert.ok(log.includes('request RespondToAuthChallenge'));
  });

  it('TOTP MFA: the totp plugin claims the step; a wrong code keeps the flow at it; the right one signs in', async () => {
    const auth = makeAuth([totp()]);
    const log = observe(auth, ['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
    const flow = await auth.signIn({ username: 'totp-user', password: PASSWORD });
    assert.equal(flow.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    assert.ok(log.includes('step CONFIRM_SIGN_IN_WITH_TOTP_CODE claimed by @nextstep/plugin-totp'), log.join('\n'));
    assert.ok(log.includes('stepEntered CONFIRM_SIGN_IN_WITH_TOTP_CODE'));

    const code = emu.totpCode(POOL, 'totp-user');
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    assert.equal((await rejection(flow.confirm('12'))).kind, 'validation');
    assert.equal((await rejection(flow.confirm(wrong))).name, 'CodeMismatchException');
    assert.equal(flow.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');

    await flow.confirm(code);
    assert.equal(flow.isSignedIn, true);
    assert.equal(log.at(-1), 'signedIn totp-user');
  });

  it('SMS MFA through the headless runner, the code read from the emulator outbox', async () => {
    const auth = makeAuth([sms()]);
    const log = observe(auth, ['CONFIRM_SIGN_IN_WITH_SMS_CODE']);
    const prompted: string[] = [];
    const flow = await runSignIn(
      auth,
      { username: 'sms-user', password: PASSWORD },
      {
        CONFIRM_SIGN_IN_WITH_SMS_CODE: async (step) => {
          prompted.push(step.signInStep);
          return emu.outbox.last({ username: 'sms-user', medium: 'SMS' })!.code;
        },
      },
    );
    assert.equal(flow.isSignedIn, true);
    assert.deepEqual(prompted, ['CONFIRM_SIGN_IN_WITH_SMS_CODE']);
    assert.ok(log.includes('step CONFIRM_SIGN_IN_WITH_SMS_CODE claimed by @nextstep/plugin-sms'), log.join('\n'));
    assert.equal(log.at(-1), 'signedIn sms-user');
  });

  it('MFA selection (core’s own step) between SMS and TOTP, then the TOTP code', async () => {
    const auth = makeAuth([sms(), totp()]);
    const log = observe(auth, ['CONTINUE_SIGN_IN_WITH_MFA_SELECTION']);
    const flow = await auth.signIn({ username: 'choosy', password: PASSWORD });
    const step = flow.nextStep;
    assert.equal(step.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
    if (step.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION') assert.deepEqual([...step.allowedMFATypes].sort(), ['SMS', 'TOTP']);
    assert.ok(log.some((line) => line.startsWith('step CONTINUE_SIGN_IN_WITH_MFA_SELECTION claimed by')), log.join('\n'));
    assert.equal((await rejection(flow.confirm('EMAIL'))).kind, 'validation');
    await flow.confirm('TOTP');
    assert.equal(flow.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    emu.clock.advance(30_000);
    await flow.confirm(emu.totpCode(POOL, 'choosy'));
    assert.equal(flow.isSignedIn, true);
  });

  it('passwordless EMAIL_OTP first factor (USER_AUTH) with the email plugin', async () => {
    const auth = makeAuth([email()]);
    const log = observe(auth, ['CONFIRM_SIGN_IN_WITH_EMAIL_CODE']);
    const flow = await auth.signIn({ username: 'pwless', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    assert.equal(flow.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.ok(log.includes('flowStarted pwless USER_AUTH'));
    assert.ok(log.includes('step CONFIRM_SIGN_IN_WITH_EMAIL_CODE claimed by @nextstep/plugin-email'), log.join('\n'));
    await flow.confirm(emu.outbox.last({ username: 'pwless', medium: 'EMAIL' })!.code);
    assert.equal(flow.isSignedIn, true);
  });

  it('custom auth with SRP first: triggers run, the custom-challenge plugin answers', async () => {
    const auth = makeAuth([customChallenge()], CUSTOM_POOL, CUSTOM_CLIENT);
    const log = observe(auth, ['CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE']);
    const flow = await auth.signIn({ username: 'quiz', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
    const step = flow.nextStep;
    assert.equal(step.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    if (step.signInStep === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') assert.equal(step.additionalInfo.question, 'Capital of France?');
    assert.ok(log.includes('step CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE claimed by @nextstep/plugin-custom-challenge'), log.join('\n'));
    await flow.confirm('paris');
    assert.equal(flow.isSignedIn, true);
    assert.equal(log.at(-1), 'signedIn quiz');
  });

  it('a third-party plugin maps a new challenge through the hooks and registers its step', async () => {
    const handler: StepHandler = {
      plugin: 'acme-future',
      auto: () => true,
      view: (ctx) => ({
        signInStep: 'UNCLAIMED_CHALLENGE',
        challengeName: ctx.step.challengeName,
        challengeParameters: ctx.step.parameters,
        stepType: ctx.step.type,
      }),
      answer: async (_answer, ctx) => ({
        kind: 'respond',
        challengeResponses: { ANSWER: ctx.step.parameters.hint === 'say yes' ? 'yes' : 'no' },
      }),
    };
    const acme: NextstepPlugin = {
      name: 'acme-future',
      api: PLUGIN_API_VERSION,
      steps: [{ type: 'ACME_FUTURE', handler }],
      apply({ hooks }) {
        hooks.challenge.for('FUTURE_CHALLENGE').tap('acme-future', (input) => ({
          type: 'ACME_FUTURE',
          challengeName: input.challengeName,
          parameters: input.parameters,
          data: {},
        }));
      },
    };
    const auth = makeAuth([acme]);
    const log = observe(auth, ['ACME_FUTURE']);
    const flow = await auth.signIn({ username: 'future-user', password: PASSWORD });
    assert.equal(flow.isSignedIn, true, JSON.stringify(flow.nextStep));
    assert.ok(log.includes('response RespondToAuthChallenge FUTURE_CHALLENGE'), log.join('\n'));
    assert.ok(log.includes('step ACME_FUTURE claimed by acme-future'), log.join('\n'));
    assert.equal(log.at(-1), 'signedIn future-user');
  });

  it('a flow saved as JSON resumes on another Auth; an expired one fails through flowFailed', async () => {
    const first = makeAuth([totp()]);
    const flow = await first.signIn({ username: 'totp-user', password: PASSWORD });
    assert.equal(flow.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const json = JSON.stringify(flow.toJSON());
    assert.ok(!json.includes(PASSWORD));

    const second = makeAuth([totp()]);
    const log = observe(second);
    const resumed = second.resumeFlow(JSON.parse(json));
    emu.clock.advance(30_000); // a fresh TOTP period: the emulator refuses a replayed code
    await resumed.confirm(emu.totpCode(POOL, 'totp-user'));
    assert.equal(resumed.isSignedIn, true);
    assert.equal(log.at(-1), 'signedIn totp-user');

    const third = makeAuth([totp()]);
    const failures = observe(third);
    const late = await third.signIn({ username: 'totp-user', password: PASSWORD });
    emu.clock.advance(4 * 60_000); // past the 3-minute Cognito session
    const error = await rejection(late.confirm(emu.totpCode(POOL, 'totp-user')));
    assert.equal(error.kind, 'session');
    assert.ok(failures.includes(`flowFailed ${error.name}`), failures.join('\n'));
  });

  it('runs many flows at once on one Auth', async () => {
    const auth = makeAuth([]);
    const log = observe(auth);
    const flows = await Promise.all(
      Array.from({ length: 8 }, () => auth.signIn({ username: 'plain', password: PASSWORD })),
    );
    assert.ok(flows.every((flow) => flow.isSignedIn));
    assert.equal(new Set(flows.map((flow) => flow.id)).size, 8);
    assert.equal(log.filter((line) => line === 'signedIn plain').length, 8);
  });
});
