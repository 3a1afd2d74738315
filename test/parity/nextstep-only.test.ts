/**
 * What Amplify cannot do, shown with nextstep against the same emulator: concurrent flows in
 * one process, an app client with a secret, a challenge no client knows, and a flow resumed in
 * another process. Where Amplify's own behaviour is observable (client secret, unknown
 * challenge) it is asserted too, so docs/migrating-from-amplify.md stays true.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Amplify } from 'aws-amplify';
import { confirmSignIn as amplifyConfirmSignIn, signIn as amplifySignIn, signOut as amplifySignOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { createAuth, failUnclaimed, isAuthError, surfaceUnclaimed, type AuthError } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { startEmulator } from '@nextstep/emulator';
import { nextstepAuth } from './nextstep.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Config = NonNullable<NonNullable<Parameters<typeof startEmulator>[0]>['config']>;

const POOL = 'us-east-1_ParityOnly';
const CLIENT = 'parityonlyclient000000000a';
const SECRET_CLIENT = 'parityonlysecretclient000a';
const CLIENT_SECRET = 'parity-only-client-secret-0123456789abcdef';
const PASSWORD = 'Parity-Passw0rd!';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let emu: Emulator;
const target = () => ({ userPoolId: POOL, clientId: CLIENT, endpoint: emu.endpoint });

const user = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  password: PASSWORD,
  status: 'CONFIRMED',
  attributes: { email: `${username}@example.com`, phone_number: '+15555550199' },
  ...extra,
});

beforeAll(async () => {
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  const config = {
    pools: [
      {
        id: POOL,
        name: 'parity-only',
        mfa: 'OPTIONAL',
        clients: [
          { id: CLIENT, name: 'public' },
          { id: SECRET_CLIENT, name: 'confidential', secret: CLIENT_SECRET },
        ],
        users: [
          ...Array.from({ length: 8 }, (_, i) => user(`many-${i}`, { mfa: i % 2 ? { sms: true, preferred: 'SMS' } : { totp: { secret: TOTP_SECRET }, preferred: 'TOTP' } })),
          user('secret-user'),
          user('future-user', { unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say yes' }, answer: 'yes' } }),
          user('future-strict', { unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say yes' }, answer: 'yes' } }),
          user('future-amplify', { unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { hint: 'say yes' }, answer: 'yes' } }),
          user('resume-user', { mfa: { sms: true, preferred: 'SMS' } }),
          user('amplify-first', { mfa: { sms: true, preferred: 'SMS' } }),
          user('amplify-second', { mfa: { sms: true, preferred: 'SMS' } }),
          user('one-flow-unconfirmed', { status: 'UNCONFIRMED' }),
          user('one-flow-reset', { status: 'RESET_REQUIRED' }),
          user('resume-local', { mfa: { totp: { secret: TOTP_SECRET }, preferred: 'TOTP' } }),
        ],
      },
    ],
  };
  emu = await startEmulator({ port: 0, host: '127.0.0.1', config: config as unknown as Config });
});

afterAll(async () => {
  await emu?.close();
});

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (isAuthError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

function smsCode(username: string): string {
  const msg = emu.outbox.last({ username, userPoolId: POOL, medium: 'SMS' } as Parameters<Emulator['outbox']['last']>[0]);
  if (!msg) throw new Error(`no SMS for ${username}`);
  return msg.code;
}

describe('nextstep only: concurrent flows', () => {
  it('eight sign-ins run at once in one Auth, interleaved, each reaching DONE with its own tokens', async () => {
    const auth = nextstepAuth(target());
    const names = Array.from({ length: 8 }, (_, i) => `many-${i}`);
    const flows = await Promise.all(names.map((username) => auth.signIn({ username, password: PASSWORD })));
    expect(flows.map((f) => f.nextStep.signInStep)).toEqual(
      names.map((_, i) => (i % 2 ? 'CONFIRM_SIGN_IN_WITH_SMS_CODE' : 'CONFIRM_SIGN_IN_WITH_TOTP_CODE')),
    );
    // Answer in reverse order of start: no flow depends on being the latest one.
    await Promise.all(
      [...flows].reverse().map((flow) =>
        flow.confirm(flow.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE' ? smsCode(flow.username) : emu.totpCode(POOL, flow.username)),
      ),
    );
    expect(flows.every((f) => f.isSignedIn)).toBe(true);
    const subs = flows.map((f) => JSON.parse(Buffer.from(f.tokens!.idToken!.split('.')[1]!, 'base64url').toString()).sub);
    expect(new Set(subs).size).toBe(8);
    expect(flows.map((f) => JSON.parse(Buffer.from(f.tokens!.idToken!.split('.')[1]!, 'base64url').toString())['cognito:username'])).toEqual(names);
  });
});

describe('Amplify: one sign-in at a time (what the doc says it does)', () => {
  it('a second signIn replaces the first; signIn while signed in throws UserAlreadyAuthenticatedException', async () => {
    Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENT, userPoolEndpoint: emu.endpoint } } });
    await amplifySignOut().catch(() => undefined);
    await amplifySignIn({ username: 'amplify-first', password: PASSWORD });
    await amplifySignIn({ username: 'amplify-second', password: PASSWORD });
    // The first user's code now answers the second user's sign-in: Cognito refuses it.
    const firstCode = smsCode('amplify-first');
    const secondCode = smsCode('amplify-second');
    if (firstCode !== secondCode) {
      await expect(amplifyConfirmSignIn({ challengeResponse: firstCode })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    }
    const done = await amplifyConfirmSignIn({ challengeResponse: secondCode });
    expect(done.isSignedIn).toBe(true);
    await expect(amplifySignIn({ username: 'amplify-first', password: PASSWORD })).rejects.toMatchObject({
      name: 'UserAlreadyAuthenticatedException',
    });
    await amplifySignOut().catch(() => undefined);
  });
});

describe('nextstep only: app client with a secret', () => {
  it('nextstep adds SECRET_HASH and signs in with SRP', async () => {
    const auth = nextstepAuth({ userPoolId: POOL, clientId: SECRET_CLIENT, endpoint: emu.endpoint }, { clientSecret: CLIENT_SECRET });
    const flow = await auth.signIn({ username: 'secret-user', password: PASSWORD });
    expect(flow.isSignedIn).toBe(true);
  });

  it('a wrong secret is NotAuthorizedException, and the secret is not in the message', async () => {
    const auth = nextstepAuth({ userPoolId: POOL, clientId: SECRET_CLIENT, endpoint: emu.endpoint }, { clientSecret: 'wrong-secret-value' });
    const error = await rejection(auth.signIn({ username: 'secret-user', password: PASSWORD }));
    expect(error.name).toBe('NotAuthorizedException');
    expect(`${error.message} ${JSON.stringify(error.metadata ?? {})}`).not.toContain('wrong-secret-value');
  });

  it('Amplify has no client-secret option: the same client refuses it', async () => {
    Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: SECRET_CLIENT, userPoolEndpoint: emu.endpoint } } });
    await amplifySignOut().catch(() => undefined);
    const error = await amplifySignIn({ username: 'secret-user', password: PASSWORD }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).toBe('NotAuthorizedException');
  });
});

describe('nextstep only: a challenge no plugin knows', () => {
  it('surfaceUnclaimed shows it as UNCLAIMED_CHALLENGE; a raw answer continues to DONE', async () => {
    const auth = nextstepAuth(target());
    const flow = await auth.signIn({ username: 'future-user', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'FUTURE_CHALLENGE',
      challengeParameters: { hint: 'say yes' },
    });
    await flow.confirm('yes');
    expect(flow.isSignedIn).toBe(true);
  });

  it('failUnclaimed refuses it with an AuthError naming the challenge', async () => {
    const auth = createAuth({
      userPool: { userPoolId: POOL, clientId: CLIENT, endpoint: emu.endpoint, region: 'us-east-1' },
      plugins: [sms(), totp()],
      defaultHandler: failUnclaimed,
    });
    const error = await rejection(auth.signIn({ username: 'future-strict', password: PASSWORD }));
    expect(error.kind).toBe('unclaimed');
    expect(error.message).toContain('FUTURE_CHALLENGE');
  });

  it('Amplify throws on the same answer', async () => {
    Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENT, userPoolEndpoint: emu.endpoint } } });
    await amplifySignOut().catch(() => undefined);
    const error = await amplifySignIn({ username: 'future-amplify', password: PASSWORD }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).toBe('SignInException');
    expect(error?.message).toContain('FUTURE_CHALLENGE');
  });
});

describe('nextstep only: one flow from CONFIRM_SIGN_UP or RESET_PASSWORD to DONE', () => {
  const emailCode = (username: string, purpose: string) => {
    const msg = emu.outbox.last({ username, userPoolId: POOL, purpose } as Parameters<Emulator['outbox']['last']>[0]);
    if (!msg) throw new Error(`no ${purpose} message for ${username}`);
    return msg.code;
  };

  it('CONFIRM_SIGN_UP: flow.confirm(code) confirms and signs in with the password the flow holds', async () => {
    const auth = nextstepAuth(target());
    const flow = await auth.signIn({ username: 'one-flow-unconfirmed', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_UP' });
    await auth.resendSignUpCode({ username: 'one-flow-unconfirmed' });
    await flow.confirm(emailCode('one-flow-unconfirmed', 'SIGN_UP'));
    expect(flow.isSignedIn).toBe(true);
    expect(flow.tokens?.accessToken).toBeTruthy();
  });

  it('RESET_PASSWORD: after auth.resetPassword, flow.confirm(code, { password }) resets and signs in', async () => {
    const auth = nextstepAuth(target());
    const flow = await auth.signIn({ username: 'one-flow-reset', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep.signInStep).toBe('RESET_PASSWORD');
    await auth.resetPassword({ username: 'one-flow-reset' });
    await flow.confirm(emailCode('one-flow-reset', 'FORGOT_PASSWORD'), { password: 'Parity-N3w-Passw0rd!' });
    expect(flow.isSignedIn).toBe(true);
  });
});

function runChild(input: unknown): Promise<Record<string, unknown>> {
  const script = fileURLToPath(new URL('./resume-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@nextstep/source', '--import', 'tsx', script], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`resume child exited with ${code}: ${err.slice(-2000)}`));
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      try {
        resolve(JSON.parse(line!.slice('RESULT '.length)));
      } catch {
        reject(new Error(`resume child printed no JSON: ${out.slice(0, 500)} ${err.slice(-1000)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

describe('nextstep only: resume a flow elsewhere', () => {
  it('a snapshot (JSON, no password) is resumed and answered in another Node process', async () => {
    const auth = nextstepAuth(target());
    const flow = await auth.signIn({ username: 'resume-user', password: PASSWORD });
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const snapshot = JSON.parse(JSON.stringify(flow.toJSON()));
    expect(JSON.stringify(snapshot)).not.toContain(PASSWORD);
    expect(flow.remainingMs()).toBeGreaterThan(0);
    const result = await runChild({ target: target(), snapshot, answer: smsCode('resume-user') });
    expect(result).toEqual({ before: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', isSignedIn: true, step: 'DONE', hasAccessToken: true });
  }, 60_000);

  it('a snapshot resumes in another Auth instance of this process; after the session expires it must start again', async () => {
    const flow = await nextstepAuth(target()).signIn({ username: 'resume-local', password: PASSWORD });
    const snapshot = JSON.parse(JSON.stringify(flow.toJSON()));
    const resumed = await nextstepAuth(target()).resumeFlow(snapshot);
    expect(resumed.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    emu.clock.advance(4 * 60_000);
    const error = await rejection(resumed.confirm(emu.totpCode(POOL, 'resume-local')));
    expect(error.mustSignInAgain).toBe(true);
  });
});
