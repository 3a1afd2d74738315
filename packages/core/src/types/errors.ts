/** Error kinds and the logger. @module */

/** Where an error came from. */
export type AuthErrorKind =
  | 'validation' // local check failed, nothing was sent
  | 'service' // Cognito answered with an exception; `name` is Cognito's
  | 'session' // the Cognito session expired or died: sign in again
  | 'config' // createAuth options or plugins are wrong
  | 'unclaimed' // the failUnclaimed default handler refused a step
  | 'network'; // no answer from the endpoint

/** Minimal structured logger; core never passes secrets to it. */
export interface Logger {
  /** Debug detail (the only level required). */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Information. */
  info?(message: string, data?: Record<string, unknown>): void;
  /** Something is off but the call goes on. */
  warn?(message: string, data?: Record<string, unknown>): void;
  /** A failure. */
  error?(message: string, data?: Record<string, unknown>): void;
}

// AuthError is a class (runtime value): see ../errors.ts. Re-exported here only as a type.
import type { AuthError } from '../errors.js';
export type { AuthError };
