/** What every operation handler can reach. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';
import { CognitoError, errors } from './errors.js';
import type { FaultStore } from './faults.js';
import type { AppClient, Pool, User } from './model.js';
import type { OutboxStore } from './outbox.js';
import type { SessionStore } from './sessions.js';
import type { TokenIssuer } from './tokens.js';
import { recordAuthEvent } from './auth-events.js';
import { sameName } from './usernames.js';

export interface Ctx {
  store: import('./model.js').Store;
  sessions: SessionStore;
  tokens: TokenIssuer;
  outbox: OutboxStore;
  clock: Clock;
  faults: FaultStore;
  region: string;
  /** How long a Lambda trigger may run. */
  triggerTimeoutMs: number;
  /** Runs after every API request (persistence writes what changed). */
  afterRequest?: () => void;
  /** The emulator's base URL (upload URLs of user import jobs). */
  endpoint?: () => string;
  /** Lambda functions by ARN, for LambdaConfig. */
  lambdas?: ReadonlyMap<string, import('./config.js').TriggerFunction>;
}

/** Checks SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)) for clients with a secret. */
export function checkSecretHash(client: AppClient, usernames: string[], given: string | undefined): void {
  if (!client.secret) return;
  if (!given) throw errors.notAuthorized(`Client ${client.id} is configured for secret but secret was not received`);
  const g = Buffer.from(given, 'base64');
  // During a rotation (AddUserPoolClientSecret) either secret verifies.
  for (const secret of [client.secret, ...(client.extraSecrets ?? []).map((s) => s.value)]) {
    for (const name of usernames) {
      const expected = createHmac('sha256', secret).update(name + client.id).digest();
      if (g.length === expected.length && timingSafeEqual(g, expected)) return;
    }
  }
  throw errors.notAuthorized(`Unable to verify secret hash for client ${client.id}`);
}

/**
 * Finds a user by user name, by sub, or by an attribute the pool signs in with: a
 * UsernameAttributes attribute (verified or not), or a verified AliasAttributes attribute.
 * Pools with neither accept only the user name or the sub, as Cognito does.
 */
export function lookupUser(pool: Pool, name: string): User | undefined {
  const direct = pool.users.get(name);
  if (direct) return direct;
  for (const u of pool.users.values()) {
    if (u.sub === name || (u.username !== name && sameName(pool, u.username, name))) return u;
    for (const a of pool.usernameAttributes) if (sameName(pool, u.attributes[a], name)) return u;
    for (const a of pool.aliasAttributes) {
      const verified = a === 'preferred_username' || u.attributes[`${a}_verified`] === 'true';
      if (verified && sameName(pool, u.attributes[a], name)) return u;
    }
  }
  return undefined;
}

/** A user for a sign-in; unknown users answer as the client's PreventUserExistenceErrors says. */
export function signInUser(pool: Pool, client: AppClient, name: string): User {
  const user = lookupUser(pool, name);
  if (!user) throw client.preventUserExistenceErrors ? errors.notAuthorized() : errors.userNotFound();
  return user;
}

/** A user for an admin or account call. */
export function existingUser(pool: Pool, name: string): User {
  const user = lookupUser(pool, name);
  if (!user) throw errors.userNotFound();
  return user;
}

const QUIET_MS = 15 * 60_000;
const MAX_LOCK_S = 900;
const FREE_FAILURES = 5;

/** Refuses while the user is locked out after repeated failures. */
export function checkLock(ctx: Ctx, user: User): void {
  if (user.lockedUntil > ctx.clock.now()) throw new CognitoError('NotAuthorizedException', 'Password attempts exceeded');
}

/** Counts a failed password or code; from the 5th on, locks for 2^(n-5) s (capped at 15 min). */
export function recordFailure(ctx: Ctx, user: User): void {
  const now = ctx.clock.now();
  if (now - user.lastFailureAt > QUIET_MS) user.failures = 0;
  user.failures += 1;
  user.lastFailureAt = now;
  recordAuthEvent(user, 'SignIn', 'Fail', now);
  if (user.failures >= FREE_FAILURES) user.lockedUntil = now + Math.min(2 ** (user.failures - FREE_FAILURES), MAX_LOCK_S) * 1000;
}

export function recordSuccess(user: User): void {
  user.failures = 0;
  user.lockedUntil = 0;
}

/** Cognito's `[{Name, Value}]` attribute list. */
export function attributeList(user: User): { Name: string; Value: string }[] {
  return Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
}

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
