/**
 * A Cognito service error: the HTTP layer turns it into `{ __type, message }` with the
 * `x-amzn-errortype` header, exactly as the real service answers.
 */
export class CognitoError extends Error {
  /** Cognito's exception name, e.g. `NotAuthorizedException`. */
  readonly type: string;
  /** HTTP status (Cognito answers 400 for client errors, throttling included). */
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

/** Shorthands for the errors the emulator answers most often. */
export const errors = {
  invalidParameter: (message: string) => new CognitoError('InvalidParameterException', message),
  notAuthorized: (message = 'Incorrect username or password.') => new CognitoError('NotAuthorizedException', message),
  userNotFound: () => new CognitoError('UserNotFoundException', 'User does not exist.'),
  codeMismatch: (message = 'Invalid code or auth state for the user.') => new CognitoError('CodeMismatchException', message),
  expiredCode: (message = 'Invalid code provided, please request a code again.') => new CognitoError('ExpiredCodeException', message),
  resourceNotFound: (message: string) => new CognitoError('ResourceNotFoundException', message),
  invalidPassword: (message: string) => new CognitoError('InvalidPasswordException', message),
  sessionExpired: () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
  sessionInvalid: () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.'),
  sessionUsed: () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session can only be used once.'),
} as const;
