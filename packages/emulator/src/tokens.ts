/**
 * Token issuing: RS256 JWTs with Cognito's claims, a JWKS per pool, opaque refresh tokens.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, sign as rsaSign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { jwtVerify, type JWK } from 'jose';
import { opaqueToken } from './codes.js';
import { CognitoError, errors } from './errors.js';
import { readableAttributes } from './client-settings.js';
import { groupClaims } from './groups.js';
import type { AppClient, Pool, User } from './model.js';
import { lifetimes, tokenPolicyOf } from './token-policy.js';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JWK;
  /** The base64url JWS header, the same for every token this key signs. */
  header: string;
}

// RSA key generation costs ~100 ms; one key pair per process keeps test suites that start many
// emulators fast. Tokens stay bound to their emulator by `iss` (endpoint + pool id). As in
// Cognito's JWKS there are two keys: ID tokens are signed with one, access tokens with the other.
interface SigningKeys {
  id: SigningKey;
  access: SigningKey;
}

/** Signing keys as a data directory stores them: the kid and the PKCS#8 PEM private key. */
export interface StoredSigningKeys {
  id: { kid: string; pem: string };
  access: { kid: string; pem: string };
}

function signingKey(kid: string, privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk, header: b64url(JSON.stringify({ alg: 'RS256', kid })) };
}

const generateRsa = promisify(generateKeyPair);
let sharedKeys: Promise<SigningKeys> | undefined;
async function newKey(): Promise<SigningKey> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  return signingKey(randomUUID(), privateKey);
}
function processKeys(): Promise<SigningKeys> {
  sharedKeys ??= Promise.all([newKey(), newKey()]).then(([id, access]) => ({ id, access }));
  return sharedKeys;
}

function exportKeys(keys: SigningKeys): StoredSigningKeys {
  const pem = (k: SigningKey) => ({ kid: k.kid, pem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
  return { id: pem(keys.id), access: pem(keys.access) };
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

// A compact RS256 JWS signed synchronously with a KeyObject: jose's SignJWT goes through
// WebCrypto (key import, a thread-pool job and promises per token), which cost more than the
// RSA signature itself in the sign-in profile.
function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${key.header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${rsaSign('sha256', Buffer.from(input, 'latin1'), key.privateKey).toString('base64url')}`;
}

/**
 * The `iss` of tokens: `emulator` (default) is the emulator's own URL + pool id, which
 * verifiers can discover; `aws` is Cognito's `https://cognito-idp.<region>.amazonaws.com/<poolId>`
 * for verifiers (aws-jwt-verify) that insist on it and are given the emulator's JWKS.
 */
export type IssuerMode = 'emulator' | 'aws';

/** Changes ID and access token claims before signing (the pre token generation trigger). */
export type ClaimsCustomizer = (idClaims: Record<string, unknown>, accessClaims: Record<string, unknown>) => Promise<void>;

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

/** A change to the issuer's durable state, as a data directory journals it. */
export type TokenRecord =
  | { keys: StoredSigningKeys }
  | { refresh: string; entry: RefreshEntry }
  | { drop: string }
  | { revoked: string }
  | { origin: string; user: string };

export class TokenIssuer {
  private readonly refresh = new Map<string, RefreshEntry>();
  private keys: Promise<SigningKeys> = this.use(processKeys());
  /** The keys once generated or loaded. */
  private current: SigningKeys | undefined;
  /** Changes since the last `drain`, when a data directory keeps them. */
  private pending: TokenRecord[] | undefined;
  /** Revoked token families (RevokeToken, GlobalSignOut). */
  private readonly revokedOrigins = new Set<string>();
  /** Token families per user (`poolId/username`), for GlobalSignOut. */
  private readonly userOrigins = new Map<string, Set<string>>();

  constructor(
    private readonly endpoint: () => string,
    private readonly now: () => number,
    private readonly issuerMode: () => IssuerMode = () => 'emulator',
  ) {}

  /** Warms the signing key so the first sign-in is not slow. */
  async ready(): Promise<void> {
    await this.keys;
  }

  /**
   * Keeps state for a data directory: applies the stored records (signing keys, refresh
   * tokens with their rotation state, revocations), then journals changes for `drain`.
   */
  restore(records: readonly TokenRecord[]): void {
    let stored: StoredSigningKeys | undefined;
    for (const r of records) {
      if ('keys' in r) stored = r.keys;
      else if ('refresh' in r) this.refresh.set(r.refresh, r.entry);
      else if ('drop' in r) this.refresh.delete(r.drop);
      else if ('revoked' in r) this.revokedOrigins.add(r.revoked);
      else this.addOrigin(r.user, r.origin);
    }
    this.pending = [];
    if (stored) {
      const k = stored;
      this.keys = this.use({ id: signingKey(k.id.kid, createPrivateKey(k.id.pem)), access: signingKey(k.access.kid, createPrivateKey(k.access.pem)) });
    } else {
      // The process's keys become this directory's: JWKS and tokens stay valid across restarts.
      void this.keys.then((keys) => this.pending?.push({ keys: exportKeys(keys) }));
    }
  }

  /** Changes since the last call (empty unless `restore` was called). */
  drain(): TokenRecord[] {
    if (!this.pending?.length) return [];
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Records that recreate the state: keys, live refresh tokens, revocations, token families. */
  snapshot(): TokenRecord[] {
    const out: TokenRecord[] = this.current ? [{ keys: exportKeys(this.current) }] : [];
    const now = this.now();
    for (const [token, entry] of this.refresh) if (entry.expiresAt > now) out.push({ refresh: token, entry });
    for (const o of this.revokedOrigins) out.push({ revoked: o });
    for (const [user, origins] of this.userOrigins) for (const origin of origins) out.push({ origin, user });
    return out;
  }

  private use(keys: SigningKeys | Promise<SigningKeys>): Promise<SigningKeys> {
    const p = Promise.resolve(keys);
    // Only the keys in use: process keys generated late must not replace restored ones.
    void p.then((k) => {
      if (this.keys === p) this.current = k;
    });
    return p;
  }

  private addOrigin(userKey: string, originJti: string): void {
    let origins = this.userOrigins.get(userKey);
    if (!origins) this.userOrigins.set(userKey, (origins = new Set()));
    if (origins.has(originJti)) return;
    origins.add(originJti);
    this.pending?.push({ origin: originJti, user: userKey });
  }

  issuer(userPoolId: string): string {
    if (this.issuerMode() === 'aws') return `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;
    return `${this.endpoint()}/${userPoolId}`;
  }

  /** Where the pool's JWKS is served: always the emulator, whatever the issuer. */
  jwksUri(userPoolId: string): string {
    return `${this.endpoint()}/${userPoolId}/.well-known/jwks.json`;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const { id, access } = await this.keys;
    return { keys: [id.jwk, access.jwk] };
  }

  /** Issues id + access tokens (and a refresh token unless `authTime` comes from a refresh). */
  async issue(pool: Pool, client: AppClient, user: User, opts: { authTime?: number; withRefresh?: boolean; originJti?: string; deviceKey?: string; refreshExpiresAt?: number; customize?: ClaimsCustomizer } = {}): Promise<AuthenticationResult> {
    const signing = await this.keys;
    const life = lifetimes(tokenPolicyOf(client));
    const nowSec = Math.floor(this.now() / 1000);
    const authTime = opts.authTime ?? nowSec;
    const iss = this.issuer(pool.id);
    const originJti = opts.originJti ?? randomUUID();
    this.addOrigin(`${pool.id}/${user.username}`, originJti);
    const eventId = randomUUID();
    const sign = (claims: Record<string, unknown>, seconds: number, key: SigningKey) =>
      signJwt(key, { ...claims, iat: nowSec, exp: nowSec + seconds, iss, jti: randomUUID() });
    const groups = groupClaims(pool, user);

    const idClaims: Record<string, unknown> = {
      sub: user.sub,
      ...groups.id,
      aud: client.id,
      'cognito:username': user.username,
      token_use: 'id',
      auth_time: authTime,
      origin_jti: originJti,
      event_id: eventId,
    };
    const readable = readableAttributes(client);
    for (const [name, value] of Object.entries(user.attributes)) {
      if (name === 'sub' || (readable && !readable.has(name))) continue;
      idClaims[name] = name.endsWith('_verified') ? value === 'true' : value;
    }
    const accessClaims: Record<string, unknown> = {
      sub: user.sub,
      ...groups.access,
      client_id: client.id,
      username: user.username,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: authTime,
      origin_jti: originJti,
      event_id: eventId,
    };
    // The pre token generation trigger sees and changes the claims before they are signed.
    await opts.customize?.(idClaims, accessClaims);
    const result: AuthenticationResult = {
      AccessToken: sign(accessClaims, life.accessSeconds, signing.access),
      IdToken: sign(idClaims, life.idSeconds, signing.id),
      ExpiresIn: life.accessSeconds,
      TokenType: 'Bearer',
    };
    if (opts.withRefresh !== false) {
      const token = opaqueToken(128);
      const expiresAt = opts.refreshExpiresAt ?? this.now() + life.refreshSeconds * 1000;
      const entry: RefreshEntry = { userPoolId: pool.id, clientId: client.id, username: user.username, sub: user.sub, authTime, expiresAt, originJti, ...(opts.deviceKey ? { deviceKey: opts.deviceKey } : {}) };
      this.refresh.set(token, entry);
      this.pending?.push({ refresh: token, entry });
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
    if (entry && entry.retiredAt === undefined) {
      Object.assign(entry, { retiredAt: this.now(), graceMs });
      this.pending?.push({ refresh: token, entry });
    }
  }

  /** Drops the refresh tokens of sign-ins made on a device (ForgetDevice); their access tokens run out as usual. */
  revokeDevice(userPoolId: string, deviceKey: string): void {
    for (const [token, e] of this.refresh) {
      if (e.userPoolId !== userPoolId || e.deviceKey !== deviceKey) continue;
      this.refresh.delete(token);
      this.pending?.push({ drop: token });
    }
  }

  /** The refresh token's entry without checks (RevokeToken). */
  peekRefresh(token: string): RefreshEntry | undefined {
    return this.refresh.get(token);
  }

  /** Revokes a refresh token and every token issued with it. */
  revokeFamily(originJti: string): void {
    this.revoke(originJti);
  }

  private revoke(originJti: string): void {
    if (this.revokedOrigins.has(originJti)) return;
    this.revokedOrigins.add(originJti);
    this.pending?.push({ revoked: originJti });
  }

  /** Revokes every token of a user (GlobalSignOut, AdminUserGlobalSignOut). */
  revokeUser(userPoolId: string, username: string): void {
    for (const o of this.userOrigins.get(`${userPoolId}/${username}`) ?? []) this.revoke(o);
  }

  /** Verifies an access token of this emulator; returns its claims. */
  async verifyAccess(token: string, userPoolIds: Iterable<string>): Promise<AccessClaims & { userPoolId: string }> {
    const { publicKey } = (await this.keys).access;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'], currentDate: new Date(this.now()) }));
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
