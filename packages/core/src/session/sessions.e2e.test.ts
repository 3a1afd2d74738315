// Stored sessions end to end against the emulator: DONE → store, fetchAuthSession with
// refresh (expired, forced, concurrent, skewed clock), the final refresh failures, signOut,
// and the user-selection rules of servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuth,
  fetchAuthSession,
  getCurrentUser,
  isSessionEnded,
  memoryStore,
  signOut,
  surfaceUnclaimed,
  type Auth,
  type CognitoTransport,
  type SessionEndedError,
} from '../index.js';
import { createFetchTransport } from '../transport/fetch.js';
import { defaultTransport } from '../transport/default-node.js';
import { CLIENT_SECRET, PASSWORD, POOL, startCoreFixture, type CoreFixture } from '../test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

const HOUR = 3600_000;
// Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused.
const unreachable = createFetchTransport({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9/', maxAttempts: 1 });

/** Counts the Cognito calls an Auth makes, by operation. */
function counting(auth: Auth): Record<string, number> {
  const calls: Record<string, number> = {};
  auth.hooks.request.tap('count', (call) => {
    const key = call.operation === 'InitiateAuth' ? `InitiateAuth:${String(call.input.AuthFlow)}` : call.operation;
    calls[key] = (calls[key] ?? 0) + 1;
    return call;
  });
  return calls;
}

/** An admin call to the emulator: it wants a SigV4 Authorization header, as Cognito, but checks no credentials. */
async function admin(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(fx.emu.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${operation}: ${String(body.__type)} ${String(body.message)}`);
  return body;
}

async function signedIn(options: Parameters<CoreFixture['auth']>[0] = {}, username = 'alice', password = PASSWORD) {
  const auth = fx.auth(options);
  const flow = await auth.signIn({ username, password });
  expect(flow.isSignedIn).toBe(true);
  return auth;
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('DONE stores the session; fetchAuthSession and getCurrentUser read it', () => {
  it('keeps valid tokens without calling Cognito, and names the user as Amplify does', async () => {
    const auth = await signedIn();
    const calls = counting(auth);
    const ids = await auth.store.list();
    expect(ids).toHaveLength(1);
    const session = await fetchAuthSession(auth);
    expect(session.userSub).toBe(ids[0]);
    expect(session.tokens?.accessToken.payload.token_use).toBe('access');
    expect(session.tokens?.idToken?.payload['cognito:username']).toBe('alice');
    expect(String(session.tokens?.accessToken)).toMatch(/^ey/);
    expect(await getCurrentUser(auth)).toEqual({ username: 'alice', userId: ids[0], signInDetails: { loginId: 'alice', authFlowType: 'USER_SRP_AUTH' } });
    expect(calls).toEqual({});
  });

  it('nobody signed in: an empty session, and getCurrentUser rejects as Amplify', async () => {
    const auth = fx.auth();
    expect(await fetchAuthSession(auth)).toEqual({});
    expect((await rejection(getCurrentUser(auth))).name).toBe('UserUnAuthenticatedException');
  });

  it('a second sign-in replaces the first user in a one-user Auth', async () => {
    const auth = await signedIn();
    const alice = (await auth.store.list())[0];
    expect((await auth.signIn({ username: 'custom', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })).isSignedIn).toBe(true);
    const custom = (await getCurrentUser(auth)).userId;
    expect(await auth.store.list()).toEqual([custom]);
    expect((await auth.signIn({ username: 'alice', password: PASSWORD })).isSignedIn).toBe(true);
    expect(await auth.store.list()).toEqual([alice]);
  });
});

describe('refresh', () => {
  it('after expiry: one REFRESH_TOKEN_AUTH, new tokens, the refresh token kept, tokenRefreshed fires', async () => {
    const auth = await signedIn();
    const calls = counting(auth);
    const events: string[] = [];
    auth.hooks.tokenRefreshed.tap('t', (s) => void events.push(s.username));
    const before = await fetchAuthSession(auth);
    const stored = await auth.store.get(before.userSub!);
    fx.emu.clock.advance(HOUR + 1000);
    const after = await fetchAuthSession(auth);
    expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1 });
    expect(String(after.tokens?.accessToken)).not.toBe(String(before.tokens?.accessToken));
    expect(after.tokens!.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
    expect((await auth.store.get(before.userSub!))?.refreshToken).toBe(stored?.refreshToken);
    expect(events).toEqual(['alice']);
    // The new tokens work with Cognito.
    const user = await auth.cognito.send('GetUser', { AccessToken: String(after.tokens!.accessToken) });
    expect(user.Username).toBe('alice');
  });

  it('100 concurrent fetchAuthSession on an expired session make one Cognito call', async () => {
    const auth = await signedIn();
    const calls = counting(auth);
    fx.emu.clock.advance(HOUR + 1000);
    const sessions = await Promise.all(Array.from({ length: 100 }, () => fetchAuthSession(auth)));
    expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1 });
    expect(new Set(sessions.map((s) => String(s.tokens?.accessToken))).size).toBe(1);
  });

  it('forceRefresh refreshes valid tokens; concurrent forced calls share it', async () => {
    const auth = await signedIn();
    const calls = counting(auth);
    await Promise.all([fetchAuthSession(auth, { forceRefresh: true }), fetchAuthSession(auth, { forceRefresh: true }), fetchAuthSession(auth)]);
    expect(calls['InitiateAuth:REFRESH_TOKEN_AUTH']).toBe(1);
    await fetchAuthSession(auth, { forceRefresh: true });
    expect(calls['InitiateAuth:REFRESH_TOKEN_AUTH']).toBe(2);
    expect((await rejection(fetchAuthSession(auth, { forceRefresh: 'yes' as never }))).name).toBe('InvalidForceRefresh');
  });

  for (const skew of [+12 * 60_000, -12 * 60_000]) {
    it(`a device clock ${skew > 0 ? 'ahead' : 'behind'} by 12 minutes neither loops nor uses expired tokens`, async () => {
      const auth = await signedIn({ clock: () => fx.emu.clock.now() + skew });
      const calls = counting(auth);
      for (let i = 0; i < 20; i++) await fetchAuthSession(auth);
      expect(calls).toEqual({});
      fx.emu.clock.advance(HOUR);
      const after = await fetchAuthSession(auth);
      expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1 });
      expect(after.tokens!.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
      for (let i = 0; i < 20; i++) await fetchAuthSession(auth);
      expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1 });
    });
  }

  it('a client secret: SECRET_HASH from cognito:username, not what the user typed (email as username)', async () => {
    const { pool } = await fx.freshUser(
      { password: PASSWORD, attributes: { email: 'ada.refresh@example.com', email_verified: 'true' } },
      { usernameAttributes: ['email'] },
      { secret: true },
    );
    const auth = fx.auth({ pool });
    expect((await auth.signIn({ username: 'ada.refresh@example.com', password: PASSWORD })).isSignedIn).toBe(true);
    const user = await getCurrentUser(auth);
    expect(user.username).not.toBe('ada.refresh@example.com');
    expect(user.signInDetails?.loginId).toBe('ada.refresh@example.com');
    let sentHash: string | undefined;
    auth.hooks.request.tap('see', (call) => {
      sentHash = (call.input.AuthParameters as Record<string, string> | undefined)?.SECRET_HASH;
      return call;
    });
    fx.emu.clock.advance(HOUR + 1000);
    const after = await fetchAuthSession(auth);
    expect(after.tokens?.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
    const { secretHash } = await import('../secret-hash.js');
    const clientId = auth.userPool.clientId;
    expect(sentHash).toBe(await secretHash(CLIENT_SECRET, user.username, clientId));
  });

  it('rotation: GetTokensFromRefreshToken, the returned refresh token replaces the old', async () => {
    const auth = await signedIn({ refreshTokenRotation: true });
    const calls = counting(auth);
    fx.emu.clock.advance(HOUR + 1000);
    const after = await fetchAuthSession(auth);
    expect(calls).toEqual({ GetTokensFromRefreshToken: 1 });
    expect(after.tokens?.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
  });
  it('a client without REFRESH_TOKEN_AUTH (as rotating clients must be) switches to GetTokensFromRefreshToken', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD });
    const created = await admin('CreateUserPoolClient', { UserPoolId: pool, ClientName: 'no-refresh-flow', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
    const auth = createAuth({ userPool: { userPoolId: pool, clientId: created.UserPoolClient.ClientId, endpoint: fx.emu.endpoint }, defaultHandler: surfaceUnclaimed, clock: () => fx.emu.clock.now() });
    await auth.signIn({ username, password: PASSWORD });
    const calls = counting(auth);
    fx.emu.clock.advance(HOUR + 1000);
    // Today's emulator refuses GetTokensFromRefreshToken without the flow too (p10b adds
    // rotation); what is checked here is the switch, and that the session is kept.
    await fetchAuthSession(auth).catch(() => undefined);
    expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1, GetTokensFromRefreshToken: 1 });
    await fetchAuthSession(auth).catch(() => undefined);
    expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1, GetTokensFromRefreshToken: 2 });
  });
  /** A pool of its own whose one app client has the given token settings (config-file keys). */
  let ownPools = 0;
  async function poolWithClient(client: Record<string, unknown>, rotation: boolean) {
    ownPools += 1;
    const id = `us-east-1_Own${ownPools}x${process.pid}`;
    const clientId = `own-client-${ownPools}-${process.pid}`;
    await fx.emu.createPool({
      id,
      clients: [{ id: clientId, ...client }],
      users: [{ username: 'rowan', password: PASSWORD }],
    } as Parameters<typeof fx.emu.createPool>[0]);
    return createAuth({
      userPool: { userPoolId: id, clientId, endpoint: fx.emu.endpoint },
      defaultHandler: surfaceUnclaimed,
      clock: () => fx.emu.clock.now(),
      refreshTokenRotation: rotation,
    });
  }

  it('rotation with the emulator rotating: the new refresh token is stored, the old one fails after the grace period', async () => {
    const auth = await poolWithClient({ refreshTokenRotation: { feature: 'ENABLED', retryGracePeriodSeconds: 10 } }, true);
    expect((await auth.signIn({ username: 'rowan', password: PASSWORD })).isSignedIn).toBe(true);
    const [userId] = await auth.store.list();
    const before = (await auth.store.get(userId!))!;
    const calls = counting(auth);
    fx.emu.clock.advance(HOUR + 1000);
    const after = await fetchAuthSession(auth);
    expect(calls).toEqual({ GetTokensFromRefreshToken: 1 });
    expect(after.tokens!.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
    const stored = (await auth.store.get(userId!))!;
    expect(stored.refreshToken).toBeTruthy();
    expect(stored.refreshToken).not.toBe(before.refreshToken);
    // The old token still works within the grace period (a client retrying), then fails.
    const old = { RefreshToken: before.refreshToken, ClientId: auth.userPool.clientId };
    await expect(auth.cognito.send('GetTokensFromRefreshToken', old)).resolves.toHaveProperty('AuthenticationResult');
    fx.emu.clock.advance(11_000);
    await expect(auth.cognito.send('GetTokensFromRefreshToken', old)).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
    // The stored (newest) one keeps the session going.
    fx.emu.clock.advance(HOUR);
    expect((await fetchAuthSession(auth)).tokens?.accessToken.payload.exp! * 1000).toBeGreaterThan(fx.emu.clock.now());
  });

  it('per-client token validity: a 5-minute access token is refreshed after 4 minutes, not before', async () => {
    const auth = await poolWithClient({ accessTokenValidity: 5, idTokenValidity: 5, tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes' } }, false);
    expect((await auth.signIn({ username: 'rowan', password: PASSWORD })).isSignedIn).toBe(true);
    const first = await fetchAuthSession(auth);
    const { exp, iat } = first.tokens!.accessToken.payload;
    expect(exp! - iat!).toBe(300);
    const calls = counting(auth);
    fx.emu.clock.advance(60_000);
    await fetchAuthSession(auth);
    expect(calls).toEqual({});
    fx.emu.clock.advance(3 * 60_000 + 30_000); // 4.5 minutes in: inside the refresh margin
    const renewed = await fetchAuthSession(auth);
    expect(calls).toEqual({ 'InitiateAuth:REFRESH_TOKEN_AUTH': 1 });
    expect(renewed.tokens!.accessToken.payload.exp!).toBeGreaterThan(exp!);
  });

  it('a revoked refresh token ends the session with a typed error, clears the store, fires refreshFailed', async () => {
    const auth = await signedIn();
    const { userSub, tokens } = await fetchAuthSession(auth);
    await auth.cognito.send('GlobalSignOut', { AccessToken: String(tokens!.accessToken) });
    const failures: string[] = [];
    auth.hooks.refreshFailed.tap('t', (_s, e) => void failures.push(e.name));
    fx.emu.clock.advance(HOUR + 1000);
    const err = (await rejection(fetchAuthSession(auth))) as SessionEndedError;
    expect(isSessionEnded(err)).toBe(true);
    expect(err).toMatchObject({ name: 'NotAuthorizedException', kind: 'session', reason: 'revoked' });
    expect(await auth.store.get(userSub!)).toBeUndefined();
    expect(failures).toEqual(['NotAuthorizedException']);
    expect(await fetchAuthSession(auth)).toEqual({});
  });

  it('an expired refresh token (30 days) ends the session', async () => {
    const auth = await signedIn();
    fx.emu.clock.advance(31 * 24 * HOUR);
    const err = (await rejection(fetchAuthSession(auth))) as SessionEndedError;
    expect(err).toMatchObject({ kind: 'session', reason: 'expired' });
    expect(await auth.store.list()).toEqual([]);
  });

  it('a deleted user: the refresh fails for good and the session is cleared', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signIn({ username, password: PASSWORD });
    await admin('AdminDeleteUser', { UserPoolId: pool, Username: username });
    fx.emu.clock.advance(HOUR + 1000);
    const err = await rejection(fetchAuthSession(auth));
    expect(isSessionEnded(err)).toBe(true);
    expect(await auth.store.list()).toEqual([]);
  });
  it('a disabled user: the refresh fails for good (user-disabled)', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signIn({ username, password: PASSWORD });
    await admin('AdminDisableUser', { UserPoolId: pool, Username: username });
    fx.emu.clock.advance(HOUR + 1000);
    expect(await rejection(fetchAuthSession(auth))).toMatchObject({ kind: 'session', reason: 'user-disabled' });
    expect(await auth.store.list()).toEqual([]);
  });
  it('refresh bound to sub: a user re-created with the same name does not inherit the deleted user\u2019s session', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signIn({ username, password: PASSWORD });
    const [oldSub] = await auth.store.list();
    await admin('AdminDeleteUser', { UserPoolId: pool, Username: username });
    const created = await admin('AdminCreateUser', { UserPoolId: pool, Username: username, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' });
    const newSub = (created.User.Attributes as { Name: string; Value: string }[]).find((a) => a.Name === 'sub')!.Value;
    expect(newSub).not.toBe(oldSub);
    fx.emu.clock.advance(HOUR + 1000);
    const err = await rejection(fetchAuthSession(auth));
    expect(isSessionEnded(err)).toBe(true);
    expect(await auth.store.list()).toEqual([]);
  });

  it('a network failure during refresh keeps the session and rejects with the network error', async () => {
    let down = false;
    const real = defaultTransport({ userPoolId: POOL, clientId: 'x', endpoint: fx.emu.endpoint });
    const transport: CognitoTransport = { send: (op, input) => (down ? unreachable.send(op, input) : real.send(op, input)) };
    const auth = await signedIn({ transport });
    down = true;
    fx.emu.clock.advance(HOUR + 1000);
    const err = await rejection(fetchAuthSession(auth));
    expect(err).toMatchObject({ name: 'NetworkError', kind: 'network' });
    expect(isSessionEnded(err)).toBe(false);
    expect(await auth.store.list()).toHaveLength(1);
    down = false;
    expect((await fetchAuthSession(auth)).tokens).toBeDefined();
  });
});

describe('signOut', () => {
  it('local: RevokeToken; the refresh and access tokens stop working; signedOut fires', async () => {
    const auth = await signedIn();
    const { userSub, tokens } = await fetchAuthSession(auth);
    const refreshToken = (await auth.store.get(userSub!))!.refreshToken!;
    const calls = counting(auth);
    const events: unknown[] = [];
    auth.hooks.signedOut.tap('t', (s, r) => void events.push({ user: s.username, ...r }));
    expect(await signOut(auth)).toEqual({ revoked: true });
    expect(calls).toEqual({ RevokeToken: 1 });
    expect(events).toEqual([{ user: 'alice', global: false, revoked: true }]);
    expect(await auth.store.list()).toEqual([]);
    expect((await rejection(auth.cognito.send('GetUser', { AccessToken: String(tokens!.accessToken) }))).name).toBe('NotAuthorizedException');
    const refresh = auth.cognito.send('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: auth.userPool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } });
    expect((await rejection(refresh)).name).toBe('NotAuthorizedException');
    expect(await signOut(auth)).toEqual({ revoked: false, error: 'NoSession' });
  });

  it('global: GlobalSignOut ends the user\u2019s other sessions too', async () => {
    const phone = await signedIn();
    const laptop = await signedIn();
    const calls = counting(laptop);
    expect(await signOut(laptop, { global: true })).toEqual({ revoked: true });
    expect(calls).toEqual({ GlobalSignOut: 1 });
    fx.emu.clock.advance(HOUR + 1000);
    expect((await rejection(fetchAuthSession(phone))).reason).toBe('revoked');
  });

  it('with a client secret, RevokeToken sends the ClientSecret', async () => {
    const auth = await signedIn({ secret: true });
    expect(await signOut(auth)).toEqual({ revoked: true });
  });

  it('the store is cleared even when Cognito cannot be reached, and the result says so', async () => {
    const real = defaultTransport({ userPoolId: POOL, clientId: 'x', endpoint: fx.emu.endpoint });
    const transport: CognitoTransport = { send: (op, input) => (op === 'RevokeToken' ? unreachable.send(op, input) : real.send(op, input)) };
    const auth = await signedIn({ transport });
    expect(await signOut(auth)).toEqual({ revoked: false, error: 'NetworkError' });
    expect(await auth.store.list()).toEqual([]);
  });
});

describe('servers: whose session', () => {
  it('sessions "many": calls must name the user; two users side by side', async () => {
    const auth = fx.auth({ sessions: 'many' });
    await auth.signIn({ username: 'alice', password: PASSWORD });
    await auth.signIn({ username: 'custom', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const ids = await auth.store.list();
    expect(ids).toHaveLength(2);
    expect((await rejection(fetchAuthSession(auth))).name).toBe('UserIdRequired');
    expect((await rejection(getCurrentUser(auth))).name).toBe('UserIdRequired');
    expect((await rejection(signOut(auth))).name).toBe('UserIdRequired');
    expect((await getCurrentUser(auth, { userId: ids[0]! })).username).toBe('alice');
    expect((await getCurrentUser(auth, { userId: ids[1]! })).username).toBe('custom');
    expect(await fetchAuthSession(auth, { userId: 'nobody' })).toEqual({});
    expect(await signOut(auth, { userId: ids[0]! })).toEqual({ revoked: true });
    expect(await auth.store.list()).toEqual([ids[1]]);
  });

  it('withStore: a per-request store holds that request\u2019s user; the shared store stays empty', async () => {
    const auth = fx.auth({ sessions: 'many' });
    const requestA = auth.withStore(memoryStore());
    const requestB = auth.withStore(memoryStore());
    await requestA.signIn({ username: 'alice', password: PASSWORD });
    expect((await getCurrentUser(requestA)).username).toBe('alice');
    expect(await fetchAuthSession(requestB)).toEqual({});
    expect(await auth.store.list()).toEqual([]);
    expect((await rejection(Promise.resolve().then(() => auth.withStore({} as never)))).name).toBe('InvalidTokenStore');
  });

  it('createAuth checks the store and the mode', () => {
    const base = { userPool: { userPoolId: POOL, clientId: 'c' }, defaultHandler: surfaceUnclaimed };
    expect(() => createAuth({ ...base, store: { get() {} } as never })).toThrow(expect.objectContaining({ name: 'InvalidTokenStore' }));
    expect(() => createAuth({ ...base, sessions: 'all' as never })).toThrow(expect.objectContaining({ name: 'InvalidSessionsMode' }));
  });
});
