/**
 * At DONE the tokens go to the Auth's store: the one part of sessions every app carries.
 * @module
 */
import type { Engine } from '../engine.js';
import type { AuthTokens, FlowInfo } from '../types.js';
import { jwtPayload } from './jwt.js';
import type { StoredSession } from './types.js';

/** A claim's value when it is a string. */
const stringClaim = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The session record for fresh tokens; the clock offset is measured now against `iat`. */
export function sessionRecord(
  engine: Engine,
  tokens: { accessToken: string; idToken?: string | undefined; refreshToken?: string | undefined },
  base: Pick<StoredSession, 'signInDetails'> & { refreshedAt?: number },
): StoredSession {
  const access = jwtPayload(tokens.accessToken);
  const sub = stringClaim(access.sub) ?? '';
  const username = stringClaim(access.username) ?? stringClaim(access['cognito:username']) ?? '';
  const iatMs = typeof access.iat === 'number' ? access.iat * 1000 : engine.now();
  return {
    format: 'nextstep.session/1',
    userId: sub,
    username,
    ...(base.signInDetails ? { signInDetails: base.signInDetails } : {}),
    accessToken: tokens.accessToken,
    ...(tokens.idToken ? { idToken: tokens.idToken } : {}),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    // The token was issued a moment ago by Cognito's clock: the difference is the device's skew.
    clockOffsetMs: engine.now() - iatMs,
    ...(base.refreshedAt !== undefined ? { refreshedAt: base.refreshedAt } : {}),
  };
}

/** @internal Called by the flow at DONE. With one user at a time, the new user replaces any other. */
export async function saveSignIn(engine: Engine, info: FlowInfo, tokens: AuthTokens): Promise<void> {
  const record = sessionRecord(engine, tokens, { signInDetails: { loginId: info.username, authFlowType: info.authFlow } });
  if (!record.userId) return;
  const { store, mode } = engine.session;
  if (mode === 'one') for (const id of await store.list()) if (id !== record.userId) await store.remove(id);
  await store.set(record.userId, record);
}
