/** Cognito as core talks to it: operations, answers, the transport interface. @module */
import type { AuthError } from './errors.js';

/** The part of Cognito's answers that drives a sign-in. */
export interface CognitoAuthResponse {
  /** The next challenge, absent once signed in. */
  ChallengeName?: string;
  /** Cognito's Session string for the next answer. */
  Session?: string;
  /** The challenge's parameters (all strings). */
  ChallengeParameters?: Record<string, string>;
  /** USER_AUTH: the first factors the user may choose. */
  AvailableChallenges?: string[];
  /** The tokens, when the sign-in is done. */
  AuthenticationResult?: {
    /** The access token. */
    AccessToken?: string;
    /** The ID token. */
    IdToken?: string;
    /** The refresh token. */
    RefreshToken?: string;
    /** The access token's lifetime in seconds. */
    ExpiresIn?: number;
    /** `Bearer`. */
    TokenType?: string;
    /** Set when the client may remember this device (ConfirmDevice). */
    NewDeviceMetadata?: {
      /** The new device's key. */
      DeviceKey?: string;
      /** The device group key, for the device's SRP verifier. */
      DeviceGroupKey?: string;
    };
  };
}

// --- p15 (issue #15): any Cognito operation, typed where core knows it (the session
// operations of #10 included); per-call options.
export type { CognitoOperation, CognitoOperationMap, KnownCognitoOperation, CognitoInput, CognitoOutput } from '../transport/operations.js';
export type * as Cognito from '../transport/cognito-types.js';
export type { TransportSendOptions } from '../transport/call-options.js';
export type { CallControl, CognitoClient, CognitoCallFailure } from '../guard/call-control.js';
import type { CognitoOperation } from '../transport/operations.js';
import type { TransportSendOptions } from '../transport/call-options.js';
// --- end p15

/**
 * The small interface core talks to Cognito through. The default is the AWS SDK bare
 * client with per-command imports; tests and browsers may supply another.
 * Failures reject with an {@link AuthError} whose `name` is Cognito's exception name.
 */
export interface CognitoTransport {
  /** Sends one Cognito operation and resolves to its JSON answer; rejects with an {@link AuthError}. */
  send(operation: CognitoOperation, input: Record<string, unknown>, options?: TransportSendOptions): Promise<Record<string, any>>;
}
