/**
 * The demo seed shared by the terminal app and the web example: two user pools on the
 * embedded emulator whose users, between them, reach every sign-in step nextstep knows.
 *
 * Two pools because Cognito only asks for MFA *setup* when MFA is required pool-wide, and a
 * pool that requires MFA refuses passwordless and custom-auth sign-ins their natural shape.
 */
import type { AuthFlowType, FirstFactor, SignInStepName } from '@nextstep/core';
import type { EmulatorConfig } from '@nextstep/emulator';
import { createAuthChallenge, defineAuthChallenge, verifyAuthChallengeResponse } from './demo-triggers.js';

/** The password of every demo user (new passwords chosen during the demo differ). */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
/** The password the demo sets when a step asks for a new one. */
export const DEMO_NEW_PASSWORD = 'Demo-NewPassw0rd!';
/** The base32 TOTP secret of demo users who already use an authenticator app. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** What the user meeting an unknown challenge must answer. */
export const FUTURE_CHALLENGE_ANSWER = 'nextstep';

/** The two demo pools: `main` (MFA optional) and `mfaRequired` (MFA on, for setup). */
export type DemoPoolKey = 'main' | 'mfaRequired';

/** Ids of the demo pools and their app clients (no client secret). */
export const DEMO_POOLS: Record<DemoPoolKey, { userPoolId: string; clientId: string; name: string }> = {
  main: { userPoolId: 'us-east-1_nextDemo1', clientId: 'nextstepdemoclient', name: 'nextstep-demo' },
  mfaRequired: { userPoolId: 'us-east-1_nextMfaOn', clientId: 'nextstepmfaclient', name: 'nextstep-demo-mfa-required' },
};

/** A demo user: who they are and what signing in as them exercises. */
export interface DemoUser {
  username: string;
  password: string;
  pool: DemoPoolKey;
  /** One line for menus and the README. */
  exercises: string;
  /** The auth flow the apps start for this user (USER_SRP_AUTH when absent). */
  authFlowType?: AuthFlowType;
  preferredChallenge?: FirstFactor;
}

const user = (u: DemoUser): DemoUser => u;

/** Every demo user, in the order the menus list them. */
export const DEMO_USERS: readonly DemoUser[] = [
  user({ username: 'tess', password: DEMO_PASSWORD, pool: 'mfaRequired', exercises: 'SRP, MFA required: TOTP setup (QR code), then a TOTP code on the next sign-in' }),
  user({ username: 'emma', password: DEMO_PASSWORD, pool: 'mfaRequired', exercises: 'SRP, MFA required: email MFA setup, then an email code' }),
  user({ username: 'sam', password: DEMO_PASSWORD, pool: 'main', exercises: 'SRP + SMS MFA code' }),
  user({ username: 'max', password: DEMO_PASSWORD, pool: 'main', exercises: 'MFA selection among SMS, TOTP and email' }),
  user({ username: 'nina', password: DEMO_PASSWORD, pool: 'main', exercises: 'new password required, with a required attribute (name)' }),
  user({ username: 'carl', password: DEMO_PASSWORD, pool: 'main', authFlowType: 'CUSTOM_WITH_SRP', exercises: 'custom challenge, two rounds: a captcha, then a security question (answer: rex)' }),
  user({ username: 'paula', password: DEMO_PASSWORD, pool: 'main', authFlowType: 'USER_AUTH', exercises: 'passwordless: USER_AUTH, first-factor selection, email code' }),
  user({ username: 'uma', password: DEMO_PASSWORD, pool: 'main', exercises: 'unconfirmed: confirm sign-up with a code, then signed in' }),
  user({ username: 'rita', password: DEMO_PASSWORD, pool: 'main', exercises: 'password reset required: code + new password' }),
  user({ username: 'dora', password: DEMO_PASSWORD, pool: 'main', exercises: 'remembered device: TOTP code once, then the device answers DEVICE_SRP_AUTH and MFA is skipped' }),
  user({ username: 'pia', password: DEMO_PASSWORD, pool: 'main', exercises: 'passkey: registers one after a password sign-in, then signs in with it (terminal: SOFTWARE authenticator)' }),
  user({ username: 'zed', password: DEMO_PASSWORD, pool: 'main', exercises: `a challenge no plugin claims (FUTURE_CHALLENGE), answered raw: ${FUTURE_CHALLENGE_ANSWER}` }),
];

/** A scripted sign-in of the unattended demo, and the steps it must go through. */
export interface DemoRun {
  username: string;
  /** What this run shows, for the transcript. */
  title: string;
  /** The steps the app sees, in order, ending with DONE. */
  expectedSteps: SignInStepName[];
  /** This run's sign-in options instead of the user's. */
  options?: { authFlowType?: AuthFlowType; preferredChallenge?: FirstFactor };
  /** Done once signed in: register a passkey. */
  after?: 'registerPasskey';
}

/** The unattended demo: every user once, tess and emma twice (setup, then the code). */
export const DEMO_RUNS: readonly DemoRun[] = [
  { username: 'tess', title: 'TOTP setup', expectedSteps: ['CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP', 'DONE'] },
  { username: 'tess', title: 'TOTP code', expectedSteps: ['CONFIRM_SIGN_IN_WITH_TOTP_CODE', 'DONE'] },
  { username: 'emma', title: 'email MFA setup', expectedSteps: ['CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP', 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', 'DONE'] },
  { username: 'emma', title: 'email code', expectedSteps: ['CONFIRM_SIGN_IN_WITH_EMAIL_CODE', 'DONE'] },
  { username: 'sam', title: 'SMS code (first try wrong)', expectedSteps: ['CONFIRM_SIGN_IN_WITH_SMS_CODE', 'DONE'] },
  { username: 'max', title: 'MFA selection', expectedSteps: ['CONTINUE_SIGN_IN_WITH_MFA_SELECTION', 'CONFIRM_SIGN_IN_WITH_TOTP_CODE', 'DONE'] },
  { username: 'nina', title: 'new password', expectedSteps: ['CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', 'DONE'] },
  { username: 'carl', title: 'custom challenge', expectedSteps: ['CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', 'DONE'] },
  { username: 'paula', title: 'passwordless email', expectedSteps: ['CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', 'DONE'] },
  { username: 'uma', title: 'confirm sign-up', expectedSteps: ['CONFIRM_SIGN_UP', 'DONE'] },
  { username: 'rita', title: 'reset password', expectedSteps: ['RESET_PASSWORD', 'DONE'] },
  { username: 'dora', title: 'new device: TOTP code, device confirmed', expectedSteps: ['CONFIRM_SIGN_IN_WITH_TOTP_CODE', 'DONE'] },
  { username: 'dora', title: 'remembered device: MFA skipped', expectedSteps: ['DONE'] },
  { username: 'pia', title: 'password, then registers a passkey', expectedSteps: ['DONE'], after: 'registerPasskey' },
  { username: 'pia', title: 'passkey sign-in (software authenticator)', expectedSteps: ['DONE'], options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } },
  { username: 'zed', title: 'unclaimed challenge', expectedSteps: ['UNCLAIMED_CHALLENGE', 'DONE'] },
];

/** Finds a demo user by name. */
export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}

const ALL_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/**
 * The emulator config seeding both demo pools. A fresh object each call, since the emulator
 * keeps users' state (a changed password, a TOTP secret) in what it is given.
 */
export function demoEmulatorConfig(): EmulatorConfig {
  const main = DEMO_POOLS.main;
  const mfa = DEMO_POOLS.mfaRequired;
  return {
    pools: [
      {
        id: main.userPoolId,
        name: main.name,
        mfa: 'OPTIONAL',
        enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
        allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
        // Remembered devices skip MFA; passkeys for the relying party localhost.
        deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
        webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
        triggers: { defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse },
        clients: [{ id: main.clientId, name: 'demo-app', secret: false, explicitAuthFlows: ALL_FLOWS, authSessionValidity: 3 }],
        users: [
          { username: 'sam', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'sam@example.com', email_verified: 'true', phone_number: '+15555550101', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' } },
          { username: 'max', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'max@example.com', email_verified: 'true', phone_number: '+15555550102', phone_number_verified: 'true' }, mfa: { sms: true, email: true, totp: { secret: DEMO_TOTP_SECRET } } },
          { username: 'nina', password: DEMO_PASSWORD, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'nina@example.com', email_verified: 'true' }, requiredAttributes: ['name'] },
          { username: 'carl', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'carl@example.com', email_verified: 'true' } },
          { username: 'paula', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'paula@example.com', email_verified: 'true' } },
          { username: 'uma', password: DEMO_PASSWORD, status: 'UNCONFIRMED', attributes: { email: 'uma@example.com' } },
          { username: 'rita', password: DEMO_PASSWORD, status: 'RESET_REQUIRED', attributes: { email: 'rita@example.com', email_verified: 'true' } },
          { username: 'dora', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'dora@example.com', email_verified: 'true' }, mfa: { totp: { secret: DEMO_TOTP_SECRET }, preferred: 'TOTP' } },
          { username: 'pia', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'pia@example.com', email_verified: 'true' } },
          {
            username: 'zed', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'zed@example.com', email_verified: 'true' },
            unknownChallenge: { challengeName: 'FUTURE_CHALLENGE', challengeParameters: { prompt: `Type the word "${FUTURE_CHALLENGE_ANSWER}"` }, answer: FUTURE_CHALLENGE_ANSWER },
          },
        ],
      },
      {
        id: mfa.userPoolId,
        name: mfa.name,
        mfa: 'ON',
        enabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
        clients: [{ id: mfa.clientId, name: 'demo-app', secret: false, explicitAuthFlows: ALL_FLOWS, authSessionValidity: 3 }],
        users: [
          { username: 'tess', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: { email: 'tess@example.com', email_verified: 'true' } },
          { username: 'emma', password: DEMO_PASSWORD, status: 'CONFIRMED', attributes: {} },
        ],
      },
    ],
  };
}
