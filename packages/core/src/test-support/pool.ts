// Core's own e2e fixture: one emulator with the pools and users every core suite needs,
// and minimal test-only step plugins so core's suites do not depend on packages/plugin-*.
import { startEmulator, type Emulator, type PoolConfig, type UserConfig } from '@nextstep/emulator';
import { createAuth, surfaceUnclaimed, type Auth } from '../index.js';
import type { AuthOptions, Logger, NextstepPlugin, StepHandler } from '../types.js';
import { assertCode } from '../validate.js';

export const PASSWORD = 'Tr0ub4dor&3-core';
export const NEW_PASSWORD = 'N3w-Passw0rd!-core';
export const POOL = 'us-east-1_CoreTest';
export const CLIENT = 'core-client';
export const SECRET_CLIENT = 'core-secret-client';
export const CLIENT_SECRET = 'core-client-secret-value-9f8e7d';
export const CUSTOM_ANSWER = 'forty-two';
export const UNKNOWN_ANSWER = 'open-sesame-77';
export const PHONE = '+15555550123';

/** Users every suite can use; `many` adds `bulk-<i>` users with SMS MFA for concurrency. */
function users(many: number): UserConfig[] {
  const base: UserConfig[] = [
    { username: 'alice', password: PASSWORD, attributes: { email: 'alice@example.com' } },
    { username: 'custom', password: PASSWORD },
    { username: 'sms', password: PASSWORD, attributes: { phone_number: PHONE, phone_number_verified: 'true' }, mfa: { sms: true } },
    { username: 'totp', password: PASSWORD, mfa: { totp: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } } },
    { username: 'email', password: PASSWORD, attributes: { email: 'em@example.com', email_verified: 'true' }, mfa: { email: true } },
    {
      username: 'chooser',
      password: PASSWORD,
      attributes: { phone_number: PHONE, phone_number_verified: 'true', email: 'ch@example.com', email_verified: 'true' },
      mfa: { sms: true, email: true, totp: { secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' } },
    },
    {
      username: 'passwordless',
      password: PASSWORD,
      attributes: { phone_number: PHONE, phone_number_verified: 'true', email: 'pl@example.com', email_verified: 'true' },
    },
    { username: 'future', password: PASSWORD, unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say the word' }, answer: UNKNOWN_ANSWER } },
  ];
  for (let i = 0; i < many; i++) {
    base.push({ username: `bulk-${i}`, password: `${PASSWORD}-${i}`, attributes: { phone_number: PHONE, phone_number_verified: 'true' }, mfa: { sms: true } });
  }
  return base;
}

/** A custom-auth trigger set: SRP first when asked, then one question; three wrong answers fail. */
const triggers = {
  defineAuthChallenge(event: any) {
    const session: { challengeName: string; challengeResult: boolean }[] = event.request.session;
    const last = session[session.length - 1];
    if (last?.challengeName === 'SRP_A') {
      event.response.challengeName = 'PASSWORD_VERIFIER';
    } else if (last?.challengeName === 'PASSWORD_VERIFIER' && !last.challengeResult) {
      event.response.failAuthentication = true;
    } else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
      event.response.issueTokens = true;
    } else if (session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length >= 3) {
      event.response.failAuthentication = true;
    } else {
      event.response.challengeName = 'CUSTOM_CHALLENGE';
    }
    event.response.issueTokens ??= false;
    event.response.failAuthentication ??= false;
    return event;
  },
  createAuthChallenge(event: any) {
    const echo = event.request.clientMetadata?.echo;
    event.response.publicChallengeParameters = { question: 'What is the answer?', ...(echo ? { echo } : {}) };
    event.response.privateChallengeParameters = { answer: CUSTOM_ANSWER };
    return event;
  },
  verifyAuthChallengeResponse(event: any) {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  },
};

export interface CoreFixture {
  emu: Emulator;
  /** An Auth on a pool's client (the main pool by default) whose clock is the emulator's. */
  auth(options?: Partial<AuthOptions> & { secret?: boolean; pool?: string }): Auth;
  /**
   * A new pool (the main pool's settings, or `pool` overrides) holding one user; for tests
   * that change a user's state. Returns the pool id and the username.
   */
  freshUser(
    user: Omit<UserConfig, 'username'>,
    pool?: Partial<PoolConfig>,
    options?: { secret?: boolean },
  ): Promise<{ pool: string; username: string }>;
  /** The latest code sent to a user. */
  code(username: string, medium?: 'SMS' | 'EMAIL', pool?: string): string;
  close(): Promise<void>;
}

function mainPool(many: number): PoolConfig {
  return {
    id: POOL,
    mfa: 'OPTIONAL',
    enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
    allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    triggers,
    clients: [
      { id: CLIENT, secret: false, authSessionValidity: 3 },
      { id: SECRET_CLIENT, secret: CLIENT_SECRET, authSessionValidity: 3 },
    ],
    users: users(many),
  };
}

/** Starts the emulator with core's main pool. `many` bulk SMS users for concurrency tests. */
export async function startCoreFixture(many = 0): Promise<CoreFixture> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', config: { pools: [mainPool(many)] } });
  let created = 0;
  // Client ids are global in Cognito: each fresh pool gets its own.
  const clientOf = new Map<string, { clientId: string; clientSecret?: string }>();
  return {
    emu,
    auth(options = {}) {
      const { secret, pool, ...rest } = options;
      return createAuth({
        userPool: {
          userPoolId: pool ?? POOL,
          ...(pool && clientOf.has(pool)
            ? clientOf.get(pool)!
            : { clientId: secret ? SECRET_CLIENT : CLIENT, ...(secret ? { clientSecret: CLIENT_SECRET } : {}) }),
          endpoint: emu.endpoint,
        },
        defaultHandler: surfaceUnclaimed,
        clock: () => emu.clock.now(),
        ...rest,
      } as AuthOptions);
    },
    async freshUser(user, pool = {}, options = {}) {
      created += 1;
      const username = `fresh-${created}`;
      const id = `us-east-1_Fresh${created}x${process.pid}`;
      const clientId = `fresh-client-${created}-${process.pid}`;
      clientOf.set(id, { clientId, ...(options.secret ? { clientSecret: CLIENT_SECRET } : {}) });
      await emu.createPool({
        ...mainPool(0),
        id,
        ...pool,
        clients: [{ id: clientId, secret: options.secret ? CLIENT_SECRET : false }],
        users: [{ username, ...user }],
      });
      return { pool: id, username };
    },
    code(username, medium = 'SMS', pool = POOL) {
      const message = emu.outbox.last({ username, userPoolId: pool, medium });
      if (!message) throw new Error(`no ${medium} message for ${username}`);
      return message.code;
    },
    close: () => emu.close(),
  };
}

/** A logger that keeps every line, to search it for secrets. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${data ? JSON.stringify(data) : ''}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** The Cognito response key of each code challenge, for the test-only code plugins. */
const CODE_KEYS: Record<string, string> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
};

/** A minimal code-step plugin (test only): claims one step and answers it with the code. */
export function testCodePlugin(step: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' | 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' | 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'): NextstepPlugin {
  const name = `test-${step.toLowerCase()}`;
  return {
    name,
    core: '^0.1.0',
    claims: [step],
    apply({ hooks }) {
      hooks.step.for(step).tap(name, (): StepHandler => ({
        plugin: name,
        view: (ctx) =>
          step === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
            ? { signInStep: step }
            : {
                signInStep: step,
                codeDeliveryDetails: {
                  deliveryMedium: ctx.step.parameters.CODE_DELIVERY_DELIVERY_MEDIUM ?? '',
                  destination: ctx.step.parameters.CODE_DELIVERY_DESTINATION ?? '',
                },
              },
        validate: (answer) => void assertCode(answer),
        answer: async (answer, ctx) => ({
          kind: 'respond',
          challengeResponses: { [CODE_KEYS[ctx.step.challengeName] ?? 'ANSWER']: answer as string },
        }),
      }));
    },
  };
}

/** A minimal TOTP-setup plugin (test only): AssociateSoftwareToken on entry, VerifySoftwareToken on answer. */
export function testTotpSetupPlugin(): NextstepPlugin {
  const name = 'test-totp-setup';
  const step = 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP';
  return {
    name,
    core: '*',
    claims: [step],
    apply({ hooks }) {
      hooks.step.for(step).tap(name, (): StepHandler => ({
        plugin: name,
        async enter(ctx) {
          const out = await ctx.cognito.send('AssociateSoftwareToken', { Session: ctx.session });
          ctx.state.sharedSecret = out.SecretCode;
          ctx.setSession(out.Session!); // p15: typed output
        },
        view: (ctx) => ({
          signInStep: step,
          totpSetupDetails: {
            sharedSecret: ctx.state.sharedSecret as string,
            getSetupUri: (app: string, account?: string) =>
              new URL(`otpauth://totp/${app}:${account ?? ctx.username}?secret=${ctx.state.sharedSecret as string}&issuer=${app}`),
          },
        }),
        validate: (answer) => void assertCode(answer, 'code', 6, 6),
        async answer(answer, ctx) {
          const out = await ctx.cognito.send('VerifySoftwareToken', {
            Session: ctx.session,
            UserCode: answer as string,
            FriendlyDeviceName: ctx.options.friendlyDeviceName ?? 'test',
          });
          ctx.setSession(out.Session!); // p15: typed output
          return { kind: 'respond', challengeName: 'MFA_SETUP', challengeResponses: {} };
        },
      }));
    },
  };
}

/** A minimal custom-challenge plugin (test only): additionalInfo = the public parameters, answer = ANSWER. */
export function testCustomPlugin(): NextstepPlugin {
  const name = 'test-custom';
  const step = 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';
  return {
    name,
    core: '*',
    claims: [step],
    apply({ hooks }) {
      hooks.step.for(step).tap(name, (): StepHandler => ({
        plugin: name,
        view: (ctx) => ({ signInStep: step, additionalInfo: { ...ctx.step.parameters } }),
        answer: async (answer) => ({ kind: 'respond', challengeResponses: { ANSWER: answer as string } }),
      }));
    },
  };
}

/** A minimal email-setup plugin (test only): the answer is the address, sent as EMAIL to MFA_SETUP. */
export function testEmailSetupPlugin(): NextstepPlugin {
  const name = 'test-email-setup';
  const step = 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP';
  return {
    name,
    core: '*',
    claims: [step],
    apply({ hooks }) {
      hooks.step.for(step).tap(name, (): StepHandler => ({
        plugin: name,
        view: () => ({ signInStep: step }),
        answer: async (answer) => ({ kind: 'respond', challengeName: 'MFA_SETUP', challengeResponses: { EMAIL: answer as string } }),
      }));
    },
  };
}

/** Every test-only step plugin. */
export function allTestPlugins(): NextstepPlugin[] {
  return [
    testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE'),
    testCodePlugin('CONFIRM_SIGN_IN_WITH_TOTP_CODE'),
    testCodePlugin('CONFIRM_SIGN_IN_WITH_EMAIL_CODE'),
    testTotpSetupPlugin(),
    testEmailSetupPlugin(),
    testCustomPlugin(),
  ];
}

/** A code of the same length that is surely wrong. */
export function wrongCode(code: string): string {
  return code.replace(/^./, (d) => String((Number(d) + 1) % 10));
}
