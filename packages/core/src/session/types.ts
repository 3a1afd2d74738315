/**
 * Public types of stored sessions: the token store contract, what it stores, and the
 * Amplify JS v6 shapes of the session and account calls.
 * @module
 */
import type { AuthFlowType, CallControl, CodeDeliveryDetails, MfaType } from '../types.js';

/**
 * One signed-in user's session as a store keeps it: plain JSON. It holds the tokens, so keep
 * it as carefully as a password (HttpOnly cookies, not readable script storage, on servers).
 */
export interface StoredSession {
  /** Stored format tag; other formats are not read. */
  readonly format: 'nextstep.session/1';
  /** The user's `sub` (Amplify's `userId`): the store key. */
  readonly userId: string;
  /** The token's `cognito:username` (an internal UUID in email-as-username pools). */
  readonly username: string;
  /** What the user signed in with, as Amplify's `signInDetails`. */
  readonly signInDetails?: SignInDetails;
  /** The access token (a JWT). */
  readonly accessToken: string;
  /** The ID token, when Cognito returned one. */
  readonly idToken?: string;
  /** The refresh token, when Cognito returned one. */
  readonly refreshToken?: string;
  /** Local clock − Cognito's clock, in ms, measured against the access token's `iat` when received. */
  readonly clockOffsetMs: number;
  /** Epoch ms (local clock) of the last refresh, when there was one. */
  readonly refreshedAt?: number;
}

/** What the user signed in with (Amplify's `signInDetails`). */
export interface SignInDetails {
  /** The username as typed. */
  loginId?: string;
  /** The Cognito auth flow used. */
  authFlowType?: AuthFlowType;
}

/**
 * Where sessions live. Small, async and keyed by user id (`sub`), so one server process can
 * hold many users; an app with one user at a time holds at most one entry.
 * Implementations must not log values: they are tokens.
 */
export interface TokenStore {
  /** The session of a user, or undefined. */
  get(userId: string): Promise<StoredSession | undefined>;
  /** Saves (replaces) a user's session. */
  set(userId: string, session: StoredSession): Promise<void>;
  /** Forgets a user's session; no error when there is none. */
  remove(userId: string): Promise<void>;
  /** The user ids held. */
  list(): Promise<string[]>;
  /**
   * Optional, for stores shared by several processes (servers): runs `fn` holding a lock on
   * `userId` across every process, so a refresh due on many instances happens once. The
   * refresh reads the store again inside the lock and skips Cognito when another holder
   * already refreshed. Without it, refreshes are shared within one process only.
   */
  withLock?<T>(userId: string, fn: () => Promise<T>): Promise<T>;
}

/** A decoded JWT, as Amplify's `JWT`: the payload, and `toString()` gives the token. */
export interface JWT {
  /** The decoded claims; `exp`, `iat` and `sub` typed. */
  readonly payload: Readonly<Record<string, unknown>> & {
    /** Expiry, epoch seconds. */
    exp?: number;
    /** Issued at, epoch seconds. */
    iat?: number;
    /** The user's `sub`. */
    sub?: string;
  };
  /** The token as received (the encoded JWT). */
  toString(): string;
}

/** The tokens of a session, as Amplify's `AuthTokens`. */
export interface SessionTokens {
  /** The access token. */
  accessToken: JWT;
  /** The ID token, when there is one. */
  idToken?: JWT;
  /** What the user signed in with. */
  signInDetails?: SignInDetails;
}

/** What `fetchAuthSession` resolves to (Amplify's `AuthSession`, without identity-pool credentials). */
export interface AuthSession {
  /** Valid tokens, or undefined when nobody is signed in. */
  tokens?: SessionTokens;
  /** The user's `sub`. */
  userSub?: string;
}

/** Which user a session call works on. */
export interface UserSelector {
  /**
   * The user id (`sub`). Required on an Auth created with `sessions: 'many'` (servers)
   * unless the Auth is a per-request view from `auth.withStore(store)`; never guessed.
   */
  userId?: string;
}

/**
 * A session call made with the access token: whose session, and (p15, issue #15) the
 * signal / time limit of its Cognito calls.
 */
export interface AccessCallOptions extends UserSelector, CallControl {}

/** Options of `fetchAuthSession`. */
export interface FetchAuthSessionOptions extends UserSelector {
  /** Refresh even when the tokens are still valid. */
  forceRefresh?: boolean;
}

/** What `getCurrentUser` resolves to (Amplify's `AuthUser`). */
export interface AuthUser {
  /** The token's `cognito:username`. */
  username: string;
  /** The user's `sub`. */
  userId: string;
  /** What the user signed in with. */
  signInDetails?: SignInDetails;
}

/** Options of `signOut`. */
export interface SignOutInput extends UserSelector {
  /** GlobalSignOut: every session of the user, on every device. Default: RevokeToken for this one. */
  global?: boolean;
}

/** What `signOut` resolves to: the store is cleared whatever the network said. */
export interface SignOutOutput {
  /** True when Cognito confirmed the revocation; false when the call failed (see `error`). */
  revoked: boolean;
  /** Cognito's (or the network's) error name when the revocation failed. */
  error?: string;
}

/** Facts about a session given to the session hooks (no tokens). */
export interface SessionInfo {
  /** The user's `sub`. */
  readonly userId: string;
  /** The token's `cognito:username`. */
  readonly username: string;
  /** The user pool of the session. */
  readonly userPoolId: string;
  /** The app client of the session. */
  readonly clientId: string;
}

/** Why a refresh failed for good. */
export type SessionEndReason = 'revoked' | 'expired' | 'user-deleted' | 'user-disabled' | 'invalid';

/** Attributes as Amplify returns them: name → value. */
export type UserAttributes = Partial<Record<string, string>>;

/** The next step of an attribute update (Amplify's `UpdateUserAttributeOutput.nextStep`). */
export type UpdateAttributeNextStep =
  | {
    /** Call `confirmUserAttribute` with the code. */
    updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE';
    /** Where the code went. */
    codeDeliveryDetails?: CodeDeliveryDetails;
  }
  | {
    /** The attribute is updated. */
    updateAttributeStep: 'DONE';
  };

/** The outcome of one attribute update. */
export interface UpdateUserAttributeOutput {
  /** True when the new value is set (no verification pending). */
  isUpdated: boolean;
  /** What to do next: confirm with a code, or nothing. */
  nextStep: UpdateAttributeNextStep;
}

/** Input of `updateUserAttributes`. */
export interface UpdateUserAttributesInput extends AccessCallOptions {
  /** Attribute name → new value. */
  userAttributes: Record<string, string>;
  /** Metadata. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  };
}

/** Output of `updateUserAttributes`: one entry per attribute given. */
export type UpdateUserAttributesOutput = Record<string, UpdateUserAttributeOutput>;

/** Input of `updateUserAttribute`. */
export interface UpdateUserAttributeInput extends AccessCallOptions {
  /** The attribute to change. */
  userAttribute: {
    /** The attribute name, e.g. `email`. */
    attributeKey: string;
    /** Its new value. */
    value: string;
  };
  /** Metadata. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  };
}

/** Input of `confirmUserAttribute`. */
export interface ConfirmUserAttributeInput extends AccessCallOptions {
  /** The attribute being verified, e.g. `email`. */
  userAttributeKey: string;
  /** The code Cognito sent. */
  confirmationCode: string;
}

/** Input of `sendUserAttributeVerificationCode`. */
export interface SendUserAttributeVerificationCodeInput extends AccessCallOptions {
  /** The attribute to verify, e.g. `email` or `phone_number`. */
  userAttributeKey: string;
  /** Metadata. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  };
}

/** Input of `deleteUserAttributes`. */
export interface DeleteUserAttributesInput extends AccessCallOptions {
  /** The attribute names to remove. */
  userAttributeKeys: string[];
}

/** Input of `updatePassword`. */
export interface UpdatePasswordInput extends AccessCallOptions {
  /** The current password. */
  oldPassword: string;
  /** The new password. */
  newPassword: string;
}

/** A factor's setting in `updateMFAPreference`. */
export type MfaPreferenceValue = 'ENABLED' | 'DISABLED' | 'PREFERRED' | 'NOT_PREFERRED';

/** Input of `updateMFAPreference`. */
export interface UpdateMFAPreferenceInput extends AccessCallOptions {
  /** SMS MFA setting. */
  sms?: MfaPreferenceValue;
  /** TOTP (authenticator app) MFA setting. */
  totp?: MfaPreferenceValue;
  /** Email MFA setting. */
  email?: MfaPreferenceValue;
}

/** Output of `fetchMFAPreference`. */
export interface FetchMFAPreferenceOutput {
  /** The MFA types the user has enabled. */
  enabled?: MfaType[];
  /** The preferred MFA type, if any. */
  preferred?: MfaType;
}
