/** The in-memory state: pools, app clients, users. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ClientConfig, FirstAuthFactor, MfaChallengeName, PoolConfig, TriggerFunction, UserConfig, UserStatus } from './config.js';
import { errors } from './errors.js';
import { makeVerifier, poolNameOf, type PasswordVerifier } from './srp.js';
import { isBase32 } from './totp.js';
import { addCustomAttributes, configPoolSettings, type PoolSettings } from './pool-settings.js';
import { checkTemplates } from './message-templates.js';
import type { Group } from './groups.js';
import type { ResourceServer } from './resource-servers.js';
import { tokenPolicyFromConfig, type TokenPolicy } from './token-policy.js';
import { deviceConfigurationFromConfig, type Device, type DeviceConfiguration } from './devices.js';
import { webAuthnConfigFromConfig, type PendingRegistration, type WebAuthnConfig, type WebAuthnCredentialRecord } from './webauthn.js';

export const ALL_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] as const;
/** CreateUserPoolClient's default when ExplicitAuthFlows is absent (as Cognito). */
export const API_DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const LEGACY_FLOWS: Record<string, string> = {
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
};
const KNOWN_FLOWS = new Set<string>(ALL_FLOWS);
const MFAS: readonly MfaChallengeName[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
const FIRST_FACTORS: readonly string[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

export interface Triggers {
  defineAuthChallenge?: TriggerFunction;
  createAuthChallenge?: TriggerFunction;
  verifyAuthChallengeResponse?: TriggerFunction;
  preSignUp?: TriggerFunction;
  postConfirmation?: TriggerFunction;
  preAuthentication?: TriggerFunction;
  postAuthentication?: TriggerFunction;
  preTokenGeneration?: TriggerFunction;
  /** The pre token generation event version (LambdaConfig PreTokenGenerationConfig.LambdaVersion; default V1_0). */
  preTokenGenerationVersion?: 'V1_0' | 'V2_0' | 'V3_0';
  userMigration?: TriggerFunction;
  customMessage?: TriggerFunction;
}

export interface AppClient {
  id: string;
  name: string;
  userPoolId: string;
  secret?: string;
  flows: Set<string>;
  sessionValidityMinutes: number;
  preventUserExistenceErrors: boolean;
  createdAt: number;
  /** ExplicitAuthFlows as given (legacy names kept), echoed by DescribeUserPoolClient. */
  flowsGiven?: string[];
  /** Other client settings (OAuth, attributes, validity...) kept as given; see client-settings.ts. */
  settings?: Record<string, unknown>;
  lastModifiedAt?: number;
  /** Token lifetimes, rotation and revocation (token-policy.ts); defaults when absent. */
  tokenPolicy?: TokenPolicy;
  /** When `secret` was made, when not at creation (client-secrets.ts). */
  secretCreatedAt?: number;
  /** A second secret added by AddUserPoolClientSecret (client-secrets.ts). */
  extraSecrets?: import('./client-secrets.js').ClientSecret[];
}

export interface UserMfa {
  sms: boolean;
  email: boolean;
  /** A verified TOTP device; `totpEnabled` says whether it is used as MFA. */
  totp?: { secret: string; friendlyDeviceName: string };
  totpEnabled: boolean;
  /** A secret handed out by AssociateSoftwareToken(AccessToken), not yet verified. */
  pendingTotpSecret?: string;
  preferred?: 'SMS' | 'TOTP' | 'EMAIL';
  /** SMS MFA was turned on through the legacy MFAOptions (user-settings.ts): GetUser answers them. */
  smsByMfaOptions?: boolean;
}

export interface PendingCode {
  code: string;
  expiresAt: number;
  /** Wrong codes given so far (code-attempts.ts). */
  failedAttempts?: number;
  /** When too many wrong codes spent it. */
  spentAt?: number;
}

export interface User {
  username: string;
  sub: string;
  password?: PasswordVerifier;
  status: UserStatus;
  enabled: boolean;
  attributes: Record<string, string>;
  mfa: UserMfa;
  requiredAttributes: string[];
  unknownChallenge?: { challengeName: string; challengeParameters: Record<string, string>; answer?: string };
  /** Failed password/code attempts, for lockout. */
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  /** When the current temporary password was set (status FORCE_CHANGE_PASSWORD). */
  temporaryPasswordAt?: number;
  signUpCode?: PendingCode;
  forgotCode?: PendingCode;
  /** Pending verification codes of `email` / `phone_number` (GetUserAttributeVerificationCode). */
  attributeCodes: Record<string, PendingCode>;
  createdAt: number;
  modifiedAt: number;
  /** Devices by DeviceKey (devices.ts). */
  devices?: Map<string, Device>;
  /** The DeviceGroupKey of the user's devices. */
  deviceGroupKey?: string;
  /** Registered passkeys (webauthn.ts). */
  webAuthnCredentials?: WebAuthnCredentialRecord[];
  /** A passkey registration between StartWebAuthnRegistration and CompleteWebAuthnRegistration. */
  pendingWebAuthn?: PendingRegistration;
  /**
   * New email / phone values waiting for their code before they replace the verified ones
   * (UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate; attributes.ts).
   */
  pendingAttributes?: Record<string, string>;
  /** Identities of third-party providers linked to the user (federated-links.ts). */
  providerLinks?: import('./federated-links.js').ProviderLink[];
}

export interface PasswordPolicy {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  /** Days a temporary password (FORCE_CHANGE_PASSWORD) stays usable. */
  temporaryPasswordValidityDays: number;
}

export interface Pool {
  id: string;
  name: string;
  mfa: 'OFF' | 'OPTIONAL' | 'ON';
  enabledMfas: Set<MfaChallengeName>;
  allowedFirstAuthFactors: FirstAuthFactor[];
  passwordPolicy: PasswordPolicy;
  /** SmsMfaConfiguration / EmailMfaConfiguration as last set, echoed by GetUserPoolMfaConfig. */
  mfaSettings: { sms?: Record<string, unknown>; email?: Record<string, unknown> };
  usernameAttributes: ('email' | 'phone_number')[];
  aliasAttributes: ('email' | 'phone_number' | 'preferred_username')[];
  triggers: Triggers;
  /** LambdaConfig as set by CreateUserPool / the config (ARNs), echoed by DescribeUserPool. */
  lambdaConfig?: Record<string, unknown>;
  clients: Map<string, AppClient>;
  users: Map<string, User>;
  createdAt: number;
  /** Schema, verification, recovery, tags, domain and other kept settings (pool-settings.ts). */
  settings: PoolSettings;
  /** Groups by name (groups.ts). */
  groups: Map<string, Group>;
  /** Resource servers by identifier (resource-servers.ts). */
  resourceServers: Map<string, ResourceServer>;
  /** DeviceConfiguration; absent: devices are not tracked (devices.ts). */
  deviceConfiguration?: DeviceConfiguration;
  /** WebAuthnConfiguration (webauthn.ts). */
  webAuthn?: WebAuthnConfig;
  /** Third-party identity providers by name (identity-providers.ts); absent in pools stored before. */
  identityProviders?: Map<string, import('./identity-providers.js').IdentityProvider>;
  /** Classic hosted UI customizations by client id or ALL (ui-customization.ts). */
  uiCustomizations?: Map<string, import('./ui-customization.js').UiCustomization>;
  /** Threat protection settings by client id or ALL (risk-configuration.ts). */
  riskConfigurations?: Map<string, import('./risk-configuration.js').RiskConfiguration>;
  /** LogConfigurations of SetLogDeliveryConfiguration (log-delivery.ts). */
  logDelivery?: Record<string, unknown>[];
  /** The SAML signing certificate, base64 DER (signing-certificate.ts). */
  signingCertificate?: string;
  /** Managed login branding styles by id (managed-login.ts). */
  managedLoginBranding?: Map<string, import('./managed-login.js').Branding>;
  /** Terms documents by id (managed-login.ts). */
  terms?: Map<string, import('./managed-login.js').Terms>;
  /** User import jobs by id (user-import.ts). */
  importJobs?: Map<string, import('./user-import.js').ImportJob>;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
function randomString(len: number, alphabet = ALNUM): string {
  const bytes = randomBytes(len);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

export function newPoolId(region = 'us-east-1'): string {
  return `${region}_${randomString(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
}

export function newClientId(): string {
  return randomString(26);
}

export function newClientSecret(): string {
  return randomString(51);
}

/** Checks a password against the pool's policy (InvalidPasswordException with Cognito's wording). */
export function checkPolicy(pool: Pool, password: string): void {
  const p = pool.passwordPolicy;
  const fail = (why: string) => errors.invalidPassword(`Password did not conform with policy: ${why}`);
  if (password.length < p.minimumLength) throw fail('Password not long enough');
  if (p.requireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (p.requireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (p.requireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (p.requireSymbols && !/[^A-Za-z0-9]/.test(password)) throw fail('Password must have symbol characters');
}

/** Sets a user's password (stores a fresh salt and SRP verifier, never the password). */
export function setPassword(pool: Pool, user: User, password: string, now: number): void {
  user.password = makeVerifier(poolNameOf(pool.id), user.username, password);
  user.modifiedAt = now;
}

export function newUser(username: string, now: number, attributes: Record<string, string> = {}): User {
  const sub = attributes.sub ?? randomUUID();
  return {
    username,
    sub,
    status: 'CONFIRMED',
    enabled: true,
    attributes: { ...attributes, sub },
    mfa: { sms: false, email: false, totpEnabled: false },
    requiredAttributes: [],
    failures: 0,
    lastFailureAt: 0,
    lockedUntil: 0,
    attributeCodes: {},
    createdAt: now,
    modifiedAt: now,
  };
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+$/;
const PHONE_RE = /^\+\d{4,15}$/;

/**
 * The user name and attributes of a new user (SignUp, AdminCreateUser). In a pool with
 * UsernameAttributes, an email or phone number given as user name becomes that attribute and
 * the user is stored under a generated name (their sub), as Cognito does.
 */
export function newUserIdentity(pool: Pool, given: string, attributes: Record<string, string>): { username: string; attributes: Record<string, string> } {
  if (pool.usernameAttributes.length === 0) {
    if (pool.aliasAttributes.includes('email') && EMAIL_RE.test(given)) throw errors.invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
    if (pool.aliasAttributes.includes('phone_number') && PHONE_RE.test(given)) throw errors.invalidParameter('Username cannot be of phone number format, since user pool is configured for phone_number alias.');
    return { username: given, attributes };
  }
  const kind = pool.usernameAttributes.includes('email') && EMAIL_RE.test(given) ? 'email' : pool.usernameAttributes.includes('phone_number') && PHONE_RE.test(given) ? 'phone_number' : undefined;
  if (!kind) throw errors.invalidParameter(`Username should be ${pool.usernameAttributes.length > 1 ? 'either an email or a phone number' : pool.usernameAttributes[0] === 'email' ? 'an email' : 'a phone number'}.`);
  const sub = randomUUID();
  return { username: sub, attributes: { ...attributes, [kind]: given, sub } };
}

function configError(where: string, message: string): Error {
  return new Error(`Emulator config: ${where}: ${message}`);
}

export function clientFromConfig(poolId: string, c: ClientConfig, now: number, defaultFlows: readonly string[] = ALL_FLOWS): AppClient {
  const where = `client ${c.id ?? c.name ?? '(unnamed)'} of pool ${poolId}`;
  const flows = new Set<string>();
  const given = c.explicitAuthFlows ?? defaultFlows;
  const legacy = given.filter((f) => f in LEGACY_FLOWS);
  if (legacy.length && legacy.length !== given.length) throw configError(where, 'ExplicitAuthFlows values with the ALLOW_ prefix cannot be combined with values without it');
  // Legacy values (no ALLOW_ prefix) only add flows: SRP and refresh stay on, as in Cognito.
  if (legacy.length) for (const f of ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) flows.add(f);
  for (const f of given) {
    const name = LEGACY_FLOWS[f] ?? f;
    if (!KNOWN_FLOWS.has(name)) throw configError(where, `unknown explicit auth flow ${JSON.stringify(f)}`);
    flows.add(name);
  }
  const validity = c.authSessionValidity ?? 3;
  if (!Number.isInteger(validity) || validity < 3 || validity > 15) throw configError(where, 'authSessionValidity must be an integer from 3 to 15 (minutes)');
  if (c.secret !== undefined && typeof c.secret !== 'boolean' && (typeof c.secret !== 'string' || c.secret === '')) throw configError(where, 'secret must be a boolean or a non-empty string');
  return {
    id: c.id ?? newClientId(),
    name: c.name ?? 'client',
    userPoolId: poolId,
    secret: c.secret === true ? newClientSecret() : typeof c.secret === 'string' ? c.secret : undefined,
    flows,
    sessionValidityMinutes: validity,
    preventUserExistenceErrors: c.preventUserExistenceErrors ?? false,
    createdAt: now,
    ...(legacy.length ? { flowsGiven: [...given] } : {}),
    tokenPolicy: tokenPolicyFromConfig(c, where),
  };
}

export function userFromConfig(pool: Pool, u: UserConfig, now: number): User {
  if (!u || typeof u.username !== 'string' || u.username === '') throw configError(`pool ${pool.id}`, 'every user needs a username');
  const where = `user ${u.username} of pool ${pool.id}`;
  const user = newUser(u.username, now, u.attributes ?? {});
  for (const [k, v] of Object.entries(user.attributes)) if (typeof v !== 'string') throw configError(where, `attribute ${k} must be a string`);
  // Seeded contact attributes count as verified unless the config says otherwise.
  if (user.attributes.email && user.attributes.email_verified === undefined) user.attributes.email_verified = 'true';
  if (user.attributes.phone_number && user.attributes.phone_number_verified === undefined) user.attributes.phone_number_verified = 'true';
  if (u.password !== undefined) {
    if (typeof u.password !== 'string' || u.password === '') throw configError(where, 'password must be a non-empty string');
    setPassword(pool, user, u.password, now);
  }
  const status = u.status ?? 'CONFIRMED';
  if (!['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED'].includes(status)) throw configError(where, `unknown status ${JSON.stringify(status)}`);
  user.status = status;
  if (status === 'FORCE_CHANGE_PASSWORD') user.temporaryPasswordAt = now;
  user.enabled = u.enabled ?? true;
  if (u.mfa) {
    user.mfa.sms = u.mfa.sms ?? false;
    user.mfa.email = u.mfa.email ?? false;
    if (u.mfa.totp) {
      if (typeof u.mfa.totp.secret !== 'string' || !isBase32(u.mfa.totp.secret)) throw configError(where, 'mfa.totp.secret must be base32 (at least 16 characters)');
      user.mfa.totp = { secret: u.mfa.totp.secret.toUpperCase(), friendlyDeviceName: u.mfa.totp.friendlyDeviceName ?? 'TOTP device' };
      user.mfa.totpEnabled = true;
    }
    if (u.mfa.preferred !== undefined && !['SMS', 'TOTP', 'EMAIL'].includes(u.mfa.preferred)) throw configError(where, 'mfa.preferred must be SMS, TOTP or EMAIL');
    user.mfa.preferred = u.mfa.preferred;
    if (user.mfa.sms && !user.attributes.phone_number) throw configError(where, 'mfa.sms needs attributes.phone_number');
    if (user.mfa.email && !user.attributes.email) throw configError(where, 'mfa.email needs attributes.email');
  }
  user.requiredAttributes = [...(u.requiredAttributes ?? [])];
  if (u.unknownChallenge) {
    if (typeof u.unknownChallenge.challengeName !== 'string' || !u.unknownChallenge.challengeName) throw configError(where, 'unknownChallenge.challengeName must be a string');
    user.unknownChallenge = { challengeName: u.unknownChallenge.challengeName, challengeParameters: { ...(u.unknownChallenge.challengeParameters ?? {}) }, answer: u.unknownChallenge.answer };
  }
  return user;
}

/** Builds a pool from config (triggers already resolved to functions). */
export function poolFromConfig(p: PoolConfig, triggers: Triggers, now: number): Pool {
  const id = p.id ?? newPoolId();
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(id)) throw configError(`pool ${id}`, 'id must look like region_suffix, e.g. us-east-1_demo');
  const mfa = p.mfa ?? 'OFF';
  if (!['OFF', 'OPTIONAL', 'ON'].includes(mfa)) throw configError(`pool ${id}`, 'mfa must be OFF, OPTIONAL or ON');
  for (const m of p.enabledMfas ?? []) if (!MFAS.includes(m)) throw configError(`pool ${id}`, `unknown MFA ${JSON.stringify(m)} (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP)`);
  for (const f of p.allowedFirstAuthFactors ?? []) if (!FIRST_FACTORS.includes(f)) throw configError(`pool ${id}`, `unknown first factor ${JSON.stringify(f)}`);
  const pp = p.passwordPolicy ?? {};
  for (const a of p.usernameAttributes ?? []) if (!['email', 'phone_number'].includes(a)) throw configError(`pool ${id}`, `usernameAttributes may hold email and phone_number, not ${JSON.stringify(a)}`);
  for (const a of p.aliasAttributes ?? []) if (!['email', 'phone_number', 'preferred_username'].includes(a)) throw configError(`pool ${id}`, `aliasAttributes may hold email, phone_number and preferred_username, not ${JSON.stringify(a)}`);
  if (p.usernameAttributes?.length && p.aliasAttributes?.length) throw configError(`pool ${id}`, 'usernameAttributes and aliasAttributes cannot both be set');
  const tempDays = pp.temporaryPasswordValidityDays ?? 7;
  if (!Number.isInteger(tempDays) || tempDays < 0 || tempDays > 365) throw configError(`pool ${id}`, 'passwordPolicy.temporaryPasswordValidityDays must be an integer from 0 to 365');
  const pool: Pool = {
    id,
    name: p.name ?? id,
    mfa,
    enabledMfas: new Set(p.enabledMfas ?? MFAS),
    allowedFirstAuthFactors: [...(p.allowedFirstAuthFactors ?? ['PASSWORD'])],
    passwordPolicy: {
      minimumLength: pp.minimumLength ?? 8,
      requireUppercase: pp.requireUppercase ?? false,
      requireLowercase: pp.requireLowercase ?? false,
      requireNumbers: pp.requireNumbers ?? false,
      requireSymbols: pp.requireSymbols ?? false,
      temporaryPasswordValidityDays: pp.temporaryPasswordValidityDays ?? 7,
    },
    mfaSettings: {},
    usernameAttributes: [...(p.usernameAttributes ?? [])],
    aliasAttributes: [...(p.aliasAttributes ?? [])],
    triggers,
    clients: new Map(),
    users: new Map(),
    createdAt: now,
    settings: configPoolSettings(now),
    groups: new Map(),
    resourceServers: new Map(),
    deviceConfiguration: deviceConfigurationFromConfig(p.deviceConfiguration, `pool ${id}`),
    webAuthn: webAuthnConfigFromConfig(p.webAuthn, `pool ${id}`),
  };
  applyConfigSettings(pool, p);
  for (const c of p.clients ?? []) {
    const client = clientFromConfig(id, c, now);
    pool.clients.set(client.id, client);
  }
  for (const u of p.users ?? []) {
    const user = userFromConfig(pool, u, now);
    if (pool.users.has(user.username)) throw configError(`pool ${id}`, `user ${user.username} is listed twice`);
    pool.users.set(user.username, user);
  }
  return pool;
}

/** The config keys kept in the pool's settings: schema, AutoVerifiedAttributes, case sensitivity, templates. */
function applyConfigSettings(pool: Pool, p: PoolConfig): void {
  const s = pool.settings;
  try {
    if (p.schema) {
      addCustomAttributes(s.schema, p.schema.map((a) => ({ ...a, AttributeDataType: a.AttributeDataType ?? 'String' })), false);
      s.strictSchema = true;
    }
    if (p.verificationMessageTemplate) {
      checkTemplates({ VerificationMessageTemplate: p.verificationMessageTemplate });
      s.kept.VerificationMessageTemplate = structuredClone(p.verificationMessageTemplate);
    }
  } catch (e) {
    throw configError(`pool ${pool.id}`, (e as Error).message);
  }
  if (p.autoVerifiedAttributes) s.autoVerifiedAttributes = [...new Set(p.autoVerifiedAttributes)];
  if (p.usernameCaseSensitive !== undefined) s.kept.UsernameConfiguration = { CaseSensitive: p.usernameCaseSensitive };
}

/** The whole state of one emulator. */
export class Store {
  readonly pools = new Map<string, Pool>();
  private readonly clientIndex = new Map<string, AppClient>();

  addPool(pool: Pool): void {
    if (this.pools.has(pool.id)) throw new Error(`Emulator config: pool ${pool.id} exists already`);
    for (const id of pool.clients.keys()) if (this.clientIndex.has(id)) throw new Error(`Emulator config: client id ${id} is used twice`);
    this.pools.set(pool.id, pool);
    for (const c of pool.clients.values()) this.clientIndex.set(c.id, c);
  }

  removePool(pool: Pool): void {
    this.pools.delete(pool.id);
    for (const id of pool.clients.keys()) this.clientIndex.delete(id);
  }

  addClient(pool: Pool, client: AppClient): void {
    pool.clients.set(client.id, client);
    this.clientIndex.set(client.id, client);
  }

  removeClient(pool: Pool, client: AppClient): void {
    pool.clients.delete(client.id);
    this.clientIndex.delete(client.id);
  }

  /** The app client and its pool, or ResourceNotFoundException as Cognito answers. */
  client(clientId: string): { pool: Pool; client: AppClient } {
    const client = this.clientIndex.get(clientId);
    const pool = client && this.pools.get(client.userPoolId);
    if (!client || !pool) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
    return { pool, client };
  }

  pool(userPoolId: string): Pool {
    const pool = this.pools.get(userPoolId);
    if (!pool) throw errors.resourceNotFound(`User pool ${userPoolId} does not exist.`);
    return pool;
  }
}
