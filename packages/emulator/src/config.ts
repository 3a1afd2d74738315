/**
 * The config format that seeds pools, app clients and users (a JSON file, a JS module
 * exporting it as default, or an object given to `startEmulator`).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TokenPolicyConfig } from './token-policy.js';

/** MFA factors a pool can enable, named as Cognito names their challenges. */
export type MfaChallengeName = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
/** First factors USER_AUTH can offer. */
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
/** A user's status, as AdminGetUser reports it. */
export type UserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

/**
 * A Lambda trigger as a JS function: receives the Cognito event and may mutate
 * `event.response` or return the event (or just a response object). Sync or async.
 */
export type TriggerFunction = (event: any) => unknown;

/** Custom-auth triggers: functions, or `"./module.js#exportName"` paths (relative to the config file). */
export interface TriggersConfig {
  /** Decides the next custom-auth step from `event.request.session`. */
  defineAuthChallenge?: TriggerFunction | string;
  /** Builds a CUSTOM_CHALLENGE: public and private parameters, metadata. */
  createAuthChallenge?: TriggerFunction | string;
  /** Checks `event.request.challengeAnswer`; sets `event.response.answerCorrect`. */
  verifyAuthChallengeResponse?: TriggerFunction | string;
  /** Pre sign-up: may set `autoConfirmUser`, `autoVerifyEmail`, `autoVerifyPhone`; a throw refuses the sign-up. */
  preSignUp?: TriggerFunction | string;
  /** Post confirmation (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword). */
  postConfirmation?: TriggerFunction | string;
  /** Pre authentication: a throw refuses the sign-in (UserLambdaValidationException). */
  preAuthentication?: TriggerFunction | string;
  /** Post authentication: after the last factor, before tokens. */
  postAuthentication?: TriggerFunction | string;
  /** Pre token generation: changes claims (and, from V2_0, access-token claims and scopes). */
  preTokenGeneration?: TriggerFunction | string;
  /** The event version pre token generation gets: `V1_0` (default), `V2_0` or `V3_0`. */
  preTokenGenerationVersion?: 'V1_0' | 'V2_0' | 'V3_0';
  /** User migration: asked about unknown users on password sign-in and ForgotPassword. */
  userMigration?: TriggerFunction | string;
  /** Custom message: writes `smsMessage` / `emailMessage` / `emailSubject` of sign-up, resend, reset and invitation messages. */
  customMessage?: TriggerFunction | string;
}

/** An app client of a pool. */
export interface ClientConfig extends TokenPolicyConfig {
  /** Client id (random 26 characters when absent). */
  id?: string;
  /** Display name (ClientName). */
  name?: string;
  /** `true` generates a secret; a string is used as the secret. SECRET_HASH is then required. */
  secret?: boolean | string;
  /**
   * ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_AUTH,
   * ALLOW_REFRESH_TOKEN_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH. Config clients default to all of them.
   */
  explicitAuthFlows?: string[];
  /** Minutes a sign-in Session lives (3–15, default 3). */
  authSessionValidity?: number;
  /** When true, unknown users get NotAuthorizedException instead of UserNotFoundException. */
  preventUserExistenceErrors?: boolean;
}

/** A user to seed. */
export interface UserConfig {
  /** The username (USER_ID_FOR_SRP). */
  username: string;
  /** The password; only a salt and SRP verifier are kept. */
  password?: string;
  /** Default CONFIRMED. */
  status?: UserStatus;
  /** Default true; a disabled user gets "User is disabled.". */
  enabled?: boolean;
  /** Standard and custom attributes (`email`, `phone_number`, `custom:x`...). */
  attributes?: Record<string, string>;
  /** MFA factors the user has enabled (used when the pool's `mfa` is not OFF). */
  mfa?: {
    /** SMS MFA to `attributes.phone_number`. */
    sms?: boolean;
    /** Email MFA to `attributes.email`. */
    email?: boolean;
    /** A verified TOTP device with this base32 `secret` (and FRIENDLY_DEVICE_NAME). */
    totp?: {
      /** The base32 TOTP secret. */
      secret: string;
      /** The device's FRIENDLY_DEVICE_NAME. */
      friendlyDeviceName?: string;
    };
    /** The preferred factor, asked without SELECT_MFA_TYPE. */
    preferred?: 'SMS' | 'TOTP' | 'EMAIL';
  };
  /** Attributes NEW_PASSWORD_REQUIRED asks for (without the `userAttributes.` prefix). */
  requiredAttributes?: string[];
  /** Ask this challenge after the first factor; `ANSWER` = `answer` continues the sign-in. */
  unknownChallenge?: {
    /** A challenge name clients do not know. */
    challengeName: string;
    /** Its ChallengeParameters. */
    challengeParameters?: Record<string, string>;
    /** The ANSWER that continues (any answer when absent). */
    answer?: string;
  };
}

/** A user pool with its clients and users. */
export interface PoolConfig {
  /** Pool id `region_suffix` (random `<region>_xxxxxxxxx` in the emulator's region, default us-east-1, when absent). */
  id?: string;
  /** Display name (PoolName). */
  name?: string;
  /** Pool MFA configuration (default OFF). */
  mfa?: 'OFF' | 'OPTIONAL' | 'ON';
  /** MFA factors enabled on the pool (default: all three). */
  enabledMfas?: MfaChallengeName[];
  /** First factors for USER_AUTH (default `["PASSWORD"]`). */
  allowedFirstAuthFactors?: FirstAuthFactor[];
  /** Password policy checked on sign-up and password changes (default minimum length 8); temporary passwords last `temporaryPasswordValidityDays` (default 7). */
  passwordPolicy?: {
    /** Minimum password length (default 8). */
    minimumLength?: number;
    /** Require an uppercase letter. */
    requireUppercase?: boolean;
    /** Require a lowercase letter. */
    requireLowercase?: boolean;
    /** Require a digit. */
    requireNumbers?: boolean;
    /** Require a symbol. */
    requireSymbols?: boolean;
    /** Days a temporary (admin-set) password stays valid (default 7). */
    temporaryPasswordValidityDays?: number;
  };
  /**
   * Attributes users sign in with instead of a user name (Cognito's UsernameAttributes):
   * SignUp / AdminCreateUser with an email or phone number store the user under a generated
   * name (its sub). Config users keep the username given.
   */
  usernameAttributes?: ('email' | 'phone_number')[];
  /** Verified attributes that also work as the user name (Cognito's AliasAttributes). */
  aliasAttributes?: ('email' | 'phone_number' | 'preferred_username')[];
  /** Cognito's UsernameConfiguration.CaseSensitive (default true): false makes user names and aliases match in any case. */
  usernameCaseSensitive?: boolean;
  /** Cognito's AutoVerifiedAttributes: where sign-up codes go (default both, the email first). */
  autoVerifiedAttributes?: ('email' | 'phone_number')[];
  /**
   * Cognito's Schema (SchemaAttributeType objects, as in CreateUserPool): custom attributes
   * (`{ "Name": "tier", "AttributeDataType": "String" }` is `custom:tier`) and overrides of
   * standard ones. Set, user attributes are checked against it; absent, any `custom:*` passes.
   */
  schema?: {
    /** The attribute name (custom ones without or with the `custom:` prefix). */
    Name: string;
    /** String (default), Number, DateTime or Boolean. */
    AttributeDataType?: 'String' | 'Number' | 'DateTime' | 'Boolean';
    /** Cognito's DeveloperOnlyAttribute. */
    DeveloperOnlyAttribute?: boolean;
    /** Whether the value may change after creation (default true). */
    Mutable?: boolean;
    /** Required at sign-up (standard attributes only). */
    Required?: boolean;
    /** Length limits of a String attribute. */
    StringAttributeConstraints?: {
      /** Shortest value. */
      MinLength?: string | number;
      /** Longest value. */
      MaxLength?: string | number;
    };
    /** Value limits of a Number attribute. */
    NumberAttributeConstraints?: {
      /** Smallest value. */
      MinValue?: string | number;
      /** Largest value. */
      MaxValue?: string | number;
    };
  }[];
  /** Cognito's VerificationMessageTemplate: texts of sign-up, forgot-password and verification messages (`{####}` is the code). */
  verificationMessageTemplate?: {
    /** SMS text; must contain `{####}`. */
    SmsMessage?: string;
    /** Email text; must contain `{####}`. */
    EmailMessage?: string;
    /** Email subject. */
    EmailSubject?: string;
    /** Email text of CONFIRM_WITH_LINK; must contain `{##label##}`. */
    EmailMessageByLink?: string;
    /** Email subject of CONFIRM_WITH_LINK. */
    EmailSubjectByLink?: string;
    /** CONFIRM_WITH_CODE (default) or CONFIRM_WITH_LINK. */
    DefaultEmailOption?: 'CONFIRM_WITH_LINK' | 'CONFIRM_WITH_CODE';
  };
  /**
   * Remembered devices (Cognito's DeviceConfiguration); absent: devices are not tracked.
   * `challengeRequiredOnNewDevice`: a remembered device skips MFA; `deviceOnlyRememberedOnUserPrompt`:
   * ConfirmDevice leaves the device not remembered until UpdateDeviceStatus.
   */
  deviceConfiguration?: {
    /** Cognito's ChallengeRequiredOnNewDevice: new devices get MFA, remembered ones skip it. */
    challengeRequiredOnNewDevice?: boolean;
    /** Cognito's DeviceOnlyRememberedOnUserPrompt: ConfirmDevice leaves the device not remembered until UpdateDeviceStatus. */
    deviceOnlyRememberedOnUserPrompt?: boolean;
  };
  /**
   * Passkeys (Cognito's WebAuthnConfiguration): the relying party id (e.g. `localhost`) and
   * whether user verification is `required` or `preferred` (default). Add WEB_AUTHN to
   * `allowedFirstAuthFactors` to enable them.
   */
  webAuthn?: {
    /** The relying party id, e.g. `localhost`. */
    relyingPartyId?: string;
    /** Whether user verification is `required` or `preferred` (default). */
    userVerification?: 'required' | 'preferred';
  };
  /** Lambda triggers as functions or `"./file.js#export"` paths; they win over `lambdaConfig`. */
  triggers?: TriggersConfig;
  /**
   * Cognito's LambdaConfig (`{ "PreSignUp": "arn:aws:lambda:...", "PreTokenGenerationConfig": { "LambdaVersion": "V2_0", "LambdaArn": "arn:..." } }`);
   * every ARN must be a key of the config's `lambdas`.
   */
  lambdaConfig?: Record<string, unknown>;
  /** App clients. */
  clients?: ClientConfig[];
  /** Users to seed. */
  users?: UserConfig[];
}

/** The whole config. */
export interface EmulatorConfig {
  /** A JSON Schema reference for editors (ignored). */
  $schema?: string;
  /** User pools to create at start. */
  pools?: PoolConfig[];
  /** Token issuer: `emulator` (default, the emulator's URL) or `aws` (Cognito's URL for the pool's region). */
  issuer?: 'emulator' | 'aws';
  /**
   * Lambda functions by ARN: what a LambdaConfig (here or in CreateUserPool) may name.
   * Values are functions or `"./file.js#export"` paths.
   */
  lambdas?: Record<string, TriggerFunction | string>;
  /** Directory keeping pools, clients and users across restarts (relative to the config file); see `dataDir` of startEmulator. */
  dataDir?: string;
  /** Web origins allowed to reach admin operations and `/_emulator/*` (see `corsOrigins` of startEmulator). */
  corsOrigins?: string[];
}

/** Loads a config file: `.json`, or a JS/TS module whose default export is the config. */
export async function loadConfigFile(path: string): Promise<{
  /** The parsed configuration. */
  config: EmulatorConfig;
  /** The file's directory, against which trigger paths resolve. */
  baseDir: string;
}> {
  const abs = resolve(path);
  let config: unknown;
  if (abs.endsWith('.json')) {
    const text = await readFile(abs, 'utf8');
    try {
      config = JSON.parse(text);
    } catch (e) {
      throw new Error(`Config file ${abs} is not valid JSON: ${(e as Error).message}`);
    }
  } else {
    config = ((await import(pathToFileURL(abs).href)) as { default?: unknown }).default;
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new Error(`Config file ${abs} must hold an object with "pools"`);
  return { config: config as EmulatorConfig, baseDir: dirname(abs) };
}

/** Turns a trigger config value into a function (imports `"./file.js#export"` paths). */
export async function resolveTrigger(value: TriggerFunction | string | undefined, baseDir: string, name: string): Promise<TriggerFunction | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value;
  if (typeof value !== 'string') throw new Error(`Trigger ${name} must be a function or "./module.js#export"`);
  const [file, exportName = 'default'] = value.split('#');
  const abs = isAbsolute(file!) ? file! : resolve(baseDir, file!);
  const mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`Trigger ${name}: ${value} does not export a function "${exportName}"`);
  return fn as TriggerFunction;
}
