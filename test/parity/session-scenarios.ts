/**
 * Side-by-side session scenarios (#10): each runs unchanged on aws-amplify v6 and nextstep,
 * one user per client. `later(ms)` moves every clock (Date.now, so the emulator, Amplify and
 * nextstep alike) forward.
 */
import type { SessionDriver } from './session-drivers.js';
import { EMAIL, PASSWORD, PHONE, type Scenario, type UserContext } from './scenarios.js';

/** A session scenario: the parity Scenario with the session driver and a clock. */
export interface SessionScenario extends Omit<Scenario, 'run'> {
  run(d: SessionDriver, u: UserContext, later: (ms: number) => void, admin: SessionAdmin): Promise<void>;
}

/** What a scenario may do to the user behind the app's back. */
export interface SessionAdmin {
  /** AdminUserGlobalSignOut: every refresh token of the user is revoked. */
  globalSignOut(): Promise<void>;
}

const user = {
  password: PASSWORD,
  status: 'CONFIRMED',
  attributes: { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' },
};
const HOUR = 3600_000;
export const NEW_EMAIL = 'grace.parity@example.com';

export const sessionScenarios: SessionScenario[] = [
  {
    id: 'sess-fetch',
    title: 'fetchAuthSession, getCurrentUser, forceRefresh, after the clock moves past expiry, signOut',
    pool: 'main',
    user,
    ends: { error: 'UserUnAuthenticatedException' },
    async run(d, u, later) {
      await d.fetchAuthSession();
      await d.getCurrentUser();
      await d.signIn({ username: u.username, password: u.password });
      await d.fetchAuthSession();
      await d.fetchAuthSession();
      await d.getCurrentUser();
      await d.fetchAuthSession({ forceRefresh: true });
      later(HOUR + 60_000);
      await d.fetchAuthSession();
      await d.getCurrentUser();
      await d.fetchUserAttributes();
      await d.signOut();
      await d.fetchAuthSession();
      await d.getCurrentUser();
    },
  },
  {
    id: 'sess-global',
    title: 'signOut({ global: true }), then nothing is signed in',
    pool: 'main',
    user,
    ends: { error: 'UserUnAuthenticatedException' },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      await d.getCurrentUser();
      await d.signOut({ global: true });
      await d.fetchAuthSession();
      await d.fetchUserAttributes();
    },
  },
  {
    id: 'sess-attrs',
    title: 'attributes: fetch, update (DONE + CONFIRM_ATTRIBUTE_WITH_CODE), wrong then right code, resend, delete',
    pool: 'main',
    user,
    ends: { error: 'UserUnAuthenticatedException' },
    async run(d, u) {
      await d.fetchUserAttributes();
      await d.signIn({ username: u.username, password: u.password });
      await d.fetchUserAttributes();
      await d.updateUserAttributes({ name: 'Grace', email: NEW_EMAIL });
      const code = u.code('EMAIL', 'VERIFY_ATTRIBUTE');
      await d.confirmUserAttribute('email', u.wrong(code));
      await d.confirmUserAttribute('email', code);
      await d.fetchUserAttributes();
      await d.sendUserAttributeVerificationCode('email');
      await d.confirmUserAttribute('email', u.code('EMAIL', 'VERIFY_ATTRIBUTE'));
      await d.deleteUserAttributes(['name']);
      await d.fetchUserAttributes();
      await d.confirmUserAttribute('email', '');
      await d.signOut();
      await d.fetchUserAttributes();
    },
  },
  {
    id: 'sess-mfa',
    title: 'updateMFAPreference / fetchMFAPreference: SMS and email, TOTP without an app',
    pool: 'main',
    user,
    ends: { error: 'InvalidParameterException' },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.fetchMFAPreference();
      await d.updateMFAPreference({ sms: 'ENABLED', email: 'PREFERRED' });
      await d.fetchMFAPreference();
      await d.updateMFAPreference({ email: 'DISABLED', sms: 'PREFERRED' });
      await d.fetchMFAPreference();
      await d.updateMFAPreference({ sms: 'NOT_PREFERRED' });
      await d.fetchMFAPreference();
      await d.updateMFAPreference({ totp: 'PREFERRED' });
    },
  },
  {
    id: 'sess-revoked',
    title: 'refresh token revoked elsewhere, then the tokens expire: the refresh fails for good',
    pool: 'main',
    user,
    ends: { error: 'UserUnAuthenticatedException' },
    deliberate: [
      {
        index: 2,
        reason: 'a refresh that fails for good: Amplify resolves to a session without tokens; nextstep rejects with SessionEndedError (docs/migrating-from-amplify.md)',
        amplify: { op: 'fetchAuthSession', output: { signedIn: false } },
        nextstep: { op: 'fetchAuthSession', error: 'NotAuthorizedException' },
      },
    ],
    async run(d, u, later, admin) {
      await d.signIn({ username: u.username, password: u.password });
      await d.fetchAuthSession();
      await admin.globalSignOut();
      later(HOUR + 60_000);
      await d.fetchAuthSession();
      await d.fetchAuthSession();
      await d.getCurrentUser();
    },
  },
  {
    id: 'sess-auto',
    title: 'autoSignIn: signUp with autoSignIn, wrong code then right, COMPLETE_AUTO_SIGN_IN, autoSignIn',
    pool: 'main',
    async run(d, u) {
      await d.signUpAuto({ username: u.username, password: u.password, email: EMAIL });
      const code = u.code('EMAIL', 'SIGN_UP');
      await d.confirmSignUp({ username: u.username, confirmationCode: u.wrong(code) });
      await d.confirmSignUp({ username: u.username, confirmationCode: code });
      await d.autoSignIn();
    },
  },
];
