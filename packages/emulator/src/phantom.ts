/**
 * PreventUserExistenceErrors: a sign-in of a user who does not exist must look like a real
 * user's with a wrong password — same challenge parameters, same errors, about the same time.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { newState, srpChallenge } from './auth-steps.js';
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

/**
 * An unknown user's USER_SRP_AUTH: a PASSWORD_VERIFIER like a real one (salt and USER_ID_FOR_SRP
 * stable per name, a random verifier); the claim then fails as a wrong password would.
 */
export function phantomSrp(ctx: Ctx, pool: Pool, client: AppClient, given: string, A: bigint, clientMetadata: Record<string, string>): AuthResponse {
  const user = newUser(phantomName(pool, given), ctx.clock.now());
  setPassword(pool, user, randomBytes(24).toString('base64'), ctx.clock.now());
  // Unpadded hex of 128 bits, as real salts are.
  user.password!.saltHex = BigInt('0x' + digest(pool, given, 'salt').subarray(0, 16).toString('hex')).toString(16);
  const state = newState(pool, client, user, 'USER_SRP_AUTH', clientMetadata);
  state.phantom = true;
  state.phantomNames = [given, user.username];
  return srpChallenge({ ctx, pool, client, user, state }, A);
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
