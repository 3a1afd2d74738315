/**
 * An app client's token policy: ID / access / refresh token lifetimes (IdTokenValidity,
 * AccessTokenValidity, RefreshTokenValidity with TokenValidityUnits), refresh-token rotation
 * (RefreshTokenRotation) and EnableTokenRevocation. Parsed from CreateUserPoolClient /
 * UpdateUserPoolClient requests and from the config file; echoed by DescribeUserPoolClient.
 */
import { errors } from './errors.js';
import type { AppClient } from './model.js';
import type { Input } from './params.js';

/** A time unit of TokenValidityUnits. */
export type TokenUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The token policy of one app client. */
export interface TokenPolicy {
  idToken: { value: number; unit: TokenUnit };
  accessToken: { value: number; unit: TokenUnit };
  refreshToken: { value: number; unit: TokenUnit };
  /** RefreshTokenRotation: GetTokensFromRefreshToken then issues a new refresh token. */
  rotation: { enabled: boolean; retryGracePeriodSeconds: number };
  /** EnableTokenRevocation (RevokeToken works only when on; the default). */
  revocation: boolean;
  /** The members as the request set them, echoed by DescribeUserPoolClient (Cognito reports what was set). */
  given?: { id?: boolean; access?: boolean; refresh?: boolean; units?: ('IdToken' | 'AccessToken' | 'RefreshToken')[]; rotation?: boolean };
}

/** The token settings of a config-file client (Cognito's names in camelCase). */
export interface TokenPolicyConfig {
  /** ID token lifetime in `tokenValidityUnits.idToken` (default hours); 5 minutes to 1 day. Default 60 minutes. */
  idTokenValidity?: number;
  /** Access token lifetime in `tokenValidityUnits.accessToken` (default hours); 5 minutes to 1 day. Default 60 minutes. */
  accessTokenValidity?: number;
  /** Refresh token lifetime in `tokenValidityUnits.refreshToken` (default days); 60 minutes to 10 years. Default 30 days. */
  refreshTokenValidity?: number;
  /** Units of the three lifetimes. */
  tokenValidityUnits?: {
    /** Unit of `idTokenValidity`. */
    idToken?: TokenUnit;
    /** Unit of `accessTokenValidity`. */
    accessToken?: TokenUnit;
    /** Unit of `refreshTokenValidity`. */
    refreshToken?: TokenUnit;
  };
  /** Refresh-token rotation: `feature` ENABLED makes GetTokensFromRefreshToken return a new refresh token. */
  refreshTokenRotation?: {
    /** ENABLED turns rotation on. */
    feature: 'ENABLED' | 'DISABLED';
    /** Seconds the old refresh token still works after rotation. */
    retryGracePeriodSeconds?: number;
  };
  /** RevokeToken support (default true). */
  enableTokenRevocation?: boolean;
}

const UNIT_SECONDS: Record<TokenUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const UNITS = Object.keys(UNIT_SECONDS) as TokenUnit[];
const DAY = 86400;

/** Cognito's defaults: ID and access tokens for 60 minutes, refresh tokens for 30 days. */
export function defaultTokenPolicy(): TokenPolicy {
  return {
    idToken: { value: 60, unit: 'minutes' },
    accessToken: { value: 60, unit: 'minutes' },
    refreshToken: { value: 30, unit: 'days' },
    rotation: { enabled: false, retryGracePeriodSeconds: 0 },
    revocation: true,
  };
}

/** The policy of a client (clients made before this module existed have the defaults). */
export function tokenPolicyOf(client: AppClient): TokenPolicy {
  return client.tokenPolicy ?? defaultTokenPolicy();
}

/** Lifetimes in seconds. */
export function lifetimes(policy: TokenPolicy): { idSeconds: number; accessSeconds: number; refreshSeconds: number } {
  const s = (t: { value: number; unit: TokenUnit }) => t.value * UNIT_SECONDS[t.unit];
  return { idSeconds: s(policy.idToken), accessSeconds: s(policy.accessToken), refreshSeconds: s(policy.refreshToken) };
}

interface Given {
  id?: unknown;
  access?: unknown;
  refresh?: unknown;
  units?: { id?: unknown; access?: unknown; refresh?: unknown };
  rotation?: { feature?: unknown; grace?: unknown };
  revocation?: unknown;
}

const invalid = (m: string) => errors.invalidParameter(m);

function unitOf(v: unknown, fallback: TokenUnit, member: string): TokenUnit {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string' || !UNITS.includes(v as TokenUnit)) throw invalid(`1 validation error detected: Value at 'tokenValidityUnits.${member}' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]`);
  return v as TokenUnit;
}

function validity(v: unknown, member: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a non-negative integer`);
  return v;
}

/** Builds and checks a policy; `base` supplies what is not given (defaults, or the current policy). */
function build(g: Given, base: TokenPolicy): TokenPolicy {
  const p = structuredClone(base);
  const given = { ...(p.given ?? {}) };
  const id = validity(g.id, 'idTokenValidity');
  const access = validity(g.access, 'accessTokenValidity');
  const refresh = validity(g.refresh, 'refreshTokenValidity');
  // A value given without its unit is in Cognito's default unit: hours, or days for refresh tokens.
  if (id !== undefined) p.idToken = { value: id, unit: unitOf(g.units?.id, 'hours', 'idToken') };
  else if (g.units?.id !== undefined) p.idToken.unit = unitOf(g.units.id, p.idToken.unit, 'idToken');
  if (access !== undefined) p.accessToken = { value: access, unit: unitOf(g.units?.access, 'hours', 'accessToken') };
  else if (g.units?.access !== undefined) p.accessToken.unit = unitOf(g.units.access, p.accessToken.unit, 'accessToken');
  // RefreshTokenValidity 0 means the default (30 days), as Cognito documents.
  if (refresh !== undefined) p.refreshToken = refresh === 0 ? { value: 30, unit: 'days' } : { value: refresh, unit: unitOf(g.units?.refresh, 'days', 'refreshToken') };
  else if (g.units?.refresh !== undefined) p.refreshToken.unit = unitOf(g.units.refresh, p.refreshToken.unit, 'refreshToken');
  const { idSeconds, accessSeconds, refreshSeconds } = lifetimes(p);
  for (const s of [idSeconds, accessSeconds]) if (s < 300 || s > DAY) throw invalid('Invalid range for token validity: ID and access tokens last from 5 minutes to 1 day.');
  if (refreshSeconds < 3600 || refreshSeconds > 3650 * DAY) throw invalid('Invalid range for token validity: refresh tokens last from 60 minutes to 10 years.');
  if (g.rotation !== undefined && g.rotation !== null) {
    const feature = g.rotation.feature;
    if (feature !== 'ENABLED' && feature !== 'DISABLED') throw invalid("1 validation error detected: Value at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    const grace = g.rotation.grace ?? 0;
    if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > 60) throw invalid("1 validation error detected: Value at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value between 0 and 60");
    p.rotation = { enabled: feature === 'ENABLED', retryGracePeriodSeconds: grace };
    given.rotation = true;
  }
  if (g.revocation !== undefined && g.revocation !== null) {
    if (typeof g.revocation !== 'boolean') throw invalid("1 validation error detected: Value at 'enableTokenRevocation' failed to satisfy constraint: Member must be a boolean");
    p.revocation = g.revocation;
  }
  if (id !== undefined) given.id = true;
  if (access !== undefined) given.access = true;
  if (refresh !== undefined) given.refresh = true;
  const units = new Set(given.units ?? []);
  if (g.units?.id !== undefined && g.units.id !== null) units.add('IdToken');
  if (g.units?.access !== undefined && g.units.access !== null) units.add('AccessToken');
  if (g.units?.refresh !== undefined && g.units.refresh !== null) units.add('RefreshToken');
  if (units.size) given.units = [...units];
  p.given = given;
  return p;
}

function obj(v: unknown, member: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a structure`);
  return v as Record<string, unknown>;
}

/**
 * The policy a CreateUserPoolClient / UpdateUserPoolClient request sets. `current` is the
 * client's policy for an update: Cognito's UpdateUserPoolClient resets what the request
 * leaves out, so pass `undefined` there too unless a merge is wanted.
 */
export function tokenPolicyFromInput(input: Input, current?: TokenPolicy): TokenPolicy {
  const units = obj(input.TokenValidityUnits, 'tokenValidityUnits');
  const rotation = obj(input.RefreshTokenRotation, 'refreshTokenRotation');
  return build(
    {
      id: input.IdTokenValidity,
      access: input.AccessTokenValidity,
      refresh: input.RefreshTokenValidity,
      units: units && { id: units.IdToken, access: units.AccessToken, refresh: units.RefreshToken },
      rotation: rotation && { feature: rotation.Feature, grace: rotation.RetryGracePeriodSeconds },
      revocation: input.EnableTokenRevocation,
    },
    current ?? defaultTokenPolicy(),
  );
}

/** The policy of a config-file client; a plain Error names what is wrong. */
export function tokenPolicyFromConfig(c: TokenPolicyConfig, where: string): TokenPolicy {
  try {
    const rotation = obj(c.refreshTokenRotation, 'refreshTokenRotation');
    const units = obj(c.tokenValidityUnits, 'tokenValidityUnits');
    return build(
      {
        id: c.idTokenValidity,
        access: c.accessTokenValidity,
        refresh: c.refreshTokenValidity,
        units: units && { id: units.idToken, access: units.accessToken, refresh: units.refreshToken },
        rotation: rotation && { feature: rotation.feature, grace: rotation.retryGracePeriodSeconds },
        revocation: c.enableTokenRevocation,
      },
      defaultTokenPolicy(),
    );
  } catch (e) {
    throw new Error(`Emulator config: ${where}: ${(e as Error).message.replace(/^1 validation error detected: /, '')}`);
  }
}

/**
 * The members DescribeUserPoolClient (and Create/Update's answers) report: what the request
 * set, plus RefreshTokenValidity (30 days by default) and EnableTokenRevocation.
 */
export function tokenPolicyDescription(client: AppClient): Record<string, unknown> {
  const p = tokenPolicyOf(client);
  const g = p.given ?? {};
  const unitKey = { IdToken: p.idToken.unit, AccessToken: p.accessToken.unit, RefreshToken: p.refreshToken.unit };
  return {
    ...(g.id ? { IdTokenValidity: p.idToken.value } : {}),
    ...(g.access ? { AccessTokenValidity: p.accessToken.value } : {}),
    RefreshTokenValidity: p.refreshToken.value,
    ...(g.units?.length ? { TokenValidityUnits: Object.fromEntries(g.units.map((u) => [u, unitKey[u]])) } : {}),
    EnableTokenRevocation: p.revocation,
    ...(g.rotation ? { RefreshTokenRotation: { Feature: p.rotation.enabled ? 'ENABLED' : 'DISABLED', RetryGracePeriodSeconds: p.rotation.retryGracePeriodSeconds } } : {}),
  };
}
