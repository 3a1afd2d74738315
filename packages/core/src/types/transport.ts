/** Cognito as core talks to it: operations, answers, the transport interface. @module */
import type { AuthError } from './errors.js';

/** The part of Cognito's answers that drives a sign-in. */
export interface CognitoAuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: {
    AccessToken?: string;
    IdToken?: string;
    RefreshToken?: string;
    ExpiresIn?: number;
    TokenType?: string;
    NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
  };
}

// --- p15 (issue #15): any Cognito operation, typed where core knows it (the session
// operations of #10 included); per-call options.
export type { CognitoOperation, CognitoOperationMap, KnownCognitoOperation, CognitoInput, CognitoOutput } from '../transport/operations.js';
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
  send(operation: CognitoOperation, input: Record<string, unknown>, options?: TransportSendOptions): Promise<Record<string, any>>;
}
