// Foreign code that puts what it was handed into its errors: custom transports, a custom
// fetch, a server echoing the request, hooks and plugins. Whatever they throw, nothing
// secret (password, code, Session, tokens) may be readable from the error core hands the
// app: message, cause chain, JSON.stringify, util.inspect (hidden fields too), stack,
// metadata, nor from flow.error, the logger or the callFailed hook.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, createAuth, createFetchTransport, isAuthError, surfaceUnclaimed, type CognitoTransport, type Logger, type NextstepPlugin } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { CODE, PASSWORD, startFakeCognito, TOKENS, USERNAME, type FakeCognito } from './fake-cognito.js';
import { outcomeOf, record, settle, summary } from './tally.js';

let fake: FakeCognito;
beforeAll(async () => {
  fake = await startFakeCognito();
});
afterAll(async () => {
  await fake.close();
  console.info(`foreign-error cases:\n${summary()}`);
});
beforeEach(() => {
  fake.faults = [];
  fake.calls = [];
});

/** Everything reachable from a value, as text. */
function reachable(value: unknown): string {
  const parts: string[] = [inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    parts.push('(cyclic)');
  }
  for (let e: any = value, depth = 0; e && depth < 10; e = e.cause, depth++) {
    parts.push(String(e.message), String(e.stack), String(e.name), JSON.stringify(e.metadata ?? null), String(e.recoverySuggestion));
    if (e instanceof AggregateError) parts.push(...e.errors.map((x) => reachable(x)));
  }
  return parts.join('\n');
}

function sessionsSent(): string[] {
  return fake.calls.map((c) => /"Session":"([^"]+)"/.exec(c.body)?.[1]).filter((s): s is string => !!s);
}

function expectClean(value: unknown): void {
  const text = reachable(value);
  for (const secret of [PASSWORD, CODE, ...sessionsSent(), TOKENS.AccessToken, TOKENS.RefreshToken, TOKENS.IdToken]) {
    expect(text, `secret found`).not.toContain(secret);
  }
}

type Leaky = (operation: string, input: Record<string, unknown>) => unknown;
const body = (input: unknown) => JSON.stringify(input);

// What a careless transport throws, given the request.
const leakyThrows: [string, Leaky][] = [
  ['an Error whose message is the body', (op, input) => new Error(`${op} failed: ${body(input)}`)],
  ['an Error whose cause holds the body', (_op, input) => new Error('failed', { cause: new Error(body(input)) })],
  ['an Error with the request in fields', (_op, input) => Object.assign(new Error('failed'), { request: input, body: body(input) })],
  ['an Error with the body in a hidden field', (_op, input) => Object.defineProperty(new Error('failed'), 'hidden', { value: body(input), enumerable: false })],
  ['an AuthError whose message, metadata and cause hold the body', (_op, input) => new AuthError('ServiceUnavailable', `bad: ${body(input)}`, { kind: 'service', metadata: { input, httpStatusCode: 503 }, cause: new Error(body(input)) })],
  ['an AuthError whose recovery suggestion holds the body', (_op, input) => new AuthError('Oops', 'oops', { kind: 'network', recoverySuggestion: `resend ${body(input)}` })],
  ['the input object itself', (_op, input) => input],
  ['a string with the body', (_op, input) => `failed: ${body(input)}`],
  ['a NetworkError with a code and the body', (_op, input) => Object.assign(new Error(body(input)), { name: 'NetworkError', code: 'ECONNRESET' })],
  ['an SDK-like error with $metadata and the body', (_op, input) => Object.assign(new Error(body(input)), { name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } })],
  ['an AggregateError of body errors', (_op, input) => new AggregateError([new Error(body(input))], body(input))],
  ['an Error whose name is the body', (_op, input) => Object.assign(new Error('x'), { name: body(input) })],
];

// What a careless fetch does, given the request.
const leakyFetches: [string, (url: string, init: RequestInit) => Promise<Response>][] = [
  ['fetch rejects with the body in a TypeError', async (_u, init) => Promise.reject(new TypeError(`fetch failed: ${String(init.body)}`))],
  ['fetch rejects with the body in the cause', async (_u, init) => Promise.reject(new TypeError('fetch failed', { cause: { body: init.body, code: 'ECONNRESET' } }))],
  ['the body read fails with the request in its message', async (_u, init) =>
    ({ status: 200, ok: true, type: 'basic', redirected: false, headers: new Headers(), body: null, text: () => Promise.reject(new Error(`read ${String(init.body)}`)) }) as unknown as Response],
  ['the server echoes the request in its error message', async (_u, init) =>
    new Response(JSON.stringify({ __type: 'InvalidParameterException', message: `bad request ${String(init.body)}` }), { status: 400 })],
];

describe('foreign errors never carry secrets', () => {
  const logs: unknown[] = [];
  const logger: Logger = { debug: (m, d) => void logs.push([m, d]), info: (m, d) => void logs.push([m, d]), warn: (m, d) => void logs.push([m, d]), error: (m, d) => void logs.push([m, d]) };
  const failures: unknown[] = [];
  const makeAuth = (transport: CognitoTransport, plugins: NextstepPlugin[] = [sms()]) => {
    const auth = createAuth({ userPool: { userPoolId: 'us-east-1_Hostile', clientId: 'hostile-client', endpoint: fake.url }, transport, plugins, defaultHandler: surfaceUnclaimed, logger });
    auth.hooks.callFailed.tap('test', (f) => void failures.push(f));
    return auth;
  };
  const real = () => createFetchTransport({ maxAttempts: 1 });
  const signIn = (auth: ReturnType<typeof makeAuth>) => auth.signIn({ username: USERNAME, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  beforeEach(() => {
    logs.length = 0;
    failures.length = 0;
  });

  describe.each(['InitiateAuth', 'RespondToAuthChallenge'])('a custom transport failing %s', (failOn) => {
    it.each(leakyThrows)('throws %s', async (_label, leak) => {
      const inner = real();
      const transport: CognitoTransport = {
        async send(op, input, options) {
          if (op === failOn) throw leak(op, input);
          return inner.send(op, input, options);
        },
      };
      const auth = makeAuth(transport);
      let settled;
      if (failOn === 'InitiateAuth') settled = await settle(signIn(auth));
      else {
        const flow = await signIn(auth);
        settled = await settle(flow.confirm(CODE));
        expectClean(flow.error ?? null);
      }
      record('custom transports', outcomeOf(settled));
      expect(settled.ok).toBe(false);
      expect(isAuthError(!settled.ok && settled.error)).toBe(true);
      expectClean(!settled.ok && settled.error);
      expectClean(logs);
      expectClean(failures);
    });
  });

  describe.each(['InitiateAuth', 'RespondToAuthChallenge'])('a custom fetch failing %s', (failOn) => {
    it.each(leakyFetches)('%s', async (_label, leaky) => {
      const transport = createFetchTransport({
        maxAttempts: 2,
        fetch: (url, init) => (String((init?.headers as Record<string, string>)['x-amz-target']).endsWith(`.${failOn}`) ? leaky(String(url), init!) : fetch(url, init)),
      });
      const auth = makeAuth(transport);
      let settled;
      if (failOn === 'InitiateAuth') settled = await settle(signIn(auth));
      else {
        const flow = await signIn(auth);
        settled = await settle(flow.confirm(CODE));
      }
      record('custom fetches', outcomeOf(settled));
      expect(settled.ok).toBe(false);
      expect(isAuthError(!settled.ok && settled.error)).toBe(true);
      expectClean(!settled.ok && settled.error);
      expectClean(logs);
      expectClean(failures);
    });
  });

  describe('hooks and plugins', () => {
    const cases: [string, (auth: ReturnType<typeof makeAuth>) => void, NextstepPlugin[]?][] = [
      ['a request hook throwing the input', (auth) => auth.hooks.request.tapPromise('leaky', async (call) => { if (call.operation === 'RespondToAuthChallenge') throw new Error(body(call.input)); return call; })],
      ['a response hook throwing the tokens', (auth) => auth.hooks.response.tapPromise('leaky', async (r) => { if (r.output.AuthenticationResult) throw Object.assign(new Error('no'), { output: r.output }); return r; })],
      ['a stepEntered hook throwing', (auth) => auth.hooks.stepEntered.tap('leaky', () => { throw new Error(PASSWORD); })],
      [
        'a plugin answer() throwing the code',
        () => {},
        [
          {
            name: 'leaky-sms',
            api: 1,
            // Plugin contract v1 (main's p9): the plugin's steps, each with its handler.
            steps: [
              {
                type: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
                handler: () => ({
                  plugin: 'leaky-sms',
                  view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' }),
                  async answer(answer, ctx) {
                    throw new AuthError('LeakyPluginError', `could not send ${String(answer)} with ${ctx.session} for ${ctx.secrets.password}`, { kind: 'service', metadata: { answer, session: ctx.session }, cause: new Error(String(answer)) });
                  },
                }),
              },
            ],
          },
        ],
      ],
    ];
    it.each(cases)('%s', async (_label, tap, plugins) => {
      const auth = makeAuth(real(), plugins ?? [sms()]);
      tap(auth);
      const started = await settle(signIn(auth));
      let settled = started;
      if (started.ok) settled = await settle(started.value.confirm(CODE));
      record('hooks and plugins', outcomeOf(settled));
      expect(settled.ok).toBe(false);
      expect(isAuthError(!settled.ok && settled.error)).toBe(true);
      expectClean(!settled.ok && settled.error);
      expectClean(logs);
    });
  });
});
