// Account calls with the stored session's access token, against the emulator: attributes,
// password, MFA preference, deleteUser, and autoSignIn after sign-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  autoSignIn,
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchAuthSession,
  fetchMFAPreference,
  fetchUserAttributes,
  getCurrentUser,
  sendUserAttributeVerificationCode,
  updateMFAPreference,
  updatePassword,
  updateUserAttribute,
  updateUserAttributes,
} from '../index.js';
import { NEW_PASSWORD, PASSWORD, startCoreFixture, wrongCode, type CoreFixture } from '../test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function fresh(attributes: Record<string, string> = { email: 'acct@example.com', email_verified: 'true' }) {
  const { pool, username } = await fx.freshUser({ password: PASSWORD, attributes });
  const auth = fx.auth({ pool });
  expect((await auth.signIn({ username, password: PASSWORD })).isSignedIn).toBe(true);
  return { auth, pool, username };
}

describe('attributes', () => {
  it('fetch, update (DONE and CONFIRM_ATTRIBUTE_WITH_CODE), confirm after a wrong code, resend, delete', async () => {
    const { auth, pool, username } = await fresh();
    expect(await fetchUserAttributes(auth)).toMatchObject({ email: 'acct@example.com', email_verified: 'true', sub: expect.any(String) });

    const out = await updateUserAttributes(auth, { userAttributes: { name: 'Ada', email: 'new.acct@example.com' } });
    expect(out).toEqual({
      name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
      email: {
        isUpdated: false,
        nextStep: { updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE', codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL', destination: expect.any(String) } },
      },
    });
    const code = fx.code(username, 'EMAIL', pool);
    expect((await rejection(confirmUserAttribute(auth, { userAttributeKey: 'email', confirmationCode: wrongCode(code) }))).name).toBe('CodeMismatchException');
    await confirmUserAttribute(auth, { userAttributeKey: 'email', confirmationCode: code });
    expect(await fetchUserAttributes(auth)).toMatchObject({ name: 'Ada', email: 'new.acct@example.com', email_verified: 'true' });

    const single = await updateUserAttribute(auth, { userAttribute: { attributeKey: 'email', value: 'third@example.com' } });
    expect(single.nextStep.updateAttributeStep).toBe('CONFIRM_ATTRIBUTE_WITH_CODE');
    const resent = await sendUserAttributeVerificationCode(auth, { userAttributeKey: 'email' });
    expect(resent).toMatchObject({ attributeName: 'email', deliveryMedium: 'EMAIL' });
    await confirmUserAttribute(auth, { userAttributeKey: 'email', confirmationCode: fx.code(username, 'EMAIL', pool) });

    await deleteUserAttributes(auth, { userAttributeKeys: ['name'] });
    expect((await fetchUserAttributes(auth)).name).toBeUndefined();
  });

  it('checks input locally, before any call', async () => {
    const { auth } = await fresh();
    let sent = 0;
    auth.hooks.request.tap('count', (c) => ((sent += 1), c));
    expect((await rejection(updateUserAttributes(auth, { userAttributes: {} }))).name).toBe('EmptyUpdateUserAttributes');
    expect((await rejection(updateUserAttributes(auth, { userAttributes: { '': 'x' } }))).name).toBe('EmptyUserAttributeKey');
    expect((await rejection(confirmUserAttribute(auth, { userAttributeKey: 'email', confirmationCode: '' }))).name).toBe('EmptyConfirmUserAttributeCode');
    expect((await rejection(deleteUserAttributes(auth, { userAttributeKeys: [] }))).name).toBe('EmptyUserAttributeKeys');
    expect((await rejection(updatePassword(auth, { oldPassword: '', newPassword: 'x' }))).name).toBe('EmptyUpdatePassword');
    expect((await rejection(updateMFAPreference(auth, { totp: 'ON' as never }))).name).toBe('InvalidMFAPreference');
    expect(sent).toBe(0);
  });

  it('nobody signed in: UserUnAuthenticatedException', async () => {
    expect((await rejection(fetchUserAttributes(fx.auth()))).name).toBe('UserUnAuthenticatedException');
  });

  it('an expired access token is refreshed before the call', async () => {
    const { auth } = await fresh();
    fx.emu.clock.advance(3600_000 + 1000);
    expect((await fetchUserAttributes(auth)).email).toBe('acct@example.com');
  });

  it('signal and timeoutMs (#15): checked locally, an aborted signal never reaches Cognito, a live one passes', async () => {
    const { auth } = await fresh();
    const sent: string[] = [];
    const failed: { operation: string; errorName: string; mayHaveReachedCognito?: boolean }[] = [];
    auth.hooks.request.tap('count', (call) => (sent.push(call.operation), call));
    auth.hooks.callFailed.tap('count', (f) => void failed.push(f));
    expect((await rejection(fetchUserAttributes(auth, { timeoutMs: -1 }))).name).toBe('InvalidTimeout');
    expect((await rejection(updateUserAttributes(auth, { userAttributes: { name: 'x' }, signal: 'no' as never }))).name).toBe('InvalidSignal');
    expect(sent).toEqual([]);
    expect((await rejection(updatePassword(auth, { oldPassword: PASSWORD, newPassword: NEW_PASSWORD, signal: AbortSignal.abort() }))).name).toBe('RequestAborted');
    expect(failed).toMatchObject([{ operation: 'ChangePassword', errorName: 'RequestAborted', mayHaveReachedCognito: false }]);
    expect((await fetchUserAttributes(auth, { signal: new AbortController().signal, timeoutMs: 5000 })).email).toBe('acct@example.com');
    // The password did not change: the aborted call never reached Cognito.
    await updatePassword(auth, { oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
  });
});

describe('password, MFA preference, deleteUser', () => {
  it('updatePassword: wrong old password keeps Cognito\u2019s name; the new one signs in', async () => {
    const { auth, username } = await fresh();
    expect((await rejection(updatePassword(auth, { oldPassword: `${PASSWORD}-no`, newPassword: NEW_PASSWORD }))).name).toBe('NotAuthorizedException');
    await updatePassword(auth, { oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect((await auth.signIn({ username, password: NEW_PASSWORD })).isSignedIn).toBe(true);
  });

  it('updateMFAPreference / fetchMFAPreference for SMS and email', async () => {
    const { auth } = await fresh({ email: 'mfa@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' });
    expect(await fetchMFAPreference(auth)).toEqual({});
    await updateMFAPreference(auth, { sms: 'ENABLED', email: 'PREFERRED' });
    expect(await fetchMFAPreference(auth)).toEqual({ enabled: ['SMS', 'EMAIL'], preferred: 'EMAIL' });
    await updateMFAPreference(auth, { email: 'DISABLED', sms: 'PREFERRED' });
    expect(await fetchMFAPreference(auth)).toEqual({ enabled: ['SMS'], preferred: 'SMS' });
  });

  it('deleteUser deletes the user and clears the session', async () => {
    const { auth, username } = await fresh();
    const events: string[] = [];
    auth.hooks.signedOut.tap('t', (s) => void events.push(s.username));
    await deleteUser(auth);
    expect(await fetchAuthSession(auth)).toEqual({});
    expect(events).toEqual([username]);
    expect((await rejection(auth.signIn({ username, password: PASSWORD }))).name).toMatch(/NotAuthorizedException|UserNotFoundException/);
  });
});

describe('autoSignIn', () => {
  it('signUp with autoSignIn → wrong code → right code answers COMPLETE_AUTO_SIGN_IN → autoSignIn signs in once', async () => {
    const auth = fx.auth();
    const username = `auto-${Date.now()}`;
    const up = await auth.signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` }, autoSignIn: true } });
    expect(up.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP');
    const code = fx.code(username, 'EMAIL');
    expect((await rejection(auth.confirmSignUp({ username, confirmationCode: wrongCode(code) }))).name).toBe('CodeMismatchException');
    expect(await auth.confirmSignUp({ username, confirmationCode: code })).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });
    const calls: string[] = [];
    auth.hooks.request.tap('see', (c) => (calls.push(`${c.operation}:${String(c.input.AuthFlow ?? '')}`), c));
    const out = await autoSignIn(auth);
    expect(out).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(calls).toEqual(['InitiateAuth:USER_AUTH']);
    expect((await getCurrentUser(auth)).username).toBe(username);
    expect((await rejection(autoSignIn(auth))).name).toBe('AutoSignInException');
  });

  it('without autoSignIn, confirmSignUp says DONE and autoSignIn refuses', async () => {
    const auth = fx.auth();
    const username = `plain-${Date.now()}`;
    await auth.signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } });
    expect(await auth.confirmSignUp({ username, confirmationCode: fx.code(username, 'EMAIL') })).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
    expect((await rejection(autoSignIn(auth))).name).toBe('AutoSignInException');
  });
});

describe('autoSignIn on servers', () => {
  it('sessions "many": sign-ups side by side, each signed in by username; without one, UsernameRequired', async () => {
    const auth = fx.auth({ sessions: 'many' });
    const names = [`srv-a-${Date.now()}`, `srv-b-${Date.now()}`];
    for (const username of names) {
      await auth.signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` }, autoSignIn: true } });
    }
    for (const username of names) {
      expect((await auth.confirmSignUp({ username, confirmationCode: fx.code(username, 'EMAIL') })).nextStep.signUpStep).toBe('COMPLETE_AUTO_SIGN_IN');
    }
    expect((await rejection(autoSignIn(auth))).name).toBe('UsernameRequired');
    // The second user first: each sign-up keeps its own Session.
    expect((await autoSignIn(auth, { username: names[1]! })).isSignedIn).toBe(true);
    expect((await autoSignIn(auth, { username: names[0]! })).isSignedIn).toBe(true);
    const users = await Promise.all((await auth.store.list()).map((userId) => getCurrentUser(auth, { userId })));
    expect(users.map((u) => u.username).sort()).toEqual([...names].sort());
  });
});
