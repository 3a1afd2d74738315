/**
 * `npm start -- --demo`: every demo user signs in unattended through core's headless runner
 * (`runSignIn`), with a scripted prompter that reads codes from the emulator's outbox and
 * TOTP codes from the secret, as a person would from a phone. Prints a transcript and says
 * whether each user reached its expected end.
 */
import { runSignIn, type NextStep, type SignInStepName } from '@nextstep/core';
import { startEmulator } from '@nextstep/emulator';
import { Secret, TOTP } from 'otpauth';
import { associateWebAuthnCredential } from '@nextstep/plugin-webauthn';
import { createAppAuth } from './auth.js';
import {
  DEMO_NEW_PASSWORD, DEMO_POOLS, DEMO_RUNS, DEMO_TOTP_SECRET, FUTURE_CHALLENGE_ANSWER,
  demoEmulatorConfig, findDemoUser, type DemoRun, type DemoUser,
} from './demo-pool.js';
import { SECURITY_ANSWER, solveCaptcha } from './demo-triggers.js';
import { decodeJwtPayload } from './jwt.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** What one scripted sign-in did. */
export interface DemoRunResult {
  run: DemoRun;
  /** The steps the app saw, in order (DONE last when signed in). */
  steps: string[];
  ok: boolean;
  /** Why it failed, when it did (never carries secrets). */
  problem?: string;
  /** `cognito:username` and `sub` from the ID token, when signed in. */
  claims?: Record<string, unknown>;
}

/** What the whole demo did. */
export interface DemoResult {
  ok: boolean;
  runs: DemoRunResult[];
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** An emulator seeded with {@link demoEmulatorConfig}; the demo starts (and closes) its own when absent. */
  emulator?: Emulator;
  /** Where transcript lines go (default: stdout). */
  write?: (line: string) => void;
  /** Only these runs (default: all of {@link DEMO_RUNS}). */
  runs?: readonly DemoRun[];
}

/** The scripted choices of each demo user where a step offers a choice. */
const CHOICES: Record<string, { mfaSetup?: string; mfa?: string; firstFactor?: string; email?: string }> = {
  tess: { mfaSetup: 'TOTP' },
  emma: { mfaSetup: 'EMAIL', email: 'emma@example.com' },
  max: { mfa: 'TOTP' },
  paula: { firstFactor: 'EMAIL_OTP' },
};

/** Users whose first code the script gets wrong on purpose, to show a retry. */
const WRONG_FIRST = new Set(['sam']);

function totpAt(secret: string, atMs: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: atMs });
}

function wrongCode(code: string): string {
  return code.split('').map((d) => String((Number(d) + 5) % 10)).join('');
}

function describeStep(step: NextStep): string {
  switch (step.signInStep) {
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
      return `code sent by ${step.codeDeliveryDetails?.deliveryMedium ?? '?'} to ${step.codeDeliveryDetails?.destination ?? '?'}`;
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
    case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
      return `offered ${step.allowedMFATypes.join(', ')}`;
    case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION':
      return `offered ${step.availableChallenges.join(', ')}`;
    case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP':
      return `setup URI ${step.totpSetupDetails.getSetupUri('nextstep demo').protocol}//… (secret of ${step.totpSetupDetails.sharedSecret.length} characters)`;
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
      return `${step.additionalInfo.challengeType ?? 'challenge'}: ${step.additionalInfo.question ?? JSON.stringify(step.additionalInfo)}`;
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
      return `missing attributes: ${step.missingAttributes.join(', ') || 'none'}`;
    case 'UNCLAIMED_CHALLENGE':
      return `${step.challengeName} ${JSON.stringify(step.challengeParameters)}`;
    case 'RESET_PASSWORD':
      return `code sent to ${step.codeDeliveryDetails?.destination ?? '?'}`;
    default:
      return '';
  }
}

/** Runs one scripted sign-in against the emulator. */
export async function runOne(emu: Emulator, run: DemoRun, write: (line: string) => void): Promise<DemoRunResult> {
  const user = findDemoUser(run.username);
  if (!user) return { run, steps: [], ok: false, problem: `no demo user ${run.username}` };
  const pool = DEMO_POOLS[user.pool];
  const auth = createAppAuth({ userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: emu.endpoint, region: 'us-east-1' });
  const steps: string[] = [];
  const choice = CHOICES[user.username] ?? {};
  const say = (text: string) => write(`    ${text}`);
  const outboxCode = (medium: 'SMS' | 'EMAIL', purposes: string[]) => {
    const m = emu.outbox.messages({ userPoolId: pool.userPoolId, username: user.username, medium })
      .filter((msg) => purposes.includes(msg.purpose)).at(-1);
    if (!m) throw new Error(`no ${medium} message for ${user.username} in the outbox`);
    return m.code;
  };
  const code = (medium: 'SMS' | 'EMAIL', purposes: string[], attempt: number) => {
    const real = outboxCode(medium, purposes);
    if (attempt === 1 && WRONG_FIRST.has(user.username)) {
      say(`→ answers a wrong ${real.length}-digit code on purpose`);
      return wrongCode(real);
    }
    say(`→ answers the ${real.length}-digit code from the ${medium === 'SMS' ? 'phone' : 'mailbox'} (emulator outbox)`);
    return real;
  };

  // Every prompter records the step the first time it is asked; a retry carries lastError.
  const enter = (step: NextStep, lastError: unknown) => {
    if (lastError) {
      const e = lastError as { name?: string; message?: string };
      say(`✗ ${e.name ?? 'Error'}: ${e.message ?? ''} — asked again`);
    } else {
      steps.push(step.signInStep);
      write(`  ${step.signInStep}  ${describeStep(step)}`.trimEnd());
    }
  };

  write(`▸ ${user.username} — ${run.title} (${user.exercises})`);
  try {
    const flow = await runSignIn(auth, {
      username: user.username,
      password: user.password,
      options: run.options ?? { ...(user.authFlowType ? { authFlowType: user.authFlowType } : {}), ...(user.preferredChallenge ? { preferredChallenge: user.preferredChallenge } : {}) },
    }, {
      CONFIRM_SIGN_IN_WITH_SMS_CODE: async (step, { attempt, lastError }) => {
        enter(step, lastError);
        return code('SMS', ['MFA', 'OTP'], attempt);
      },
      CONFIRM_SIGN_IN_WITH_EMAIL_CODE: async (step, { attempt, lastError }) => {
        enter(step, lastError);
        return code('EMAIL', ['MFA', 'OTP', 'EMAIL_SETUP'], attempt);
      },
      CONFIRM_SIGN_IN_WITH_TOTP_CODE: async (step, { lastError }) => {
        enter(step, lastError);
        // A code is accepted once per 30 s window: move the emulator's clock to a fresh one.
        emu.clock.advance(30_000);
        say('→ answers the current code of the authenticator app');
        return emu.totpCode(pool.userPoolId, user.username) ?? totpAt(DEMO_TOTP_SECRET, emu.clock.now());
      },
      CONTINUE_SIGN_IN_WITH_TOTP_SETUP: async (step, { lastError }) => {
        enter(step, lastError);
        if (step.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') throw new Error('unexpected step');
        say('→ adds the secret to an authenticator app and answers its code');
        return { answer: totpAt(step.totpSetupDetails.sharedSecret, emu.clock.now()), options: { friendlyDeviceName: 'demo phone' } };
      },
      CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION: async (step, { lastError }) => {
        enter(step, lastError);
        say(`→ chooses ${choice.mfaSetup ?? 'TOTP'}`);
        return choice.mfaSetup ?? 'TOTP';
      },
      CONTINUE_SIGN_IN_WITH_MFA_SELECTION: async (step, { lastError }) => {
        enter(step, lastError);
        say(`→ chooses ${choice.mfa ?? 'TOTP'}`);
        return choice.mfa ?? 'TOTP';
      },
      CONTINUE_SIGN_IN_WITH_EMAIL_SETUP: async (step, { lastError }) => {
        enter(step, lastError);
        const address = choice.email ?? `${user.username}@example.com`;
        say(`→ gives the address ${address}`);
        return address;
      },
      CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION: async (step, { lastError }) => {
        enter(step, lastError);
        say(`→ chooses ${choice.firstFactor ?? 'EMAIL_OTP'}`);
        return choice.firstFactor ?? 'EMAIL_OTP';
      },
      CONFIRM_SIGN_IN_WITH_PASSWORD: async (step, { lastError }) => {
        enter(step, lastError);
        say('→ types the password');
        return user.password;
      },
      CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE: async (step, { lastError }) => {
        enter(step, lastError);
        if (step.signInStep !== 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') throw new Error('unexpected step');
        const info = step.additionalInfo;
        const answer = info.challengeType === 'captcha' ? solveCaptcha(info.question ?? '') ?? '' : SECURITY_ANSWER;
        say(`→ answers "${answer}"`);
        return answer;
      },
      CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: async (step, { lastError }) => {
        enter(step, lastError);
        if (step.signInStep !== 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') throw new Error('unexpected step');
        const userAttributes = Object.fromEntries(step.missingAttributes.map((a) => {
          const name = a.replace(/^userAttributes\./, '');
          return [name, name === 'name' ? 'Nina Newpass' : `demo ${name}`];
        }));
        say(`→ chooses a new password and gives ${Object.keys(userAttributes).join(', ') || 'no attributes'}`);
        return { answer: DEMO_NEW_PASSWORD, options: { userAttributes } };
      },
      RESET_PASSWORD: async (step, { lastError }) => {
        enter(step, lastError);
        if (!emu.outbox.last({ userPoolId: pool.userPoolId, username: user.username, purpose: 'FORGOT_PASSWORD' })) {
          await auth.resetPassword({ username: user.username });
        }
        const resetCode = outboxCode('EMAIL', ['FORGOT_PASSWORD']);
        say(`→ answers the ${resetCode.length}-digit reset code from the mailbox and a new password`);
        return { answer: resetCode, options: { password: DEMO_NEW_PASSWORD } };
      },
      CONFIRM_SIGN_UP: async (step, { lastError }) => {
        enter(step, lastError);
        if (!emu.outbox.last({ userPoolId: pool.userPoolId, username: user.username, purpose: 'SIGN_UP' })) {
          say('→ asks for a new confirmation code');
          await auth.resendSignUpCode({ username: user.username });
        }
        const signUpCode = outboxCode('EMAIL', ['SIGN_UP']);
        say(`→ answers the ${signUpCode.length}-digit confirmation code from the mailbox`);
        return signUpCode;
      },
      UNCLAIMED_CHALLENGE: async (step, { lastError }) => {
        enter(step, lastError);
        say(`→ answers it raw: ANSWER="${FUTURE_CHALLENGE_ANSWER}"`);
        return FUTURE_CHALLENGE_ANSWER;
      },
    }, { maxAttempts: 3 });
    if (flow.isSignedIn) steps.push('DONE');
    const idToken = flow.tokens?.idToken;
    const payload = idToken ? decodeJwtPayload(idToken) : {};
    const claims = { 'cognito:username': payload['cognito:username'], sub: payload.sub };
    write(`  DONE  signed in as ${String(payload['cognito:username'] ?? user.username)} (sub ${String(payload.sub ?? '?')})`);
    if (run.after === 'registerPasskey') {
      await associateWebAuthnCredential(auth);
      say('→ registered a passkey (SOFTWARE authenticator: keys in memory, demo only)');
    }
    return finish(run, steps, write, claims);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    write(`  ✗ ${e.name ?? 'Error'}: ${e.message ?? String(error)}`);
    return finish(run, steps, write, undefined, `${e.name ?? 'Error'}: ${e.message ?? ''}`);
  }
}

function finish(run: DemoRun, steps: string[], write: (l: string) => void, claims?: Record<string, unknown>, problem?: string): DemoRunResult {
  const expected = run.expectedSteps.join(' → ');
  const got = steps.join(' → ');
  const ok = problem === undefined && expected === got;
  if (problem === undefined && !ok) problem = `expected ${expected}, got ${got || 'no step'}`;
  write(ok ? `  ✓ reached ${run.expectedSteps.at(-1)} as expected` : `  ✗ ${problem}`);
  write('');
  return { run, steps, ok, ...(problem !== undefined ? { problem } : {}), ...(claims ? { claims } : {}) };
}

/** Runs the whole unattended demo. Resolves; never exits the process. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const own = options.emulator === undefined;
  const emu = options.emulator ?? (await startEmulator({ port: 0, host: '127.0.0.1', config: demoEmulatorConfig() }));
  try {
    write(`nextstep demo: every demo user signs in unattended against the emulator at ${emu.endpoint}`);
    write('');
    const runs: DemoRunResult[] = [];
    for (const run of options.runs ?? DEMO_RUNS) runs.push(await runOne(emu, run, write));
    const failed = runs.filter((r) => !r.ok);
    write(failed.length === 0
      ? `All ${runs.length} sign-ins reached their expected end.`
      : `${failed.length} of ${runs.length} sign-ins did not reach their expected end: ${failed.map((r) => `${r.run.username} (${r.run.title})`).join(', ')}.`);
    return { ok: failed.length === 0, runs };
  } finally {
    if (own) await emu.close();
  }
}

export type { DemoUser, SignInStepName };
