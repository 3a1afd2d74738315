/**
 * Passkeys: the pool's WebAuthnConfiguration, registration (StartWebAuthnRegistration /
 * CompleteWebAuthnRegistration), ListWebAuthnCredentials, DeleteWebAuthnCredential,
 * GetUserAuthFactors, and the WEB_AUTHN first factor of USER_AUTH. Attestations and
 * assertions are verified by @simplewebauthn/server (challenge, origin, relying party,
 * signature, counter, user verification).
 */
import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { mfaSettings, userOfToken } from './account.js';
import { afterFirstFactor, challenge, next, type Call } from './auth-steps.js';
import { epochSeconds, recordFailure, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool, User } from './model.js';
import { optNumber, optObject, optString, reqParam, reqString, type Input } from './params.js';
import type { AuthResponse } from './sessions.js';

/** The pool's passkey settings (SetUserPoolMfaConfig's WebAuthnConfiguration). */
export interface WebAuthnConfig {
  relyingPartyId?: string;
  userVerification: 'required' | 'preferred';
}

/** A registered passkey. */
export interface WebAuthnCredentialRecord {
  /** Base64url credential id. */
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  attachment?: string;
  name: string;
  rpId: string;
  createdAt: number;
}

/** A registration in progress (between Start and Complete). */
export interface PendingRegistration {
  challenge: string;
  clientId: string;
  rpId: string;
  expiresAt: number;
}

const CHALLENGE_MS = 5 * 60_000;
const MAX_CREDENTIALS = 20;
const MAX_PAGE = 20;

/** Parses a WebAuthnConfiguration member (SetUserPoolMfaConfig). */
export function webAuthnConfigFromInput(input: Input): WebAuthnConfig | undefined {
  const w = optObject(input, 'WebAuthnConfiguration');
  if (!w) return undefined;
  const rp = optString(w, 'RelyingPartyId', { min: 1, max: 127 });
  const uv = optString(w, 'UserVerification') ?? 'preferred';
  if (uv !== 'required' && uv !== 'preferred') throw errors.invalidParameter("1 validation error detected: Value at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]");
  if (rp !== undefined && !/^[a-z0-9.-]+$/i.test(rp)) throw errors.invalidParameter('RelyingPartyId must be a domain name.');
  return { ...(rp ? { relyingPartyId: rp.toLowerCase() } : {}), userVerification: uv };
}

/** The config file's `webAuthn` of a pool. */
export function webAuthnConfigFromConfig(w: { relyingPartyId?: string; userVerification?: 'required' | 'preferred' } | undefined, where: string): WebAuthnConfig | undefined {
  if (w === undefined) return undefined;
  try {
    return webAuthnConfigFromInput({ WebAuthnConfiguration: { RelyingPartyId: w.relyingPartyId, UserVerification: w.userVerification } });
  } catch (e) {
    throw new Error(`Emulator config: ${where}: webAuthn: ${(e as Error).message}`);
  }
}

/** GetUserPoolMfaConfig's WebAuthnConfiguration member. */
export function webAuthnConfigDescription(pool: Pool): { WebAuthnConfiguration?: { RelyingPartyId?: string; UserVerification: string } } {
  const w = pool.webAuthn;
  return w ? { WebAuthnConfiguration: { ...(w.relyingPartyId ? { RelyingPartyId: w.relyingPartyId } : {}), UserVerification: w.userVerification } } : {};
}

/** The relying party id, or Cognito's errors when passkeys are not set up on the pool. */
function relyingParty(pool: Pool): { rpId: string; uv: 'required' | 'preferred' } {
  if (!pool.allowedFirstAuthFactors.includes('WEB_AUTHN')) throw new CognitoError('WebAuthnNotEnabledException', 'Passkeys are not enabled for this user pool: add WEB_AUTHN to AllowedFirstAuthFactors.');
  const rpId = pool.webAuthn?.relyingPartyId;
  if (!rpId) throw new CognitoError('WebAuthnConfigurationMissingException', 'The user pool has no WebAuthn relying party id.');
  return { rpId, uv: pool.webAuthn!.userVerification };
}

/** The origin of a response's clientDataJSON, if it belongs to the relying party (https, or http on localhost). */
function allowedOrigin(clientDataJSON: unknown, rpId: string): string {
  let origin: string | undefined;
  try {
    origin = JSON.parse(Buffer.from(String(clientDataJSON), 'base64url').toString('utf8')).origin;
  } catch {
    throw errors.invalidParameter('Credential.response.clientDataJSON is not valid.');
  }
  let url: URL;
  try {
    url = new URL(String(origin));
  } catch {
    throw new CognitoError('WebAuthnOriginNotAllowedException', 'The credential was created on an origin that is not allowed.');
  }
  const host = url.hostname;
  const local = host === 'localhost' || host === '127.0.0.1';
  const matches = host === rpId || host.endsWith(`.${rpId}`);
  if (!matches || (url.protocol !== 'https:' && !(local && url.protocol === 'http:'))) throw new CognitoError('WebAuthnOriginNotAllowedException', 'The credential was created on an origin that is not allowed.');
  return url.origin;
}

function credentialsOf(user: User): WebAuthnCredentialRecord[] {
  user.webAuthnCredentials ??= [];
  return user.webAuthnCredentials;
}

function documentOf<T>(input: Input, name: string): T {
  const v = input[name];
  const parsed = typeof v === 'string' ? safeJson(v) : v;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw errors.invalidParameter(`${name} must be a JSON object.`);
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** StartWebAuthnRegistration: creation options for navigator.credentials.create. */
export async function startWebAuthnRegistration(ctx: Ctx, input: Input) {
  const token = reqString(input, 'AccessToken');
  const claims = await ctx.tokens.verifyAccess(token, ctx.store.pools.keys());
  const { pool, user } = await userOfToken(ctx, token);
  const { rpId, uv } = relyingParty(pool);
  const creds = credentialsOf(user);
  if (creds.length >= MAX_CREDENTIALS) throw new CognitoError('LimitExceededException', `A user can register at most ${MAX_CREDENTIALS} passkeys.`);
  const options = await generateRegistrationOptions({
    rpName: pool.name,
    rpID: rpId,
    userName: user.attributes.email ?? user.username,
    userID: new TextEncoder().encode(user.sub),
    userDisplayName: user.attributes.name ?? user.attributes.email ?? user.username,
    attestationType: 'none',
    excludeCredentials: creds.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: uv },
    timeout: CHALLENGE_MS,
  });
  user.pendingWebAuthn = { challenge: options.challenge, clientId: claims.client_id, rpId, expiresAt: ctx.clock.now() + CHALLENGE_MS };
  return { CredentialCreationOptions: options };
}

/** CompleteWebAuthnRegistration: verifies the attestation and stores the passkey. */
export async function completeWebAuthnRegistration(ctx: Ctx, input: Input) {
  const token = reqString(input, 'AccessToken');
  const claims = await ctx.tokens.verifyAccess(token, ctx.store.pools.keys());
  const { pool, user } = await userOfToken(ctx, token);
  const { rpId, uv } = relyingParty(pool);
  const credential = documentOf<RegistrationResponseJSON>(input, 'Credential');
  const pending = user.pendingWebAuthn;
  if (!pending || pending.expiresAt <= ctx.clock.now()) throw new CognitoError('WebAuthnChallengeNotFoundException', 'The registration challenge has expired or was never issued: call StartWebAuthnRegistration.');
  if (pending.clientId !== claims.client_id) throw new CognitoError('WebAuthnClientMismatchException', 'The access token is for a different app client than the one that started the registration.');
  if (pending.rpId !== rpId) throw new CognitoError('WebAuthnRelyingPartyMismatchException', 'The relying party changed since the registration started.');
  const origin = allowedOrigin(credential.response?.clientDataJSON, rpId);
  let verified;
  try {
    verified = await verifyRegistrationResponse({ response: credential, expectedChallenge: pending.challenge, expectedOrigin: origin, expectedRPID: rpId, requireUserVerification: uv === 'required' });
  } catch (e) {
    const message = (e as Error).message;
    if (/RP ID/i.test(message)) throw new CognitoError('WebAuthnRelyingPartyMismatchException', 'The credential belongs to a different relying party.');
    if (/challenge/i.test(message)) throw new CognitoError('WebAuthnChallengeNotFoundException', 'The credential does not answer the registration challenge.');
    throw new CognitoError('WebAuthnCredentialNotSupportedException', 'The passkey could not be verified.');
  }
  if (!verified.verified) throw new CognitoError('WebAuthnCredentialNotSupportedException', 'The passkey could not be verified.');
  user.pendingWebAuthn = undefined;
  const info = verified.registrationInfo;
  const creds = credentialsOf(user);
  if (creds.some((c) => c.id === info.credential.id)) throw errors.invalidParameter('This passkey is registered already.');
  creds.push({
    id: info.credential.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: [...(credential.response.transports ?? [])],
    ...(credential.authenticatorAttachment ? { attachment: credential.authenticatorAttachment } : {}),
    name: `Passkey ${creds.length + 1}`,
    rpId,
    createdAt: ctx.clock.now(),
  });
  return {};
}

/** ListWebAuthnCredentials. */
export async function listWebAuthnCredentials(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const max = optNumber(input, 'MaxResults') ?? MAX_PAGE;
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE) throw errors.invalidParameter(`1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE}`);
  const token = optString(input, 'NextToken');
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw errors.invalidParameter('Invalid NextToken.');
  const all = credentialsOf(user);
  const slice = all.slice(start, start + max);
  return {
    Credentials: slice.map((c) => ({
      CredentialId: c.id,
      FriendlyCredentialName: c.name,
      RelyingPartyId: c.rpId,
      ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
      AuthenticatorTransports: [...c.transports],
      CreatedAt: epochSeconds(c.createdAt),
    })),
    ...(start + slice.length < all.length ? { NextToken: Buffer.from(String(start + slice.length)).toString('base64url') } : {}),
  };
}

/** DeleteWebAuthnCredential. */
export async function deleteWebAuthnCredential(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const id = reqString(input, 'CredentialId');
  const creds = credentialsOf(user);
  const i = creds.findIndex((c) => c.id === id);
  if (i < 0) throw errors.resourceNotFound('Credential does not exist.');
  creds.splice(i, 1);
  return {};
}

/** The USER_AUTH first factors a user has set up, as GetUserAuthFactors reports them. */
export function configuredFactors(pool: Pool, user: User): string[] {
  const out: string[] = [];
  if (user.password) out.push('PASSWORD');
  if (pool.allowedFirstAuthFactors.includes('EMAIL_OTP') && user.attributes.email) out.push('EMAIL_OTP');
  if (pool.allowedFirstAuthFactors.includes('SMS_OTP') && user.attributes.phone_number) out.push('SMS_OTP');
  if (hasPasskey(pool, user)) out.push('WEB_AUTHN');
  return out;
}

/** GetUserAuthFactors. */
export async function getUserAuthFactors(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  return { Username: user.username, ...mfaSettings(user), ConfiguredUserAuthFactors: configuredFactors(pool, user) };
}

/** Whether WEB_AUTHN is a first factor this user can use. */
export function hasPasskey(pool: Pool, user: User): boolean {
  return pool.allowedFirstAuthFactors.includes('WEB_AUTHN') && !!pool.webAuthn?.relyingPartyId && (user.webAuthnCredentials?.length ?? 0) > 0;
}

/** The WEB_AUTHN challenge: request options for navigator.credentials.get. */
export async function webAuthnChallenge(c: Call): Promise<AuthResponse> {
  const { rpId, uv } = relyingParty(c.pool);
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials: credentialsOf(c.user).map((cr) => ({ id: cr.id, transports: cr.transports as AuthenticatorTransport[] })),
    userVerification: uv,
    challenge: randomBytes(32),
    timeout: CHALLENGE_MS,
  });
  c.state.passwordless = true;
  c.state.webAuthnChallenge = options.challenge;
  return challenge(c, 'WEB_AUTHN', { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) });
}

/** A WEB_AUTHN answer: CREDENTIAL holds the assertion (AuthenticationResponseJSON). */
export async function answerWebAuthn(c: Call, r: Record<string, string>): Promise<AuthResponse> {
  const { rpId, uv } = relyingParty(c.pool);
  const assertion = safeJson(reqParam(r, 'CREDENTIAL')) as AuthenticationResponseJSON | undefined;
  if (!assertion || typeof assertion !== 'object' || typeof assertion.id !== 'string') throw errors.invalidParameter('CREDENTIAL must be the JSON of a WebAuthn assertion.');
  const stored = credentialsOf(c.user).find((cr) => cr.id === assertion.id);
  const refuse = (): never => {
    recordFailure(c.ctx, c.user);
    throw errors.notAuthorized('Incorrect passkey credential.');
  };
  if (!stored) refuse();
  const origin = allowedOrigin(assertion.response?.clientDataJSON, rpId);
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: c.state.webAuthnChallenge ?? '',
      expectedOrigin: origin,
      expectedRPID: rpId,
      credential: { id: stored!.id, publicKey: stored!.publicKey as Uint8Array<ArrayBuffer>, counter: stored!.counter, transports: stored!.transports as AuthenticatorTransport[] },
      requireUserVerification: uv === 'required',
    });
  } catch {
    return refuse();
  }
  if (!result.verified) refuse();
  stored!.counter = result.authenticationInfo.newCounter;
  c.state.webAuthnChallenge = undefined;
  afterFirstFactor(c);
  return next(c);
}
