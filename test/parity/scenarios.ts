/**
 * The side-by-side scenarios. Each runs unchanged on the Amplify driver and on the nextstep
 * driver, each with its own user of identical configuration (`<id>-amplify`, `<id>-nextstep`),
 * so both see the same states; codes come from the emulator's outbox and TOTP secrets.
 */
import type { Driver } from './drivers.js';

/** Pools of the parity emulator (see `parityConfig`). */
export type PoolKey = 'main' | 'requiredTotp' | 'requiredChoice';

/** What a scenario can ask about its user (codes as the emulator "sent" or computes them). */
export interface UserContext {
  readonly username: string;
  readonly password: string;
  /** Latest code sent by SMS / email to this user (for MFA, OTP, sign-up or reset). */
  code(medium: 'SMS' | 'EMAIL', purpose?: string): string;
  /** The current TOTP code of the user's registered authenticator. */
  totp(): string;
  /** The current TOTP code of a secret (e.g. the shared secret of a setup step). */
  totpOf(secret: string): string;
  /** A well-formed code that is not the right one. */
  wrong(code: string): string;
  /** Signs the app out between two sign-ins of one scenario (Amplify keeps one signed-in user). */
  signOut(): Promise<void>;
  /** Moves the emulator's clock (sessions, codes, tokens) forward. */
  advanceClock(ms: number): void;
}

/** One scenario. */
export interface Scenario {
  id: string;
  title: string;
  pool: PoolKey;
  /** The user, as emulator config (username added per driver); omitted for sign-up scenarios. */
  user?: Record<string, unknown>;
  run(d: Driver, u: UserContext): Promise<void>;
  /**
   * How Amplify's transcript must end (default: signed in), so a scenario where both clients
   * fail the same way cannot pass as parity.
   */
  ends?: { error: string };
  /**
   * Deliberate differences, each listed in docs/migrating-from-amplify.md: at transcript
   * `index` each side must match its expectation exactly; the rest must be equal.
   */
  deliberate?: { index: number; amplify: Record<string, unknown>; nextstep: Record<string, unknown>; reason: string }[];
}

export const PASSWORD = 'Parity-Passw0rd!';
export const NEW_PASSWORD = 'Parity-N3w-Passw0rd!';
/** Both users of a scenario share these, so masked destinations compare equal. */
export const EMAIL = 'ada.parity@example.com';
export const PHONE = '+15555550123';

const confirmed = (extra: Record<string, unknown> = {}) => ({
  password: PASSWORD,
  status: 'CONFIRMED',
  attributes: { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' },
  ...extra,
});
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const USER_AUTH = { authFlowType: 'USER_AUTH' } as const;

async function codeStep(d: Driver, u: UserContext, get: () => string): Promise<void> {
  const code = get();
  await d.confirmSignIn(u.wrong(code));
  await d.confirmSignIn(code);
}

/**
 * Custom-auth triggers for the parity pool: two rounds, answer `answer-<round>`; a wrong
 * answer asks the same round again; the third wrong answer fails the authentication.
 */
export function parityTriggers() {
  type Entry = { challengeName: string; challengeResult: boolean; challengeMetadata?: string };
  const custom = (s: Entry[]) => s.filter((e) => e.challengeName === 'CUSTOM_CHALLENGE');
  return {
    defineAuthChallenge: async (event: any) => {
      const session: Entry[] = event.request.session ?? [];
      const last = session[session.length - 1];
      const right = custom(session).filter((e) => e.challengeResult).length;
      const wrong = custom(session).filter((e) => !e.challengeResult).length;
      if (last?.challengeName === 'SRP_A') {
        Object.assign(event.response, { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false });
      } else if (wrong >= 3) {
        Object.assign(event.response, { issueTokens: false, failAuthentication: true });
      } else if (right >= 2) {
        Object.assign(event.response, { issueTokens: true, failAuthentication: false });
      } else {
        Object.assign(event.response, { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false });
      }
      return event;
    },
    createAuthChallenge: async (event: any) => {
      const session: Entry[] = event.request.session ?? [];
      const round = custom(session).filter((e) => e.challengeResult).length + 1;
      Object.assign(event.response, {
        publicChallengeParameters: { round: String(round), question: `What is answer ${round}?` },
        privateChallengeParameters: { answer: `answer-${round}` },
        challengeMetadata: `ROUND-${round}`,
      });
      return event;
    },
    verifyAuthChallengeResponse: async (event: any) => {
      event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters?.answer;
      return event;
    },
  };
}

export const scenarios: Scenario[] = [
  {
    id: 'srp',
    title: 'SRP (default flow), wrong password then right',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, password: 'Wrong-Passw0rd!' });
      await d.signIn({ username: u.username, password: u.password });
    },
  },
  {
    id: 'userpw',
    title: 'USER_PASSWORD_AUTH, wrong password then right',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, password: 'Wrong-Passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      await d.signIn({ username: u.username, password: u.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    },
  },
  {
    id: 'unknown',
    title: 'unknown user (PreventUserExistenceErrors)',
    pool: 'main',
    ends: { error: 'NotAuthorizedException' },
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: `${u.username}-nobody`, password: u.password });
    },
  },
  {
    id: 'totpsetup',
    title: 'TOTP setup (MFA required), wrong code then right, then a TOTP sign-in',
    pool: 'requiredTotp',
    user: { password: PASSWORD, status: 'CONFIRMED', attributes: { email: EMAIL } },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      const secret: string | undefined = d.lastNextStep()?.totpSetupDetails?.sharedSecret;
      if (!secret) return;
      await codeStep(d, u, () => u.totpOf(secret));
      await u.signOut();
      await d.signIn({ username: u.username, password: u.password });
      await codeStep(d, u, () => u.totpOf(secret));
    },
  },
  {
    id: 'totp',
    title: 'TOTP code, wrong then right',
    pool: 'main',
    user: confirmed({ mfa: { totp: { secret: TOTP_SECRET }, preferred: 'TOTP' } }),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await codeStep(d, u, () => u.totp());
    },
  },
  {
    id: 'sms',
    title: 'SMS code, wrong then right',
    pool: 'main',
    user: confirmed({ mfa: { sms: true, preferred: 'SMS' } }),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await codeStep(d, u, () => u.code('SMS'));
    },
  },
  {
    id: 'email',
    title: 'email code, wrong then right',
    pool: 'main',
    user: confirmed({ mfa: { email: true, preferred: 'EMAIL' } }),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await codeStep(d, u, () => u.code('EMAIL'));
    },
  },
  {
    id: 'expired',
    title: 'the sign-in session expires at the SMS step, then a new sign-in',
    pool: 'main',
    user: confirmed({ mfa: { sms: true, preferred: 'SMS' } }),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      const code = u.code('SMS');
      u.advanceClock(4 * 60_000);
      await d.confirmSignIn(code);
      await u.signOut();
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn(u.code('SMS'));
    },
  },
  {
    id: 'setupemail',
    title: 'MFA setup selection → email setup → email code',
    pool: 'requiredChoice',
    user: { password: PASSWORD, status: 'CONFIRMED', attributes: {} },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn('EMAIL');
      await d.confirmSignIn(EMAIL);
      await codeStep(d, u, () => u.code('EMAIL'));
    },
  },
  {
    id: 'setuptotp',
    title: 'MFA setup selection → TOTP setup',
    pool: 'requiredChoice',
    user: { password: PASSWORD, status: 'CONFIRMED', attributes: {} },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn('TOTP');
      const secret: string | undefined = d.lastNextStep()?.totpSetupDetails?.sharedSecret;
      if (!secret) return;
      await codeStep(d, u, () => u.totpOf(secret));
    },
  },
  ...(['SMS', 'TOTP', 'EMAIL'] as const).map(
    (type): Scenario => ({
      id: `select${type.toLowerCase()}`,
      title: `MFA selection → ${type}`,
      pool: 'main',
      user: confirmed({ mfa: { sms: true, email: true, totp: { secret: TOTP_SECRET } } }),
      async run(d, u) {
        await d.signIn({ username: u.username, password: u.password });
        await d.confirmSignIn(type);
        await codeStep(d, u, () => (type === 'TOTP' ? u.totp() : u.code(type)));
      },
    }),
  ),
  {
    id: 'newpw',
    title: 'new password with a required attribute',
    pool: 'main',
    user: { password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: EMAIL }, requiredAttributes: ['name'] },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn(NEW_PASSWORD, { userAttributes: { name: 'Ada Lovelace' } });
      await u.signOut();
      await d.signIn({ username: u.username, password: NEW_PASSWORD });
    },
  },
  {
    id: 'newpwmissing',
    title: 'new password: the required attribute forgotten, then given',
    pool: 'main',
    user: { password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: EMAIL }, requiredAttributes: ['name'] },
    deliberate: [
      {
        index: 1,
        amplify: { op: 'confirmSignIn', error: 'InvalidParameterException' },
        nextstep: { op: 'confirmSignIn', error: 'MissingRequiredAttributes' },
        reason: 'nextstep checks missingAttributes locally before sending; Amplify lets Cognito refuse the answer',
      },
    ],
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn(NEW_PASSWORD);
      await d.confirmSignIn(NEW_PASSWORD, { userAttributes: { name: 'Ada Lovelace' } });
    },
  },
  {
    id: 'custom',
    title: 'custom challenge without SRP: two rounds, a wrong answer in between',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
      await d.confirmSignIn('answer-1');
      await d.confirmSignIn('not-it');
      await d.confirmSignIn('answer-2');
    },
  },
  {
    id: 'customsrp',
    title: 'custom challenge after SRP: two rounds',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
      await d.confirmSignIn('answer-1');
      await d.confirmSignIn('answer-2');
    },
  },
  {
    id: 'customfail',
    title: 'custom challenge: failAuthentication after three wrong answers',
    pool: 'main',
    ends: { error: 'NotAuthorizedException' },
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
      await d.confirmSignIn('wrong-1');
      await d.confirmSignIn('wrong-2');
      await d.confirmSignIn('wrong-3');
    },
  },
  {
    id: 'uaemail',
    title: 'USER_AUTH preferring EMAIL_OTP',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: { ...USER_AUTH, preferredChallenge: 'EMAIL_OTP' } });
      await codeStep(d, u, () => u.code('EMAIL'));
    },
  },
  {
    id: 'uasms',
    title: 'USER_AUTH preferring SMS_OTP',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: { ...USER_AUTH, preferredChallenge: 'SMS_OTP' } });
      await codeStep(d, u, () => u.code('SMS'));
    },
  },
  {
    id: 'uapassword',
    title: 'USER_AUTH preferring PASSWORD',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password, options: { ...USER_AUTH, preferredChallenge: 'PASSWORD' } });
    },
  },
  {
    id: 'uasrp',
    title: 'USER_AUTH preferring PASSWORD_SRP',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password, options: { ...USER_AUTH, preferredChallenge: 'PASSWORD_SRP' } });
    },
  },
  {
    id: 'uaselectpw',
    title: 'USER_AUTH first-factor selection → PASSWORD',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: USER_AUTH });
      await d.confirmSignIn('PASSWORD');
      await d.confirmSignIn(u.password);
    },
  },
  {
    id: 'uaselectsrp',
    title: 'USER_AUTH first-factor selection → PASSWORD_SRP',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: USER_AUTH });
      await d.confirmSignIn('PASSWORD_SRP');
      await d.confirmSignIn(u.password);
    },
  },
  {
    id: 'uaselectemail',
    title: 'USER_AUTH first-factor selection → EMAIL_OTP',
    pool: 'main',
    user: confirmed(),
    async run(d, u) {
      await d.signIn({ username: u.username, options: USER_AUTH });
      await d.confirmSignIn('EMAIL_OTP');
      await codeStep(d, u, () => u.code('EMAIL'));
    },
  },
  {
    id: 'unconfirmed',
    title: 'unconfirmed user: CONFIRM_SIGN_UP, resend, confirm, sign in',
    pool: 'main',
    user: { password: PASSWORD, status: 'UNCONFIRMED', attributes: { email: EMAIL } },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.resendSignUpCode({ username: u.username });
      const code = u.code('EMAIL', 'SIGN_UP');
      await d.confirmSignUp({ username: u.username, confirmationCode: u.wrong(code) });
      await d.confirmSignUp({ username: u.username, confirmationCode: code });
      await d.signIn({ username: u.username, password: u.password });
    },
  },
  {
    id: 'signup',
    title: 'sign-up, confirm, sign in',
    pool: 'main',
    async run(d, u) {
      await d.signUp({ username: u.username, password: u.password, options: { userAttributes: { email: EMAIL } } });
      await d.confirmSignUp({ username: u.username, confirmationCode: u.code('EMAIL', 'SIGN_UP') });
      await d.signIn({ username: u.username, password: u.password });
    },
  },
  {
    id: 'reset',
    title: 'reset-required user: RESET_PASSWORD, reset, confirm, sign in',
    pool: 'main',
    user: { password: PASSWORD, status: 'RESET_REQUIRED', attributes: { email: EMAIL, email_verified: 'true' } },
    async run(d, u) {
      await d.signIn({ username: u.username, password: u.password });
      await d.resetPassword({ username: u.username });
      const code = u.code('EMAIL', 'FORGOT_PASSWORD');
      await d.confirmResetPassword({ username: u.username, confirmationCode: u.wrong(code), newPassword: NEW_PASSWORD });
      await d.confirmResetPassword({ username: u.username, confirmationCode: code, newPassword: NEW_PASSWORD });
      await d.signIn({ username: u.username, password: NEW_PASSWORD });
    },
  },
  {
    id: 'valsignin',
    title: 'local validation of sign-in input (nothing sent)',
    pool: 'main',
    user: confirmed({ mfa: { sms: true, totp: { secret: TOTP_SECRET } } }),
    deliberate: [
      {
        index: 3,
        amplify: { op: 'signIn', output: { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' } } },
        nextstep: { op: 'signIn', error: 'InvalidPreferredChallenge' },
        reason: 'nextstep checks preferredChallenge against the first factors Cognito knows before sending; Amplify sends any string',
      },
    ],
    async run(d, u) {
      await d.signIn({ username: '', password: u.password });
      await d.signIn({ username: u.username, password: '' });
      await d.signIn({ username: u.username, password: u.password, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
      await d.signIn({ username: u.username, options: { ...USER_AUTH, preferredChallenge: 'CARRIER_PIGEON' } });
      await d.signIn({ username: u.username, password: u.password });
      await d.confirmSignIn('');
      await d.confirmSignIn('CARRIER_PIGEON');
      await d.confirmSignIn('TOTP');
      await d.confirmSignIn(u.totp());
    },
  },
  {
    id: 'valaccount',
    title: 'local validation of sign-up and reset input (nothing sent)',
    pool: 'main',
    ends: { error: 'EmptyConfirmResetPasswordNewPassword' },
    async run(d, u) {
      await d.signUp({ username: '', password: u.password });
      await d.signUp({ username: u.username, password: '' });
      await d.confirmSignUp({ username: '', confirmationCode: '123456' });
      await d.confirmSignUp({ username: u.username, confirmationCode: '' });
      await d.resendSignUpCode({ username: '' });
      await d.resetPassword({ username: '' });
      await d.confirmResetPassword({ username: '', confirmationCode: '123456', newPassword: NEW_PASSWORD });
      await d.confirmResetPassword({ username: u.username, confirmationCode: '', newPassword: NEW_PASSWORD });
      await d.confirmResetPassword({ username: u.username, confirmationCode: '123456', newPassword: '' });
    },
  },
];
