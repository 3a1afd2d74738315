/**
 * The shared steps of the sign-in state machine: issuing challenges and tokens, the order
 * of steps after the first factor (status checks → NEW_PASSWORD_REQUIRED → a configured
 * unknown challenge → MFA or MFA setup → tokens), first factors, codes, injected challenges.
 */
import { recordAuthEvent } from './auth-events.js';
import { randomBytes } from 'node:crypto';
import { maskEmail, maskPhone, randomCode } from './codes.js';
import { recordFailure, recordSuccess, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { customMessage, postAuthentication, preTokenGeneration } from './lambda-triggers.js';
import type { AppClient, Pool, User } from './model.js';
import { reqParam } from './params.js';
import { deviceOfSignIn, deviceStep } from './device-auth.js';
import type { AuthResponse, AuthState } from './sessions.js';
import { hasPasskey, webAuthnChallenge } from './webauthn.js';
import { checkPassword, poolNameOf, startSrp } from './srp.js';

export const MFA_CODE_DIGITS = 6;
/** Passwordless first-factor codes (USER_AUTH EMAIL_OTP / SMS_OTP) have 8 digits, as Cognito's. */
const OTP_CODE_DIGITS = 8;
const MFA_TO_PREF: Record<string, 'SMS' | 'TOTP' | 'EMAIL'> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };

/** One call of the state machine: where it runs and the sign-in's state. */
export interface Call {
  ctx: Ctx;
  pool: Pool;
  client: AppClient;
  user: User;
  state: AuthState;
}

/** SRP_A from the client; InvalidParameterException when it is not hex. */
export function parseA(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length > 2048) throw errors.invalidParameter('SRP_A is not a valid hex number');
  return BigInt('0x' + hex);
}

/** The state of a fresh sign-in. */
export function newState(pool: Pool, client: AppClient, user: User, flow: string, clientMetadata: Record<string, string>): AuthState {
  return {
    userPoolId: pool.id,
    clientId: client.id,
    username: user.username,
    flow,
    expect: '',
    firstFactorDone: false,
    newPasswordDone: false,
    unknownDone: false,
    mfaDone: false,
    passwordless: false,
    clientMetadata,
  };
}

/** Answers a challenge with a new single-use Session carrying the state. */
export function challenge(c: Call, name: string, parameters: Record<string, string>, extra: Record<string, unknown> = {}): AuthResponse {
  c.state.expect = name;
  const Session = c.ctx.sessions.create(c.state, c.client.sessionValidityMinutes);
  return { ChallengeName: name, Session, ChallengeParameters: parameters, ...extra };
}

/** Ends the sign-in with tokens. */
export async function tokens(c: Call): Promise<AuthResponse> {
  recordSuccess(c.user);
  const { ctx, pool, client, user, state } = c;
  recordAuthEvent(user, 'SignIn', 'Pass', ctx.clock.now());
  await postAuthentication(ctx, pool, client.id, user, state.clientMetadata);
  const device = deviceOfSignIn(c);
  const source = state.newPasswordDone ? 'TokenGeneration_NewPasswordChallenge' : 'TokenGeneration_Authentication';
  const customize = (id: Record<string, unknown>, access: Record<string, unknown>) => preTokenGeneration(ctx, pool, { clientId: client.id, user, source, clientMetadata: state.clientMetadata }, id, access);
  const result = await ctx.tokens.issue(pool, client, user, { deviceKey: device.deviceKey, customize });
  if (device.metadata) result.NewDeviceMetadata = device.metadata;
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** Starts SRP: PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK. */
export function srpChallenge(c: Call, A: bigint): AuthResponse {
  if (!c.user.password) throw errors.notAuthorized();
  let srp;
  try {
    srp = startSrp(A, c.user.password.verifier);
  } catch {
    throw errors.invalidParameter('SRP_A is invalid');
  }
  c.state.srp = srp;
  // Cognito's SECRET_BLOCK is an opaque blob the client signs; random bytes serve.
  c.state.secretBlock = randomBytes(96).toString('base64');
  return challenge(c, 'PASSWORD_VERIFIER', {
    SALT: c.user.password.saltHex,
    SRP_B: srp.B.toString(16),
    SECRET_BLOCK: c.state.secretBlock,
    USERNAME: c.user.username,
    USER_ID_FOR_SRP: c.user.username,
  });
}

/** Status checks once the user proved who they are. */
export function afterFirstFactor(c: Call): void {
  if (c.user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (c.user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
  if (c.user.status === 'FORCE_CHANGE_PASSWORD' && !c.state.passwordless && c.user.temporaryPasswordAt !== undefined) {
    const days = c.pool.passwordPolicy.temporaryPasswordValidityDays;
    if (c.ctx.clock.now() > c.user.temporaryPasswordAt + days * 86_400_000) {
      throw errors.notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
  }
  c.state.firstFactorDone = true;
  recordSuccess(c.user);
}

/** MFA factors the user has enabled and the pool allows. */
export function userFactors(pool: Pool, user: User): string[] {
  const out: string[] = [];
  if (pool.enabledMfas.has('SMS_MFA') && user.mfa.sms && user.attributes.phone_number) out.push('SMS_MFA');
  if (pool.enabledMfas.has('SOFTWARE_TOKEN_MFA') && user.mfa.totp && user.mfa.totpEnabled) out.push('SOFTWARE_TOKEN_MFA');
  if (pool.enabledMfas.has('EMAIL_OTP') && user.mfa.email && user.attributes.email) out.push('EMAIL_OTP');
  return out;
}

export async function sendCode(c: Call, medium: 'SMS' | 'EMAIL', purpose: 'MFA' | 'OTP' | 'EMAIL_SETUP', digits: number, destination: string): Promise<Record<string, string>> {
  const code = randomCode(digits);
  c.state.code = code;
  const text = await customMessage(c.ctx, c.pool, { clientId: c.client.id, user: c.user, source: 'CustomMessage_Authentication', medium, code, clientMetadata: c.state.clientMetadata });
  c.ctx.outbox.send({ userPoolId: c.pool.id, username: c.user.username, medium, destination, code, purpose, ...text, at: c.ctx.clock.now() });
  return {
    CODE_DELIVERY_DELIVERY_MEDIUM: medium,
    CODE_DELIVERY_DESTINATION: medium === 'SMS' ? maskPhone(destination) : maskEmail(destination),
  };
}

export async function mfaChallenge(c: Call, name: string): Promise<AuthResponse> {
  if (name === 'SMS_MFA') return challenge(c, 'SMS_MFA', await sendCode(c, 'SMS', 'MFA', MFA_CODE_DIGITS, c.user.attributes.phone_number ?? ''));
  if (name === 'EMAIL_OTP') return challenge(c, 'EMAIL_OTP', await sendCode(c, 'EMAIL', 'MFA', MFA_CODE_DIGITS, c.user.attributes.email ?? ''));
  return challenge(c, 'SOFTWARE_TOKEN_MFA', { FRIENDLY_DEVICE_NAME: c.user.mfa.totp?.friendlyDeviceName ?? 'TOTP device' });
}

/** What comes after a completed step: the next challenge, or tokens. */
export async function next(c: Call): Promise<AuthResponse> {
  const { user, pool, state } = c;
  if (user.status === 'FORCE_CHANGE_PASSWORD' && !state.newPasswordDone) {
    const missing = user.requiredAttributes.filter((a) => !user.attributes[a]);
    const shown: Record<string, string> = {};
    for (const [k, v] of Object.entries(user.attributes)) if (k !== 'sub' && !k.endsWith('_verified')) shown[k] = v;
    return challenge(c, 'NEW_PASSWORD_REQUIRED', {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missing.map((a) => `userAttributes.${a}`)),
      userAttributes: JSON.stringify(shown),
    });
  }
  if (user.unknownChallenge && !state.unknownDone) {
    state.unknown = { answer: user.unknownChallenge.answer };
    return challenge(c, user.unknownChallenge.challengeName, { ...user.unknownChallenge.challengeParameters });
  }
  const deviceFirst = deviceStep(c, true);
  if (deviceFirst) return deviceFirst;
  if (!state.mfaDone && !state.passwordless && pool.mfa !== 'OFF') {
    let factors = userFactors(pool, user);
    if (factors.length === 0 && pool.mfa === 'ON') {
      // Cognito sends SMS MFA by itself when it is required and the user has a phone number.
      if (pool.enabledMfas.has('SMS_MFA') && user.attributes.phone_number) factors = ['SMS_MFA'];
      else {
        const canSetup = (['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const).filter((m) => pool.enabledMfas.has(m));
        state.setup = {};
        return challenge(c, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(canSetup.length ? canSetup : ['SMS_MFA']) });
      }
    }
    if (factors.length > 0) {
      const preferred = factors.find((f) => MFA_TO_PREF[f] === user.mfa.preferred);
      if (preferred || factors.length === 1) {
        state.mfaChoices = [preferred ?? factors[0]!];
        return mfaChallenge(c, preferred ?? factors[0]!);
      }
      state.mfaChoices = factors;
      return challenge(c, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(factors) });
    }
  }
  const deviceLast = deviceStep(c, false);
  if (deviceLast) return deviceLast;
  return tokens(c);
}


// ---- first factors ----------------------------------------------------------------------

export function firstFactorsOf(pool: Pool, user: User): string[] {
  const out: string[] = [];
  for (const f of pool.allowedFirstAuthFactors) {
    if (f === 'PASSWORD' && user.password) out.push('PASSWORD', 'PASSWORD_SRP');
    if (f === 'EMAIL_OTP' && user.attributes.email) out.push('EMAIL_OTP');
    if (f === 'SMS_OTP' && user.attributes.phone_number) out.push('SMS_OTP');
    if (f === 'WEB_AUTHN' && hasPasskey(pool, user)) out.push('WEB_AUTHN');
  }
  return out;
}

export async function passwordFirstFactor(c: Call, password: string): Promise<AuthResponse> {
  if (!c.user.password || !checkPassword(c.user.password, poolNameOf(c.pool.id), c.user.username, password)) {
    recordFailure(c.ctx, c.user);
    throw errors.notAuthorized();
  }
  afterFirstFactor(c);
  return next(c);
}

export async function passwordlessChallenge(c: Call, which: 'EMAIL_OTP' | 'SMS_OTP'): Promise<AuthResponse> {
  c.state.passwordless = true;
  const params = which === 'EMAIL_OTP'
    ? await sendCode(c, 'EMAIL', 'OTP', OTP_CODE_DIGITS, c.user.attributes.email ?? '')
    : await sendCode(c, 'SMS', 'OTP', OTP_CODE_DIGITS, c.user.attributes.phone_number ?? '');
  return challenge(c, which, params);
}

/** USER_AUTH: the chosen first factor (from PREFERRED_CHALLENGE or a SELECT_CHALLENGE answer). */
export async function chooseFirstFactor(c: Call, choice: string, params: Record<string, string>): Promise<AuthResponse> {
  const available = firstFactorsOf(c.pool, c.user);
  if (!available.includes(choice)) throw errors.invalidParameter(`${choice} is not an available challenge for this user.`);
  c.state.availableChallenges = undefined;
  if (choice === 'PASSWORD') return passwordFirstFactor(c, reqParam(params, 'PASSWORD'));
  if (choice === 'PASSWORD_SRP') return srpChallenge(c, parseA(reqParam(params, 'SRP_A')));
  if (choice === 'WEB_AUTHN') return webAuthnChallenge(c);
  return passwordlessChallenge(c, choice as 'EMAIL_OTP' | 'SMS_OTP');
}

// ---- codes ------------------------------------------------------------------------------

export function codeMatches(expected: string | undefined, given: string | undefined): boolean {
  return expected !== undefined && given !== undefined && expected.length === given.length && expected === given;
}

/** A wrong code: count it, keep the session, answer CodeMismatchException. */
export function wrongCode(c: Call): never {
  recordFailure(c.ctx, c.user);
  throw errors.codeMismatch();
}

/**
 * Fault `unknown-challenge`: holds back a sign-in answer behind a challenge the client has
 * never heard of; answering it (ANSWER = expectedAnswer, or anything when unset) releases
 * the held answer.
 */
export function interpose(c: Call, operation: string, response: AuthResponse): AuthResponse {
  if (!response.ChallengeName && !response.AuthenticationResult) return response;
  const spec = c.ctx.faults.take(operation, ['unknown-challenge']);
  if (!spec) return response;
  const wrapped: AuthState = { ...c.state, expect: spec.challengeName ?? 'FUTURE_CHALLENGE', unknown: { answer: spec.expectedAnswer, resume: response } };
  const Session = c.ctx.sessions.create(wrapped, c.client.sessionValidityMinutes);
  return { ChallengeName: wrapped.expect, Session, ChallengeParameters: { ...(spec.challengeParameters ?? {}) } };
}

