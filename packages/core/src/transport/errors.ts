/**
 * Turns whatever a transport caught into an {@link AuthError}: Cognito's exceptions keep
 * their name and message; failures to reach the endpoint become kind `network`. Nothing of
 * the request (which carries passwords, codes and Session strings) goes into the error.
 * @module
 */
import { AuthError, isAuthError } from '../errors.js';
import type { CognitoOperation } from '../types.js';

/** Node's and the SDK's names for "no answer came back". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
// A browser's fetch rejects with a bare TypeError when the request cannot be made.
const NETWORK_NAMES = new Set(['TimeoutError', 'AbortError', 'NetworkingError', 'RequestTimeout', 'RequestTimeoutException', 'TypeError']);

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
}

function networkCode(error: SdkLikeError): string | undefined {
  for (let e: SdkLikeError | undefined = error, depth = 0; e && depth < 4; e = e.cause as SdkLikeError | undefined, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  }
  return undefined;
}

/** Keeps only an error's name and message: a safe `cause` (no request, no response body). */
function safeCause(error: SdkLikeError): Error {
  const cause = new Error(typeof error.message === 'string' ? error.message : String(error.name ?? 'Error'));
  cause.name = typeof error.name === 'string' ? error.name : 'Error';
  return cause;
}

/** Cognito's exception as an {@link AuthError} of kind `service`, with its name and message. */
export function serviceError(name: string, message: string, metadata: { operation: CognitoOperation; httpStatusCode: number; requestId?: string; attempts?: number }): AuthError {
  const { attempts, ...rest } = metadata;
  return new AuthError(name, message || `${metadata.operation} failed with HTTP ${metadata.httpStatusCode}.`, {
    kind: 'service',
    metadata: { ...rest, ...(attempts ? { attempts } : {}) },
  });
}

/** An answer that is not Cognito's JSON (a proxy's error page, a truncated body). */
export function unexpectedResponse(operation: CognitoOperation, httpStatusCode: number, requestId?: string, attempts?: number): AuthError {
  return serviceError('UnexpectedResponse', `${operation}: HTTP ${httpStatusCode} with an answer that is not Cognito JSON.`, { operation, httpStatusCode, requestId, attempts });
}

/** Maps a transport failure of `operation` to an {@link AuthError}. */
export function toAuthError(error: unknown, operation: CognitoOperation, endpoint: string | undefined, attemptsMade?: number): AuthError {
  if (isAuthError(error)) return error;
  const e = (error ?? {}) as SdkLikeError;
  const status = e.$metadata?.httpStatusCode;
  const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'UnknownError';
  const attempts = e.$metadata?.attempts ?? attemptsMade;

  if (typeof status === 'number') {
    // The SDK could not parse the body: say so, without the body.
    if (name === 'SyntaxError' || (typeof e.message === 'string' && e.message.includes('Deserialization error'))) {
      return unexpectedResponse(operation, status, e.$metadata?.requestId, attempts);
    }
    // Cognito answered: its exception name and message, as its clients show them.
    const message = typeof e.message === 'string' ? e.message : '';
    return serviceError(name, message, { operation, httpStatusCode: status, requestId: e.$metadata?.requestId, attempts });
  }

  const code = networkCode(e);
  if (code !== undefined || NETWORK_NAMES.has(name)) {
    const where = endpoint ?? 'Cognito';
    return new AuthError('NetworkError', `${operation}: no answer from ${where}${code ? ` (${code})` : ''}.`, {
      kind: 'network',
      recoverySuggestion: 'Check the network connection and the endpoint, then try again.',
      cause: safeCause(e),
      metadata: { operation, ...(code ? { code } : {}), ...(attempts ? { attempts } : {}) },
    });
  }

  return new AuthError(name, `${operation} failed: ${typeof e.message === 'string' ? e.message : 'unknown error'}`, {
    kind: 'network',
    cause: safeCause(e),
    metadata: { operation },
  });
}
