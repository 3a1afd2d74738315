/**
 * Sign-in history per user for AdminListUserAuthEvents, and AdminDeleteUserAttributes.
 * Cognito keeps auth events only with threat protection (UserPoolAddOns
 * AdvancedSecurityMode AUDIT or ENFORCED); without it the call answers
 * UserPoolAddOnNotEnabledException.
 */
import { randomUUID } from 'node:crypto';
import { epochSeconds, existingUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Store, User } from './model.js';
import { paginate } from './pagination.js';
import { reqString, stringList, type Input } from './params.js';

export interface AuthEvent {
  id: string;
  type: 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';
  response: 'Pass' | 'Fail';
  at: number;
  /** AdminUpdateAuthEventFeedback / UpdateAuthEventFeedback (risk-configuration.ts). */
  feedback?: { value: 'Valid' | 'Invalid'; provider: 'Admin' | 'User'; at: number };
}

const KEEP = 100;
const events = new WeakMap<User, AuthEvent[]>();
/** Users' events not yet journaled, oldest first, while some emulator keeps a data directory. */
let changed: Map<User, AuthEvent[]> | undefined;
const keepingStores = new Set<Store>();

/**
 * A user's events as a data directory keeps them (the sub binds them to that user): all of
 * them (`events`, newest first) at compaction, new ones (`added`, oldest first) after a request.
 */
export type AuthEventsRecord = { pool: string; username: string; sub: string } & ({ events: AuthEvent[] } | { added: AuthEvent[] });

function poolOf(store: Store, user: User): string | undefined {
  for (const pool of store.pools.values()) if (pool.users.get(user.username) === user) return pool.id;
  return undefined;
}

/**
 * Keeps the auth events of `store`'s users in a data directory: applies stored records to
 * the users they belong to, and journals new events.
 */
export function keepAuthEvents(store: Store, records: readonly AuthEventsRecord[]) {
  for (const r of records) {
    const user = store.pools.get(r.pool)?.users.get(r.username);
    if (!user || user.sub !== r.sub) continue;
    if ('events' in r) {
      events.set(user, r.events);
      continue;
    }
    const list = events.get(user) ?? [];
    // A crash during compaction replays lines the snapshot holds already: skip known ids.
    for (const e of r.added) if (!list.some((x) => x.id === e.id)) list.unshift(e);
    if (list.length > KEEP) list.length = KEEP;
    events.set(user, list);
  }
  changed ??= new Map();
  keepingStores.add(store);
  const recordOf = (pool: string, user: User): AuthEventsRecord => ({ pool, username: user.username, sub: user.sub, events: events.get(user) ?? [] });
  return {
    drain(): AuthEventsRecord[] {
      const out: AuthEventsRecord[] = [];
      for (const [user, added] of changed ?? []) {
        const pool = poolOf(store, user);
        if (pool !== undefined) {
          out.push({ pool, username: user.username, sub: user.sub, added });
          changed!.delete(user);
        } else if (![...keepingStores].some((s) => poolOf(s, user) !== undefined)) changed!.delete(user); // deleted: nothing to keep
      }
      return out;
    },
    snapshot(): AuthEventsRecord[] {
      const out: AuthEventsRecord[] = [];
      for (const pool of store.pools.values()) for (const user of pool.users.values()) if (events.has(user)) out.push(recordOf(pool.id, user));
      return out;
    },
    /** Stops tracking (the emulator closed). */
    stop(): void {
      keepingStores.delete(store);
    },
  };
}

/** Notes a sign-in (or other auth event) of a user; the newest {@link KEEP} are kept. */
export function recordAuthEvent(user: User, type: AuthEvent['type'], response: AuthEvent['response'], at: number): void {
  let list = events.get(user);
  if (!list) events.set(user, (list = []));
  list.unshift({ id: randomUUID(), type, response, at });
  if (list.length > KEEP) list.length = KEEP;
  if (changed) {
    const news = changed.get(user);
    if (news) {
      news.push(list[0]!);
      if (news.length > KEEP) news.shift();
    }
    else changed.set(user, [list[0]!]);
  }
}

/** One of a user's kept auth events, by EventId. */
export function findAuthEvent(user: User, id: string): AuthEvent | undefined {
  return events.get(user)?.find((e) => e.id === id);
}

/** AdminListUserAuthEvents (MaxResults 0..60, NextToken), newest first. */
export function adminListUserAuthEvents(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const mode = (pool.settings.kept.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  if (mode !== 'AUDIT' && mode !== 'ENFORCED') throw new CognitoError('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
  const { page, next } = paginate(input, events.get(user) ?? [], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 60, scope: `events/${pool.id}/${user.username}` });
  return {
    AuthEvents: page.map((e) => ({
      EventId: e.id,
      EventType: e.type,
      CreationDate: epochSeconds(e.at),
      EventResponse: e.response,
      EventRisk: { RiskDecision: 'NoRisk', RiskLevel: 'Low', CompromisedCredentialsDetected: false },
      ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: e.response === 'Pass' ? 'Success' : 'Failure' }],
      EventContextData: { IpAddress: '127.0.0.1', DeviceName: 'Unknown', Timezone: '+00:00', City: 'Unknown', Country: 'Unknown' },
      ...(e.feedback ? { EventFeedback: { FeedbackValue: e.feedback.value, Provider: e.feedback.provider, FeedbackDate: epochSeconds(e.feedback.at) } } : {}),
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** AdminDeleteUserAttributes (sub and immutable attributes cannot be deleted). */
export function adminDeleteUserAttributes(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const names = stringList(input, 'UserAttributeNames');
  if (!names) throw errors.invalidParameter("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  for (const n of names) {
    const s = pool.settings.schema.find((a) => a.Name === n);
    if (n === 'sub' || (s && !s.Mutable)) throw errors.invalidParameter(`Cannot modify the non-mutable attribute ${n}`);
    if (s?.Required) throw errors.invalidParameter(`Attributes did not conform to the schema: ${n}: The attribute is required`);
  }
  for (const n of names) {
    delete user.attributes[n];
    // Without the contact its verified flag goes too.
    if (n === 'email' || n === 'phone_number') delete user.attributes[`${n}_verified`];
  }
  user.modifiedAt = ctx.clock.now();
  return {};
}
