import type { AuthErrorKind } from './types.js';

/** Options of an {@link AuthError}. */
export interface AuthErrorOptions {
  /** Where the error came from; see {@link AuthErrorKind}. */
  kind: AuthErrorKind;
  /** What the user or the app can do about it. */
  recoverySuggestion?: string;
  /** The underlying error (never carries secrets either). */
  cause?: unknown;
  /** Facts for the app: HTTP status, request id, the challenge or plugin concerned. No secrets. */
  metadata?: Record<string, unknown>;
}

/**
 * Every error nextstep throws. `name` is Cognito's exception name for service errors
 * (`CodeMismatchException`, `NotAuthorizedException`, ...) and nextstep's own name otherwise.
 * Messages never contain passwords, codes, Session strings, secrets or tokens.
 */
export class AuthError extends Error {
  /** Cognito's exception name for service errors, else nextstep's own (e.g. `InvalidUserPoolId`). */
  override readonly name: string;
  /** Where the error came from. */
  readonly kind: AuthErrorKind;
  /** What the user or the app can do about it. */
  readonly recoverySuggestion?: string;
  /** Facts for the app; no secrets. */
  readonly metadata?: Record<string, unknown>;

  constructor(name: string, message: string, options: AuthErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = name;
    this.kind = options.kind;
    // Class fields (ES2022): both are own properties already, undefined when not given.
    this.recoverySuggestion = options.recoverySuggestion;
    this.metadata = options.metadata;
  }

  /** True when the sign-in cannot continue and must start again (expired or dead session). */
  get mustSignInAgain(): boolean {
    return this.kind === 'session';
  }
}

/** True when `value` is an {@link AuthError} (also across package copies). */
export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError || (value instanceof Error && typeof (value as AuthError).kind === 'string');
}
