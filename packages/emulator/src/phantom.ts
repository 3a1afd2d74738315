/**
 * PreventUserExistenceErrors: a sign-in of a user who does not exist must look like a real
 * user's with a wrong password — same challenge parameters, same errors, about the same time.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { challenge, newState, parseA, srpChallenge, type Call } from './auth-steps.js';
import { maskEmail, maskPhone } from './codes.js';
import { answerCustomChallenge, defineNext } from './custom-auth.js';
import { errors } from './errors.js';
import { reqParam } from './params.js';
import type { AuthState } from './sessions.js';
import type { Ctx } from './context.js';
import { newUser, setPassword, type AppClient, type Pool } from './model.js';
import type { AuthResponse } from './sessions.js';
import { checkPassword, makeVerifier, poolNameOf } from './srp.js';

// Keyed per process, so a caller cannot compute the fake salt or id of a name and compare.
const KEY = randomBytes(32);

function digest(pool: Pool, name: string, what: string): Buffer {
  return createHmac('sha256', KEY).update(`${what}\0${pool.id}\0${name}`).digest();
}

/** A stable internal-looking user name (a v4 UUID, as Cognito's generated names) for an unknown name. */
export function phantomUserId(pool: Pool, name: string): string {
  const b = digest(pool, name, 'id').subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The user name a real user's challenge would carry: in pools that sign in with an email or
 * phone number (UsernameAttributes, or an alias) real users carry their generated or chosen
 * name, never what was typed; so the phantom carries a fake id too.
 */
function phantomName(pool: Pool, given: string): string {
  return pool.usernameAttributes.length > 0 || pool.aliasAttributes.length > 0 ? phantomUserId(pool, given) : given;
}

/** A sign-in of an unknown user: a user object that exists only in this sign-in's state. */
function phantomCall(ctx: Ctx, pool: Pool, client: AppClient, given: string, flow: string, clientMetadata: Record<string, string>): Call {
  const user = newUser(phantomName(pool, given), ctx.clock.now());
  user.attributes = {};
  setPassword(pool, user, randomBytes(24).toString('base64'), ctx.clock.now());
  // Unpadded hex of 128 bits, as real salts are.
  user.password!.saltHex = BigInt('0x' + digest(pool, given, 'salt').subarray(0, 16).toString('hex')).toString(16);
  const state = newState(pool, client, user, flow, clientMetadata);
  state.phantom = true;
  state.phantomNames = [given, user.username];
  return { ctx, pool, client, user, state };
}

/** The phantom of a sign-in already under way (its Session's state). */
export function resumePhantom(ctx: Ctx, pool: Pool, client: AppClient, state: AuthState): Call {
  const user = newUser(state.username, ctx.clock.now());
  user.attributes = {};
  return { ctx, pool, client, user, state };
}

/**
 * An unknown user's USER_SRP_AUTH: a PASSWORD_VERIFIER like a real one (salt and USER_ID_FOR_SRP
 * stable per name, a random verifier); the claim then fails as a wrong password would.
 */
export function phantomSrp(ctx: Ctx, pool: Pool, client: AppClient, given: string, A: bigint, clientMetadata: Record<string, string>): AuthResponse {
  return srpChallenge(phantomCall(ctx, pool, client, given, 'USER_SRP_AUTH', clientMetadata), A);
}

/**
 * An unknown user's CUSTOM_AUTH: the custom-auth triggers run with `request.userNotFound`
 * true, as Cognito runs them, so they can present a challenge like a real user's; whatever
 * they answer, no tokens come of it (NotAuthorizedException).
 */
export function phantomCustomAuth(ctx: Ctx, pool: Pool, client: AppClient, given: string, params: Record<string, string>, clientMetadata: Record<string, string>): Promise<AuthResponse> {
  const c = phantomCall(ctx, pool, client, given, 'CUSTOM_AUTH', clientMetadata);
  c.state.custom = { history: [] };
  if (params.SRP_A !== undefined || params.CHALLENGE_NAME === 'SRP_A') {
    c.state.srp = { A: parseA(reqParam(params, 'SRP_A')), b: 0n, B: 0n };
    c.state.custom.history.push({ challengeName: 'SRP_A', challengeResult: true });
  }
  return defineNext(c);
}

/** The first factors an unknown user is offered: every one the pool allows but passkeys (a phantom has none). */
function phantomFactors(pool: Pool): string[] {
  const out: string[] = [];
  for (const f of pool.allowedFirstAuthFactors) {
    if (f === 'PASSWORD') out.push('PASSWORD', 'PASSWORD_SRP');
    if (f === 'EMAIL_OTP' || f === 'SMS_OTP') out.push(f);
  }
  return out;
}

/** The phantom's choice of first factor: a password check that fails, SRP, or a code that never matches. */
function phantomFirstFactor(c: Call, given: string, choice: string, params: Record<string, string>): AuthResponse {
  c.state.availableChallenges = undefined;
  if (choice === 'PASSWORD') {
    dummyPasswordCheck(c.pool, given, reqParam(params, 'PASSWORD'));
    throw errors.notAuthorized();
  }
  if (choice === 'PASSWORD_SRP') return srpChallenge(c, parseA(reqParam(params, 'SRP_A')));
  const email = choice === 'EMAIL_OTP';
  const looks = email ? /^[^@\s]+@[^@\s]+$/.test(given) : /^\+\d{4,15}$/.test(given);
  const d = digest(c.pool, given, 'destination');
  const destination = looks ? (email ? maskEmail(given) : maskPhone(given)) : email ? `${String.fromCharCode(97 + (d[0]! % 26))}***@${String.fromCharCode(97 + (d[1]! % 26))}***` : `+*******${String(d.readUInt16BE(2) % 10_000).padStart(4, '0')}`;
  c.state.passwordless = true;
  return challenge(c, choice, { CODE_DELIVERY_DELIVERY_MEDIUM: email ? 'EMAIL' : 'SMS', CODE_DELIVERY_DESTINATION: destination });
}

/**
 * An unknown user's USER_AUTH: the challenges the pool allows (SELECT_CHALLENGE, or the
 * preferred one), as Cognito answers choice-based sign-in for users it does not know; codes
 * "sent" never match and passwords never verify.
 */
export function phantomUserAuth(ctx: Ctx, pool: Pool, client: AppClient, given: string, params: Record<string, string>, clientMetadata: Record<string, string>): AuthResponse {
  const c = phantomCall(ctx, pool, client, given, 'USER_AUTH', clientMetadata);
  const available = phantomFactors(pool);
  if (available.length === 0) throw errors.notAuthorized();
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred && available.includes(preferred)) return phantomFirstFactor(c, given, preferred, params);
  c.state.availableChallenges = available;
  return challenge(c, 'SELECT_CHALLENGE', {}, { AvailableChallenges: available });
}

/**
 * An answer in a phantom sign-in, after the checks a real answer gets: a challenge choice or
 * custom challenge continues; a code is wrong (the Session stays answerable, as for a wrong
 * code); anything else fails as a wrong password.
 */
export async function answerPhantom(c: Call, given: string, challengeName: string, r: Record<string, string>, sessionId: string): Promise<AuthResponse> {
  const { state, ctx } = c;
  if (state.expect === 'SELECT_CHALLENGE') {
    const choice = challengeName === 'SELECT_CHALLENGE' ? reqParam(r, 'ANSWER') : challengeName;
    if (!phantomFactors(c.pool).includes(choice)) throw errors.invalidParameter(`${choice} is not an available challenge for this user.`);
    const out = phantomFirstFactor(c, given, choice, r);
    ctx.sessions.consume(sessionId);
    return out;
  }
  if (state.expect === 'EMAIL_OTP' || state.expect === 'SMS_OTP') {
    reqParam(r, `${state.expect}_CODE`);
    throw errors.codeMismatch();
  }
  if (state.expect === 'CUSTOM_CHALLENGE') {
    const out = await answerCustomChallenge(c, r, sessionId);
    ctx.sessions.consume(sessionId);
    return out;
  }
  ctx.sessions.kill(sessionId);
  throw errors.notAuthorized();
}

let dummy: ReturnType<typeof makeVerifier> | undefined;

/** Spends what checking a real password costs, so an unknown user's answer is not faster. */
export function dummyPasswordCheck(pool: Pool, name: string, password: string): void {
  dummy ??= makeVerifier('dummy', 'dummy', randomBytes(16).toString('hex'));
  checkPassword(dummy, poolNameOf(pool.id), name, password);
}

const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;
const PHONE_FORMAT = /^\+\d{4,15}$/;

/**
 * The CodeDeliveryDetails ForgotPassword and ResendConfirmationCode answer for a user who
 * does not exist (or cannot get the code) under PreventUserExistenceErrors: the medium follows
 * the name typed (an email, a phone number) or else the pool's verification settings, and the
 * masked destination is stable per name. None when the pool would send no code at all.
 */
export function simulatedDelivery(pool: Pool, given: string): { Destination: string; DeliveryMedium: 'SMS' | 'EMAIL'; AttributeName: string } | undefined {
  const d = digest(pool, given, 'destination');
  const letter = (i: number) => String.fromCharCode(97 + (d[i]! % 26));
  const fakeEmail = () => ({ Destination: `${letter(0)}***@${letter(1)}***`, DeliveryMedium: 'EMAIL' as const, AttributeName: 'email' });
  const fakePhone = () => ({ Destination: `+*******${String(d.readUInt16BE(2) % 10_000).padStart(4, '0')}`, DeliveryMedium: 'SMS' as const, AttributeName: 'phone_number' });
  if (EMAIL_FORMAT.test(given)) return { Destination: `${given[0]}***@${given[given.indexOf('@') + 1] ?? ''}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (PHONE_FORMAT.test(given)) return { Destination: '+' + '*'.repeat(Math.max(0, given.length - 5)) + given.slice(-4), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  const auto = pool.settings.autoVerifiedAttributes;
  if (auto.includes('email')) return fakeEmail();
  if (auto.includes('phone_number')) return fakePhone();
  return undefined;
}
