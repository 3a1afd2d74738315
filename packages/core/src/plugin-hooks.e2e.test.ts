// The contract's call hooks against the emulator over HTTP: callRecover may retry a failed call
// once with another input (not through the request hook again) while the callFailed observer
// sees facts only; completing runs at DONE with
// the tokens and Cognito's AuthenticationResult, before the session is stored and signedIn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAuthSession } from './session/index.js';
import { PASSWORD, startCoreFixture, type CoreFixture } from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx?.close());

describe('callRecover and completing hooks', () => {
  it('callRecover: a retry with another input is sent once, through SECRET_HASH, not through request', async () => {
    const auth = fx.auth({ secret: true });
    const requests: string[] = [];
    let failures = 0;
    auth.hooks.request.tap('t', (call) => {
      requests.push(call.operation);
      return call;
    });
    auth.hooks.callRecover.tapPromise('t', async (failure) => {
      failures += 1;
      if (failure.error.name !== 'NotAuthorizedException') return failure;
      const params = failure.input.AuthParameters as Record<string, string>;
      return { ...failure, retry: { ...failure.input, AuthParameters: { ...params, PASSWORD } } };
    });
    const observed: unknown[] = [];
    auth.hooks.callFailed.tap('trace', (failure) => void observed.push(failure));
    const out = await auth.signIn({ username: 'alice', password: 'not-the-password', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(out.isSignedIn).toBe(true);
    expect(requests).toEqual(['InitiateAuth']);
    expect(failures).toBe(1);
    // The observer saw the first attempt's facts, never its input (password, SECRET_HASH).
    expect(observed).toHaveLength(1);
    expect(observed[0]).toMatchObject({ operation: 'InitiateAuth', errorName: 'NotAuthorizedException', errorKind: 'service' });
    expect(Object.keys(observed[0] as object).every((k) => ['operation', 'flow', 'errorName', 'errorKind', 'durationMs', 'httpStatusCode', 'attempts', 'mayHaveReachedCognito'].includes(k))).toBe(true);
    const text = JSON.stringify(observed);
    expect(text).not.toContain('not-the-password');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('SECRET_HASH');
  });

  it('callRecover: without a retry the error passes unchanged; a failed retry rejects with its own error', async () => {
    const auth = fx.auth();
    auth.hooks.callRecover.tapPromise('t', async (failure) => ({ ...failure, retry: { ...failure.input } }));
    await expect(auth.signIn({ username: 'alice', password: 'wrong-again', options: { authFlowType: 'USER_PASSWORD_AUTH' } })).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('completing: sees tokens and the AuthenticationResult before the session is stored; a tap error fails the sign-in', async () => {
    const auth = fx.auth();
    const seen: string[] = [];
    auth.hooks.completing.tapPromise('t', async (done) => {
      const stored = await fetchAuthSession(auth).then((s) => Boolean(s.tokens), () => false);
      seen.push(`completing ${done.flow.username} tokens=${Boolean(done.tokens.accessToken)} result=${typeof done.result.AccessToken} stored=${stored}`);
      expect(typeof done.cognito.send).toBe('function');
      return done;
    });
    auth.hooks.signedIn.tap('t', (flow) => void seen.push(`signedIn ${flow.username}`));
    const out = await auth.signIn({ username: 'alice', password: PASSWORD });
    expect(out.isSignedIn).toBe(true);
    expect(seen).toEqual(['completing alice tokens=true result=string stored=false', 'signedIn alice']);

    const failing = fx.auth();
    failing.hooks.completing.tapPromise('t', async () => {
      throw new Error('tap failed');
    });
    const err = await failing.signIn({ username: 'alice', password: PASSWORD }).then(() => undefined, (e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((await fetchAuthSession(failing)).tokens).toBeUndefined();
  });
});
