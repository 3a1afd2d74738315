// Property tests (fast-check), bounded to a few seconds: whatever signIn options, answers,
// saved flows or server answers look like, core ends in a flow/step or a typed AuthError,
// never a TypeError; a rejected answer leaves the flow answerable.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, createFetchTransport, isAuthError, surfaceUnclaimed, type Auth, type CognitoTransport, type FlowSnapshot } from '@nextstep/core';
import { createSdkTransport } from '@nextstep/core/sdk-transport';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { CODE, PASSWORD, startFakeCognito, USERNAME, type FakeCognito } from './fake-cognito.js';
import { isolateSdk } from './env.js';
import { outcomeOf, record, settle, summary } from './tally.js';

const RUNS = 120;
let fake: FakeCognito;
beforeAll(async () => {
  isolateSdk();
  fake = await startFakeCognito();
  fake.srpParameters = { SRP_B: 'ab'.repeat(384), SALT: 'beef01', SECRET_BLOCK: Buffer.from('block').toString('base64'), USER_ID_FOR_SRP: USERNAME };
});
afterAll(async () => {
  await fake.close();
  console.info(`property runs:\n${summary()}`);
});

const makeAuth = (transport: CognitoTransport = createFetchTransport({ maxAttempts: 1, timeoutMs: 2000 })): Auth =>
  createAuth({
    userPool: { userPoolId: 'us-east-1_Hostile', clientId: 'hostile-client', endpoint: fake.url },
    transport,
    plugins: [sms(), totp()],
    defaultHandler: surfaceUnclaimed,
  });

/** A settled call is fine when it resolved, or rejected with a typed AuthError. */
function typed(settled: { ok: boolean; error?: unknown }): boolean {
  if (settled.ok) return true;
  return isAuthError(settled.error) && !['TypeError', 'SyntaxError', 'RangeError', 'ReferenceError'].includes((settled.error as Error).name);
}

const FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH'];
const FACTORS = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.anything());

describe('property: signIn options', () => {
  it('any input → a flow or a typed AuthError', async () => {
    const auth = makeAuth();
    const input = fc.record(
      {
        username: fc.oneof(fc.constant(USERNAME), fc.string(), fc.anything()),
        password: fc.oneof(fc.constant(PASSWORD), fc.string(), fc.anything()),
        options: fc.oneof(
          fc.anything(),
          fc.record(
            {
              authFlowType: maybe(fc.constantFrom(...FLOWS)),
              preferredChallenge: maybe(fc.constantFrom(...FACTORS)),
              clientMetadata: maybe(fc.dictionary(fc.string(), fc.string())),
              signal: fc.oneof(fc.constant(new AbortController().signal), fc.anything()),
              timeoutMs: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.anything()),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: ['username'] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const settled = await settle(auth.signIn(value as never));
        record('signIn options', outcomeOf(settled));
        return typed(settled);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: answers', () => {
  it('any answer and options → a typed AuthError, and the flow still answers', async () => {
    const auth = makeAuth();
    const flow = await auth.signIn({ username: USERNAME, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const answer = fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^\d{4,9}$/), fc.record({ challengeResponses: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.anything())) }));
    const options = fc.oneof(
      fc.constant(undefined),
      fc.anything(),
      fc.record({ userAttributes: fc.anything(), clientMetadata: fc.anything(), friendlyDeviceName: fc.anything(), password: fc.anything(), signal: fc.anything(), timeoutMs: fc.anything() }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(answer.filter((a) => a !== CODE), options, async (a, o) => {
        const settled = await settle(flow.confirm(a as never, o as never));
        const answerable = flow.status === 'active';
        record('answers', outcomeOf(settled), answerable);
        return typed(settled) && !settled.ok && answerable;
      }),
      { numRuns: RUNS },
    );
    await flow.confirm(CODE);
    expect(flow.isSignedIn).toBe(true);
  });
});

describe('property: saved flows', () => {
  const base: FlowSnapshot = {
    format: 'nextstep.flow/1',
    id: 'f-1',
    username: USERNAME,
    answerUsername: USERNAME,
    authFlow: 'USER_PASSWORD_AUTH',
    userPoolId: 'us-east-1_Hostile',
    clientId: 'hostile-client',
    session: 'session-'.repeat(4),
    expiresAt: Date.now() + 600_000,
    status: 'active',
    step: { type: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', challengeName: 'SELECT_MFA_TYPE', parameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }, data: { allowedMFATypes: ['SMS', 'TOTP'] } },
    state: {},
  };
  const PATHS = [
    [], ['format'], ['id'], ['username'], ['answerUsername'], ['authFlow'], ['session'], ['expiresAt'], ['status'], ['state'], ['clientMetadata'], ['preferredChallenge'],
    ['step'], ['step', 'type'], ['step', 'challengeName'], ['step', 'parameters'], ['step', 'parameters', 'MFAS_CAN_CHOOSE'], ['step', 'data'], ['step', 'data', 'allowedMFATypes'], ['step', 'data', 'allowedMFATypes', '0'], ['step', 'availableChallenges'],
  ];
  function set(target: any, path: string[], value: unknown, remove: boolean): unknown {
    if (path.length === 0) return value;
    let node = target;
    for (const key of path.slice(0, -1)) {
      if (node === null || typeof node !== 'object') return target;
      node = node[key];
    }
    if (node === null || typeof node !== 'object') return target;
    if (remove) delete node[path.at(-1)!];
    else node[path.at(-1)!] = value;
    return target;
  }
  it('any mutation → a typed AuthError, or a flow whose nextStep and confirm stay typed', async () => {
    const auth = makeAuth();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.anything(), fc.boolean(), fc.boolean(), async (path, value, remove, asText) => {
        const snapshot = set(structuredClone(base), path, value, remove);
        let text: string | undefined;
        try {
          text = asText ? JSON.stringify(snapshot) : undefined;
        } catch {
          text = undefined;
        }
        const resumed = await settle(Promise.resolve().then(() => auth.resumeFlow((text ?? snapshot) as never)));
        record('snapshots', outcomeOf(resumed));
        if (!resumed.ok) return typed(resumed);
        const flow = resumed.value;
        const view = await settle(Promise.resolve().then(() => flow.nextStep));
        const answered = await settle(flow.confirm('VOICE'));
        return typed(view) && typed(answered);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe.each(['fetch', 'sdk'] as const)('property: server answers (%s transport)', (kind) => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const shaped = fc.record(
    {
      ChallengeName: fc.oneof(fc.constantFrom('SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'SELECT_CHALLENGE', 'NEW_PASSWORD_REQUIRED', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE', 'EMAIL_OTP'), json),
      Session: fc.oneof(fc.string({ minLength: 20 }), json),
      ChallengeParameters: fc.oneof(fc.dictionary(fc.constantFrom('MFAS_CAN_CHOOSE', 'MFAS_CAN_SETUP', 'SRP_B', 'SALT', 'SECRET_BLOCK', 'USER_ID_FOR_SRP', 'requiredAttributes', 'AVAILABLE_CHALLENGES'), fc.oneof(fc.string(), json)), json),
      AvailableChallenges: fc.oneof(fc.array(fc.constantFrom(...FACTORS)), json),
      AuthenticationResult: fc.oneof(fc.record({ AccessToken: fc.oneof(fc.string(), json), ExpiresIn: fc.oneof(fc.integer(), json) }, { requiredKeys: [] }), json),
    },
    { requiredKeys: [] },
  );
  it('any InitiateAuth answer → a flow or a typed AuthError', async () => {
    const auth = makeAuth(kind === 'fetch' ? createFetchTransport({ maxAttempts: 1 }) : createSdkTransport({ maxAttempts: 1 }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(shaped, json), async (body) => {
        fake.faults = [{ op: 'InitiateAuth', kind: 'json', body }];
        const settled = await settle(auth.signIn({ username: USERNAME, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
        record(`server answers (${kind})`, outcomeOf(settled));
        if (settled.ok) void settled.value.nextStep; // the step must be showable
        return typed(settled);
      }),
      { numRuns: RUNS },
    );
  });
});
