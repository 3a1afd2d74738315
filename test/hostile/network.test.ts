// Core against a hostile server, through EVERY transport (fetch, core's node:http default in
// Node, the SDK's): malformed SRP challenges, wrong
// types, HTML, truncated bodies, resets, hangs, redirects, throttling with Retry-After and
// cancellation. Every case must end in a typed AuthError or a handled step, and a flow must
// stay answerable wherever Cognito itself would still accept the answer.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth, createFetchTransport, isAuthError, surfaceUnclaimed, type AuthError, type CognitoTransport, type Flow } from '@nextstep/core';
import { createSdkTransport } from '@nextstep/core/sdk-transport';
import { createNodeHttpTransport } from '../../packages/core/src/transport/node-http.js';
import { sms } from '@nextstep/plugin-sms';
import { CODE, PASSWORD, startFakeCognito, USERNAME, type Fault, type FakeCognito } from './fake-cognito.js';
import { isolateSdk } from './env.js';
import { outcomeOf, record, settle, summary } from './tally.js';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const GOOD_SRP = { SRP_B: 'ab'.repeat(384), SALT: 'beef01', SECRET_BLOCK: Buffer.from('secret block').toString('base64'), USER_ID_FOR_SRP: USERNAME };
const TIMEOUT_MS = 1200;

type Kind = 'fetch' | 'node-http' | 'sdk';
const TRANSPORTS: Record<Kind, (o: { maxAttempts?: number; timeoutMs?: number; maxRetryAfterMs?: number }) => CognitoTransport> = {
  fetch: (o) => createFetchTransport(o),
  'node-http': (o) => createNodeHttpTransport(o),
  sdk: (o) => createSdkTransport(o),
};

let fake: FakeCognito;
beforeAll(async () => {
  isolateSdk();
  fake = await startFakeCognito();
});
afterAll(async () => {
  await fake.close();
  console.info(`hostile network cases (every transport):\n${summary()}`);
});
beforeEach(() => {
  fake.faults = [];
  fake.calls = [];
  fake.redirectTarget.hits.length = 0;
});

/** Nothing secret anywhere in an error: message, stack, metadata, causes, inspect output. */
function expectNoSecrets(value: unknown): void {
  const text = `${inspect(value, { depth: 10, showHidden: true })} ${JSON.stringify(value)} ${(value as Error)?.stack ?? ''}`;
  for (const secret of [PASSWORD, CODE, ...fake.spent]) expect(text).not.toContain(secret);
  for (const call of fake.calls) {
    const session = /"Session":"([^"]+)"/.exec(call.body)?.[1];
    if (session) expect(text).not.toContain(session);
  }
}

function expectTyped(error: unknown): AuthError {
  expect(isAuthError(error), `not an AuthError: ${String(error)}`).toBe(true);
  const e = error as AuthError;
  expect(['TypeError', 'SyntaxError', 'RangeError']).not.toContain(e.name);
  expectNoSecrets(e);
  return e;
}

describe.each(['fetch', 'node-http', 'sdk'] as const)('%s transport against a hostile server', (kind) => {
  const makeAuth = (o: { maxAttempts?: number; timeoutMs?: number; maxRetryAfterMs?: number } = {}, transport?: CognitoTransport) =>
    createAuth({
      // The transport is given no endpoint: it must take the pool's (never AWS's).
      userPool: { userPoolId: 'us-east-1_Hostile', clientId: 'hostile-client', endpoint: fake.url },
      transport: transport ?? TRANSPORTS[kind]({ maxAttempts: 2, timeoutMs: TIMEOUT_MS, ...o }),
      plugins: [sms()],
      defaultHandler: surfaceUnclaimed,
    });
  const passwordSignIn = (auth = makeAuth(), extra: Record<string, unknown> = {}) =>
    auth.signIn({ username: USERNAME, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH', ...extra } });

  describe('malformed PASSWORD_VERIFIER parameters', () => {
    const cases: [string, unknown][] = [
      ['SRP_B missing', { ...GOOD_SRP, SRP_B: undefined }],
      ['SRP_B empty', { ...GOOD_SRP, SRP_B: '' }],
      ['SRP_B zero', { ...GOOD_SRP, SRP_B: '0' }],
      ['SRP_B zeros', { ...GOOD_SRP, SRP_B: '0000' }],
      ['SRP_B = N', { ...GOOD_SRP, SRP_B: N_HEX }],
      ['SRP_B = N, lower case with leading zeros', { ...GOOD_SRP, SRP_B: `00${N_HEX.toLowerCase()}` }],
      ['SRP_B = 2N', { ...GOOD_SRP, SRP_B: (BigInt(`0x${N_HEX}`) * 2n).toString(16) }],
      ['SRP_B not hex', { ...GOOD_SRP, SRP_B: 'xyz123' }],
      ['SRP_B with 0x prefix', { ...GOOD_SRP, SRP_B: `0x${GOOD_SRP.SRP_B}` }],
      ['SRP_B a number', { ...GOOD_SRP, SRP_B: 12345 }],
      ['SRP_B huge', { ...GOOD_SRP, SRP_B: 'f'.repeat(200_000) }],
      ['SALT missing', { ...GOOD_SRP, SALT: undefined }],
      ['SALT not hex', { ...GOOD_SRP, SALT: 'salt!' }],
      ['SALT huge', { ...GOOD_SRP, SALT: 'a'.repeat(1_000_000) }],
      ['SECRET_BLOCK missing', { ...GOOD_SRP, SECRET_BLOCK: undefined }],
      ['SECRET_BLOCK not base64', { ...GOOD_SRP, SECRET_BLOCK: '***' }],
      ['USER_ID_FOR_SRP a number', { ...GOOD_SRP, USER_ID_FOR_SRP: 7 }],
      ['ChallengeParameters missing', undefined],
      ['ChallengeParameters a string', 'SRP_B=1'],
      ['ChallengeParameters a list', [GOOD_SRP.SRP_B]],
    ];
    it.each(cases)('%s → typed AuthError, fast, nothing leaked', async (_label, parameters) => {
      fake.srpParameters = parameters;
      const t0 = performance.now();
      const settled = await settle(makeAuth().signIn({ username: USERNAME, password: PASSWORD }));
      const outcome = outcomeOf(settled);
      record('malformed challenge parameters', outcome);
      expect(settled.ok).toBe(false);
      const error = expectTyped(!settled.ok && settled.error);
      expect(error.name).toMatch(/^(UnexpectedCognitoResponse|SrpError)$/);
      expect(error.kind).toBe('service');
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  });

  describe('wrong types in an answer', () => {
    const cases: [string, unknown, string | undefined][] = [
      ['AvailableChallenges: 42', { ChallengeName: 'SELECT_CHALLENGE', Session: 's'.repeat(20), AvailableChallenges: 42 }, 'AvailableChallenges'],
      ['AvailableChallenges: {}', { ChallengeName: 'SELECT_CHALLENGE', Session: 's'.repeat(20), AvailableChallenges: {} }, 'AvailableChallenges'],
      ['AvailableChallenges with a number', { ChallengeName: 'SELECT_CHALLENGE', Session: 's'.repeat(20), AvailableChallenges: ['PASSWORD', 5] }, 'AvailableChallenges[1]'],
      ['ChallengeName: 42', { ChallengeName: 42, Session: 's'.repeat(20) }, 'ChallengeName'],
      ['ChallengeName: {}', { ChallengeName: {}, Session: 's'.repeat(20) }, 'ChallengeName'],
      ['ChallengeParameters: []', { ChallengeName: 'SMS_MFA', Session: 's'.repeat(20), ChallengeParameters: [] }, 'ChallengeParameters'],
      ['ChallengeParameters value a number', { ChallengeName: 'SMS_MFA', Session: 's'.repeat(20), ChallengeParameters: { CODE_DELIVERY_DESTINATION: 5 } }, 'ChallengeParameters.CODE_DELIVERY_DESTINATION'],
      ['Session: 123', { ChallengeName: 'SMS_MFA', Session: 123 }, 'Session'],
      ['AuthenticationResult: "tokens"', { AuthenticationResult: 'tokens' }, 'AuthenticationResult'],
      ['AccessToken: 7', { AuthenticationResult: { AccessToken: 7 } }, 'AuthenticationResult.AccessToken'],
      ['ExpiresIn: "3600"', { AuthenticationResult: { AccessToken: 'a'.repeat(10), ExpiresIn: '3600' } }, 'AuthenticationResult.ExpiresIn'],
      ['answer is a list', [], 'the answer'],
      ['answer is null', null, 'the answer'],
      ['answer is a string', 'ok', 'the answer'],
      ['answer is a number', 42, 'the answer'],
      ['answer is {}', {}, undefined],
      ['null fields (as some proxies send)', { ChallengeName: 'SMS_MFA', Session: 's'.repeat(20), ChallengeParameters: null, AvailableChallenges: null }, undefined],
      ['an unknown challenge', { ChallengeName: 'FUTURE_CHALLENGE', Session: 's'.repeat(20), ChallengeParameters: { hint: 'x' } }, undefined],
      ['SELECT_CHALLENGE, well formed', { ChallengeName: 'SELECT_CHALLENGE', Session: 's'.repeat(20), AvailableChallenges: ['PASSWORD', 'EMAIL_OTP'] }, undefined],
    ];
    it.each(cases)('%s → typed AuthError naming the field, or a handled step', async (_label, body, field) => {
      fake.faults.push({ op: 'InitiateAuth', kind: 'json', body });
      const settled = await settle(passwordSignIn());
      record('wrong types', outcomeOf(settled));
      if (settled.ok) {
        expect(settled.value.nextStep.signInStep).toMatch(/^(UNCLAIMED_CHALLENGE|CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION|CONFIRM_SIGN_IN_WITH_SMS_CODE)$/);
        return;
      }
      const error = expectTyped(settled.error);
      if (field === 'the answer') {
        // Not a JSON object at all: the fetch transport refuses it as not Cognito JSON; the SDK
        // reads it as an empty answer, which has neither tokens nor a challenge.
        expect(['UnexpectedResponse', 'UnexpectedCognitoResponse']).toContain(error.name);
        return;
      }
      expect(error.name).toBe('UnexpectedCognitoResponse');
      if (field) expect(error.metadata).toMatchObject({ field, operation: 'InitiateAuth' });
    });
  });

  describe('transport faults while signing in', () => {
    const cases: [string, Fault[], { ok: boolean; name?: string; calls: number }][] = [
      ['a reset, then an answer', [{ kind: 'reset' }], { ok: true, calls: 2 }],
      ['resets on every attempt', [{ kind: 'reset' }, { kind: 'reset' }], { ok: false, name: 'NetworkError', calls: 2 }],
      ['a truncated 200, then an answer', [{ kind: 'truncate' }], { ok: true, calls: 2 }],
      ['truncated 200s on every attempt', [{ kind: 'truncate' }, { kind: 'truncate' }], { ok: false, name: 'IncompleteResponse', calls: 2 }],
      ['an HTML 200 (captive portal)', [{ kind: 'html' }], { ok: false, name: 'UnexpectedResponse', calls: 1 }],
      ['HTML 502s on every attempt', [{ kind: 'html', status: 502 }, { kind: 'html', status: 502 }], { ok: false, name: 'UnexpectedResponse', calls: 2 }],
      ['a 503, then an answer', [{ kind: 'status', status: 503, type: 'InternalErrorException' }], { ok: true, calls: 2 }],
      ['a hang', [{ kind: 'hang' }], { ok: false, name: 'RequestTimedOut', calls: 1 }],
      ['a 307 to another host', [{ kind: 'redirect', status: 307 }], { ok: false, name: 'UnexpectedRedirect', calls: 1 }],
      ['a 308 to another host', [{ kind: 'redirect', status: 308 }], { ok: false, name: 'UnexpectedRedirect', calls: 1 }],
      ['a 302 to another host', [{ kind: 'redirect', status: 302 }], { ok: false, name: 'UnexpectedRedirect', calls: 1 }],
      ['Retry-After beyond the bound', [{ kind: 'throttle', retryAfter: '120' }], { ok: false, name: 'TooManyRequestsException', calls: 1 }],
      ['an empty 200', [{ kind: 'raw', text: '' }], { ok: false, name: 'UnexpectedCognitoResponse', calls: 1 }],
      ['a cut JSON 200 of the declared length', [{ kind: 'raw', text: '{"ChallengeName": "SMS_' }], { ok: false, name: 'UnexpectedResponse', calls: 1 }],
      ['an error without a name', [{ kind: 'json', status: 400, body: { message: 'no type' } }], { ok: false, name: 'UnknownError', calls: 1 }],
    ];
    it.each(cases)('%s', async (_label, faults, expected) => {
      fake.faults.push(...faults.map((f) => ({ ...f, op: 'InitiateAuth' })));
      const t0 = performance.now();
      const settled = await settle(passwordSignIn());
      record('transport faults on signIn', outcomeOf(settled));
      expect(settled.ok).toBe(expected.ok);
      if (settled.ok) expect(settled.value.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
      // The SDK calls an exception without a name `Unknown`; the fetch transport `UnknownError`.
      else expect(expectTyped(settled.error).name).toBe(expected.name === 'UnknownError' && kind === 'sdk' ? 'Unknown' : expected.name);
      expect(fake.calls.filter((c) => c.op === 'InitiateAuth')).toHaveLength(expected.calls);
      expect(fake.redirectTarget.hits).toHaveLength(0); // the password never went elsewhere
      expect(performance.now() - t0).toBeLessThan(TIMEOUT_MS + 1500);
    });

    it('honours Retry-After (1 s) before the retry', async () => {
      fake.faults.push({ op: 'InitiateAuth', kind: 'throttle', retryAfter: '1' });
      const settled = await settle(passwordSignIn(makeAuth({ timeoutMs: 5000 })));
      record('transport faults on signIn', outcomeOf(settled));
      expect(settled.ok).toBe(true);
      const [first, second] = fake.calls;
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    });

    it('a Retry-After longer than the call has left ends the call at once, with the delay in metadata', async () => {
      fake.faults.push({ op: 'InitiateAuth', kind: 'throttle', retryAfter: '3' });
      const t0 = performance.now();
      const settled = await settle(passwordSignIn(makeAuth({ timeoutMs: 1000, maxRetryAfterMs: 2000 })));
      record('transport faults on signIn', outcomeOf(settled));
      const error = expectTyped(!settled.ok && settled.error);
      expect(error).toMatchObject({ name: 'TooManyRequestsException', kind: 'service', metadata: { retryAfterMs: 3000 } });
      expect(performance.now() - t0).toBeLessThan(800);
    });

    it('the callFailed hook sees each failed call: operation, error name, duration, never secrets', async () => {
      const auth = makeAuth();
      const seen: unknown[] = [];
      auth.hooks.callFailed.tap('test', (failure) => void seen.push(failure));
      fake.faults.push({ op: 'InitiateAuth', kind: 'throttle', retryAfter: '120' });
      await settle(passwordSignIn(auth));
      expect(seen).toEqual([expect.objectContaining({ operation: 'InitiateAuth', errorName: 'TooManyRequestsException', errorKind: 'service', httpStatusCode: 400 })]);
      expect((seen[0] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
      expectNoSecrets(seen);
      const flow = await passwordSignIn(auth);
      await settle(flow.confirm('000000'));
      expect(seen.at(-1)).toMatchObject({ operation: 'RespondToAuthChallenge', errorName: 'CodeMismatchException', flow: { id: flow.id } });
      expectNoSecrets(seen);
    });
  });

  describe('faults on an answer: the flow stays answerable where Cognito would', () => {
    // Cognito did not process these requests: its session is still good.
    const notProcessed: [string, Fault[]][] = [
      ['resets on every attempt', [{ kind: 'reset' }, { kind: 'reset' }]],
      ['truncated answers on every attempt', [{ kind: 'truncate' }, { kind: 'truncate' }]],
      ['a hang', [{ kind: 'hang' }]],
      ['an HTML 200', [{ kind: 'html' }]],
      ['HTML 502s on every attempt', [{ kind: 'html', status: 502 }, { kind: 'html', status: 502 }]],
      ['503s on every attempt', [{ kind: 'status', status: 503, type: 'InternalErrorException' }, { kind: 'status', status: 503, type: 'InternalErrorException' }]],
      ['a redirect', [{ kind: 'redirect' }]],
      ['throttling beyond the bound', [{ kind: 'throttle', retryAfter: '120' }]],
      ['a wrong code (CodeMismatchException)', []],
    ];
    it.each(notProcessed)('%s → typed error, flow still at its step, the next answer signs in', async (label, faults) => {
      const flow = await passwordSignIn();
      fake.faults.push(...faults.map((f) => ({ ...f, op: 'RespondToAuthChallenge' })));
      const settled = await settle(flow.confirm(faults.length ? CODE : '135790'));
      const error = expectTyped(!settled.ok && settled.error);
      if (error.kind === 'network') expect(error.metadata).toMatchObject({ flowAnswerable: true });
      const answerable = flow.status === 'active' && flow.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE';
      record('faults on an answer', outcomeOf(settled), answerable);
      expect(answerable, label).toBe(true);
      await flow.confirm(CODE);
      expect(flow.isSignedIn).toBe(true);
    });

    // Cognito processed these: the session is spent, as it would be on AWS; the error must say
    // that the first attempt may have reached Cognito.
    const processed: [string, Fault][] = [
      ['answer cut off after Cognito processed it (transport retries)', { kind: 'truncate', after: true }],
      ['connection reset after Cognito processed it (transport retries)', { kind: 'reset', after: true }],
    ];
    it.each(processed)('%s → a spent-session error that names the lost answer', async (_label, fault) => {
      const flow = await passwordSignIn();
      fake.faults.push({ ...fault, op: 'RespondToAuthChallenge' });
      const settled = await settle(flow.confirm(CODE));
      record('lost answers', outcomeOf(settled));
      const error = expectTyped(!settled.ok && settled.error);
      expect(error).toMatchObject({ name: 'NotAuthorizedException', kind: 'session', metadata: { earlierAttemptMayHaveReachedCognito: true } });
      expect(error.message).toMatch(/earlier attempt may have reached Cognito/);
      expect(flow.status).toBe('failed');
    });

    it('a hang after Cognito processed the answer → timeout, still answerable; the retry then says the first attempt may have reached Cognito', async () => {
      const flow = await passwordSignIn();
      fake.faults.push({ op: 'RespondToAuthChallenge', kind: 'hang', after: true });
      const first = await settle(flow.confirm(CODE));
      const timeout = expectTyped(!first.ok && first.error);
      expect(timeout).toMatchObject({ name: 'RequestTimedOut', kind: 'network', metadata: { flowAnswerable: true, mayHaveReachedCognito: true } });
      record('lost answers', outcomeOf(first));
      expect(flow.status).toBe('active');
      const second = await settle(flow.confirm(CODE));
      record('lost answers', outcomeOf(second));
      const spent = expectTyped(!second.ok && second.error);
      expect(spent).toMatchObject({ name: 'NotAuthorizedException', kind: 'session' });
      expect(spent.message).toMatch(/earlier attempt may have reached Cognito/);
    });
  });

  describe('cancellation and time limits', () => {
    it('an AbortSignal cancels a hanging answer; the flow is not busy and answers again', async () => {
      const flow = await passwordSignIn();
      fake.faults.push({ op: 'RespondToAuthChallenge', kind: 'hang' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const t0 = performance.now();
      const settled = await settle(flow.confirm(CODE, { signal: controller.signal }));
      const error = expectTyped(!settled.ok && settled.error);
      expect(error).toMatchObject({ name: 'RequestAborted', kind: 'network', metadata: { flowAnswerable: true } });
      expect(performance.now() - t0).toBeLessThan(600);
      record('cancellation and time limits', outcomeOf(settled), flow.status === 'active');
      await flow.confirm(CODE);
      expect(flow.isSignedIn).toBe(true);
    });

    it('an aborted signal stops signIn before anything is sent', async () => {
      const controller = new AbortController();
      controller.abort();
      const settled = await settle(passwordSignIn(makeAuth(), { signal: controller.signal }));
      record('cancellation and time limits', outcomeOf(settled));
      expect(expectTyped(!settled.ok && settled.error)).toMatchObject({ name: 'RequestAborted', metadata: { mayHaveReachedCognito: false } });
      expect(fake.calls).toHaveLength(0);
    });

    it("signIn's own timeoutMs ends a hang early", async () => {
      fake.faults.push({ op: 'InitiateAuth', kind: 'hang' });
      const t0 = performance.now();
      const settled = await settle(passwordSignIn(makeAuth({ timeoutMs: 10_000 }), { timeoutMs: 250 }));
      record('cancellation and time limits', outcomeOf(settled));
      expect(expectTyped(!settled.ok && settled.error)).toMatchObject({ name: 'RequestTimedOut', kind: 'network', metadata: { flowAnswerable: false } });
      expect(performance.now() - t0).toBeLessThan(1500);
    });

    it('a custom transport that never settles cannot leave the flow busy: core times the call out', async () => {
      const inner = TRANSPORTS[kind]({ maxAttempts: 1 });
      let stuck = true;
      const transport: CognitoTransport = {
        send(operation, input, options) {
          if (operation === 'RespondToAuthChallenge' && stuck) {
            stuck = false;
            return new Promise(() => {}); // ignores signal and timeout
          }
          return inner.send(operation, input, options);
        },
      };
      const flow: Flow = await passwordSignIn(makeAuth({}, transport));
      const settled = await settle(flow.confirm(CODE, { timeoutMs: 200 }));
      expect(expectTyped(!settled.ok && settled.error)).toMatchObject({ name: 'RequestTimedOut', metadata: { flowAnswerable: true } });
      record('cancellation and time limits', outcomeOf(settled), flow.status === 'active');
      await flow.confirm(CODE); // not SignInFlowBusy
      expect(flow.isSignedIn).toBe(true);
    });

    it('account calls take a signal too', async () => {
      fake.faults.push({ op: 'ForgotPassword', kind: 'hang' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const settled = await settle(makeAuth().resetPassword({ username: USERNAME, options: { signal: controller.signal } }));
      record('cancellation and time limits', outcomeOf(settled));
      expect(expectTyped(!settled.ok && settled.error)).toMatchObject({ name: 'RequestAborted' });
    });
  });

  it('an emulator-pointed pool never reaches an AWS host, whatever region the transport was given', async () => {
    const urls: string[] = [];
    const recording: typeof fetch = (url, init) => {
      urls.push(String(url));
      return fetch(url, init);
    };
    const transport =
      kind === 'fetch'
        ? createFetchTransport({ region: 'eu-west-1', fetch: recording })
        : kind === 'node-http'
          ? createNodeHttpTransport({ region: 'eu-west-1' })
          : createSdkTransport({ region: 'eu-west-1' });
    const auth = makeAuth({}, transport);
    const flow = await passwordSignIn(auth);
    await flow.confirm(CODE);
    expect(flow.isSignedIn).toBe(true);
    // Both calls arrived here (the SDK transport would otherwise have gone to cognito-idp.eu-west-1).
    expect(fake.calls.map((c) => c.op)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    if (kind === 'fetch') {
      expect(urls).toHaveLength(2);
      for (const url of urls) expect(new URL(url).hostname).toBe('127.0.0.1');
    }
  });
});
