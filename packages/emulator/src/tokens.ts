/**
 * Token issuing: RS256 JWTs with Cognito's claims, a JWKS per pool, opaque refresh tokens.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { opaqueToken } from './codes.js';
import { CognitoError, errors } from './errors.js';
import type { AppClient, Pool, User } from './model.js';
import { lifetimes, tokenPolicyOf } from './token-policy.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  keys: KeyPair;
  jwk: JWK;
}

// RSA key generation costs ~100 ms; one key per process keeps test suites that start many
// emulators fast. Tokens stay bound to their emulator by `iss` (endpoint + pool id).
let sharedKey: Promise<SigningKey> | undefined;
function signingKey(): Promise<SigningKey> {
  sharedKey ??= (async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { kid, keys, jwk };
  })();
  return sharedKey;
}

/** What Cognito answers as AuthenticationResult. */
export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

interface RefreshEntry {
  userPoolId: string;
  clientId: string;
  username: string;
  /** The user's sub: a later user of the same name does not inherit the token. */
  sub: string;
  authTime: number;
  expiresAt: number;
  /** The device the sign-in was made on (remembered-device key), if any. */
  deviceKey?: string;
  /** Rotated out at this time (refresh-token rotation); usable for the grace period after. */
  retiredAt?: number;
  graceMs?: number;
  /** Shared by this refresh token and every id/access token issued with it (`origin_jti`). */
  originJti: string;
}


/** Parsed claims of a valid access token. */
export interface AccessClaims {
  sub: string;
  username: string;
  client_id: string;
  iss: string;
}

export class TokenIssuer {
  private readonly refresh = new Map<string, RefreshEntry>();
  /** Revoked token families (RevokeToken, GlobalSignOut). */
  private readonly revokedOrigins = new Set<string>();
  /** Token families per user (`poolId/username`), for GlobalSignOut. */
  private readonly userOrigins = new Map<string, Set<string>>();

  constructor(
    private readonly endpoint: () => string,
    private readonly now: () => number,
  ) {}

  /** Warms the signing key so the first sign-in is not slow. */
  async ready(): Promise<void> {
    await signingKey();
  }

  issuer(userPoolId: string): string {
    return `${this.endpoint()}/${userPoolId}`;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await signingKey()).jwk] };
  }

  /** Issues id + access tokens (and a refresh token unless `authTime` comes from a refresh). */
  async issue(pool: Pool, client: AppClient, user: User, opts: { authTime?: number; withRefresh?: boolean; originJti?: string; deviceKey?: string; refreshExpiresAt?: number } = {}): Promise<AuthenticationResult> {
    const { kid, keys } = await signingKey();
    const life = lifetimes(tokenPolicyOf(client));
    const nowSec = Math.floor(this.now() / 1000);
    const authTime = opts.authTime ?? nowSec;
    const iss = this.issuer(pool.id);
    const originJti = opts.originJti ?? randomUUID();
    const userKey = `${pool.id}/${user.username}`;
    let origins = this.userOrigins.get(userKey);
    if (!origins) this.userOrigins.set(userKey, (origins = new Set()));
    origins.add(originJti);
    const eventId = randomUUID();
    const sign = (claims: Record<string, unknown>, seconds: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt(nowSec).setExpirationTime(nowSec + seconds).setIssuer(iss).setJti(randomUUID()).sign(keys.privateKey);

    const idClaims: Record<string, unknown> = {
      sub: user.sub,
      aud: client.id,
      'cognito:username': user.username,
      token_use: 'id',
      auth_time: authTime,
      origin_jti: originJti,
      event_id: eventId,
    };
    for (const [name, value] of Object.entries(user.attributes)) {
      if (name === 'sub') continue;
      idClaims[name] = name.endsWith('_verified') ? value === 'true' : value;
    }
    const accessClaims = {
      sub: user.sub,
      client_id: client.id,
      username: user.username,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: authTime,
      origin_jti: originJti,
      event_id: eventId,
    };
    const result: AuthenticationResult = {
      AccessToken: await sign(accessClaims, life.accessSeconds),
      IdToken: await sign(idClaims, life.idSeconds),
      ExpiresIn: life.accessSeconds,
      TokenType: 'Bearer',
    };
    if (opts.withRefresh !== false) {
      const token = opaqueToken(128);
      const expiresAt = opts.refreshExpiresAt ?? this.now() + life.refreshSeconds * 1000;
      this.refresh.set(token, { userPoolId: pool.id, clientId: client.id, username: user.username, sub: user.sub, authTime, expiresAt, originJti, ...(opts.deviceKey ? { deviceKey: opts.deviceKey } : {}) });
      result.RefreshToken = token;
    }
    return result;
  }

  /** Looks up a refresh token; NotAuthorizedException as Cognito when unknown or expired. */
  useRefresh(token: string, clientId: string): RefreshEntry {
    const entry = this.refresh.get(token);
    if (!entry || entry.clientId !== clientId) throw errors.notAuthorized('Invalid Refresh Token');
    if (this.revokedOrigins.has(entry.originJti)) throw errors.notAuthorized('Refresh Token has been revoked');
    if (entry.expiresAt <= this.now()) throw errors.notAuthorized('Refresh Token has expired');
    if (entry.retiredAt !== undefined && this.now() > entry.retiredAt + (entry.graceMs ?? 0)) {
      throw new CognitoError('RefreshTokenReuseException', 'Refresh token has been rotated out and is no longer valid.');
    }
    return entry;
  }

  /** Refresh-token rotation: the token keeps working for `graceMs` (client retries), then fails. */
  retireRefresh(token: string, graceMs: number): void {
    const entry = this.refresh.get(token);
    if (entry && entry.retiredAt === undefined) Object.assign(entry, { retiredAt: this.now(), graceMs });
  }

  /** Drops the refresh tokens of sign-ins made on a device (ForgetDevice); their access tokens run out as usual. */
  revokeDevice(userPoolId: string, deviceKey: string): void {
    for (const [token, e] of this.refresh) if (e.userPoolId === userPoolId && e.deviceKey === deviceKey) this.refresh.delete(token);
  }

  /** The refresh token's entry without checks (RevokeToken). */
  peekRefresh(token: string): RefreshEntry | undefined {
    return this.refresh.get(token);
  }

  /** Revokes a refresh token and every token issued with it. */
  revokeFamily(originJti: string): void {
    this.revokedOrigins.add(originJti);
  }

  /** Revokes every token of a user (GlobalSignOut, AdminUserGlobalSignOut). */
  revokeUser(userPoolId: string, username: string): void {
    for (const o of this.userOrigins.get(`${userPoolId}/${username}`) ?? []) this.revokedOrigins.add(o);
  }

  /** Verifies an access token of this emulator; returns its claims. */
  async verifyAccess(token: string, userPoolIds: Iterable<string>): Promise<AccessClaims & { userPoolId: string }> {
    const { keys } = await signingKey();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys.publicKey, { algorithms: ['RS256'], currentDate: new Date(this.now()) }));
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_JWT_EXPIRED') throw errors.notAuthorized('Access Token has expired');
      throw errors.notAuthorized('Invalid Access Token');
    }
    if (payload.token_use !== 'access') throw errors.notAuthorized('Invalid Access Token');
    if (typeof payload.origin_jti === 'string' && this.revokedOrigins.has(payload.origin_jti)) throw errors.notAuthorized('Access Token has been revoked');
    const iss = String(payload.iss);
    for (const id of userPoolIds) {
      if (iss === this.issuer(id)) return { ...(payload as unknown as AccessClaims), userPoolId: id };
    }
    throw errors.notAuthorized('Invalid Access Token');
  }
}
