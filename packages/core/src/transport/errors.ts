/**
 * Turns whatever a transport met into an {@link AuthError}: Cognito's exceptions keep their
 * name and message; failures to reach the endpoint, truncated answers, timeouts and
 * cancellations become kind `network`; redirects and non-JSON answers are refused.
 *
 * Nothing of the request (passwords, codes, Session strings) goes into these errors, and
 * nothing of a foreign error but its name and its Node error code: a custom `fetch` or SDK
 * middleware may have put the request body in its message, stack or fields.
 * @module
 */
import { AuthError, isAuthError } from '../errors.js';

/** Node's, undici's and the SDK's codes for "no answer came back" (ECONNRESET, UND_ERR_SOCKET, ...). */
const NETWORK_CODE = /^(E(CONN(REFUSED|RESET|ABORTED)|NOTFOUND|AI_AGAIN|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH)|UND_ERR_\w+|ERR_STREAM_PREMATURE_CLOSE)$/;
/** Codes meaning the request never left: no attempt reached Cognito. */
const NOT_SENT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;
// A browser's fetch rejects with a bare TypeError when the request cannot be made.
const NETWORK_NAME = /^(TimeoutError|AbortError|NetworkingError|RequestTimeout(Exception)?|TypeError)$/;
/** The names the AWS SDKs treat as throttling (Cognito's is TooManyRequestsException). */
export const THROTTLING = /^(TooManyRequestsException|ThrottlingException|Throttling|RequestLimitExceeded|LimitExceededException)$/;

interface ForeignError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

const IDENTIFIER = /^[A-Za-z_$][\w$.:-]{0,79}$/;

/** A foreign error's name, when it is a plain identifier (else `fallback`). */
export function safeName(value: unknown, fallback = 'UnknownError'): string {
  const name = value && typeof value === 'object' ? (value as ForeignError).name : undefined;
  return typeof name === 'string' && IDENTIFIER.test(name) ? name : fallback;
}

/** The first Node-style error code in a cause chain, when it is one of the known ones. */
export function networkCode(error: unknown): string | undefined {
  let e = error as ForeignError | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as ForeignError | undefined, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODE.test(e.code)) return e.code;
  }
  return undefined;
}

/** True when a network failure with this code happened before the request was sent. */
export function neverSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODE.test(code);
}

/**
 * A stand-in `cause` for a foreign error: its name and known error code only, with a stack
 * of our own frames. Never the foreign message, fields or cause.
 */
export function safeCause(error: unknown): Error {
  if (isSafeCause(error)) return error;
  const code = networkCode(error);
  const cause = new Error(code ? `code ${code}` : 'details withheld');
  cause.name = safeName(error, 'Error');
  SAFE_CAUSES.add(cause);
  return cause;
}

const SAFE_CAUSES = new WeakSet<object>();

/** True for a cause made by {@link safeCause} (nothing foreign in it). */
export function isSafeCause(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && SAFE_CAUSES.has(value);
}

/** Facts a transport error carries in `metadata`. */
export interface CallFacts {
  operation: string;
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

function facts({ operation, httpStatusCode, requestId, attempts }: CallFacts, extra?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { operation, httpStatusCode, requestId, attempts: attempts || undefined, ...extra };
  // Only what is known: no key is left holding undefined.
  for (const key in out) if (out[key] === undefined) delete out[key];
  return out;
}

const make = (name: string, message: string, kind: 'service' | 'network', f: CallFacts, extra?: Record<string, unknown>, cause?: unknown) =>
  new AuthError(name, message, { kind, metadata: facts(f, extra), cause: cause === undefined ? undefined : safeCause(cause) });

/** Cognito's exception as an {@link AuthError} of kind `service`, with its name and message. */
export const serviceError = (name: string, message: string, f: CallFacts & { httpStatusCode: number }, extra?: Record<string, unknown>): AuthError =>
  make(name, message || `${f.operation} failed with HTTP ${f.httpStatusCode}.`, 'service', f, extra);

/** An answer that is not Cognito's JSON (a proxy's error page, HTML). */
export const unexpectedResponse = (f: CallFacts & { httpStatusCode: number }): AuthError =>
  make('UnexpectedResponse', `${f.operation}: HTTP ${f.httpStatusCode}, not Cognito JSON.`, 'service', f);

/** A 3xx answer: never followed (the request body carries secrets), never trusted. */
export const redirectRefused = (f: CallFacts & { httpStatusCode: number }): AuthError =>
  make('UnexpectedRedirect', `${f.operation}: redirect (HTTP ${f.httpStatusCode}) not followed.`, 'service', f);

/** The answer began but its body could not be read to its end. Retryable. */
export const incompleteResponse = (f: CallFacts & { httpStatusCode: number }, code?: string): AuthError =>
  make('IncompleteResponse', `${f.operation}: answer cut off${code ? ` (${code})` : ''}.`, 'network', f, { mayHaveReachedCognito: true, code: code || undefined });

/** No answer came (connection refused, reset, DNS failure). Retryable. */
export function networkError(f: CallFacts, where: string | undefined, cause: unknown): AuthError {
  const code = networkCode(cause);
  return make('NetworkError', `${f.operation}: no answer from ${where ?? 'Cognito'}${code ? ` (${code})` : ''}.`, 'network', f, { code, mayHaveReachedCognito: !neverSent(code) }, cause);
}

/** The call's time ran out. */
export const timedOut = (f: CallFacts, timeoutMs: number, mayHaveReached: boolean): AuthError =>
  make('RequestTimedOut', `${f.operation}: no answer within ${timeoutMs} ms.`, 'network', f, { timeoutMs, mayHaveReachedCognito: mayHaveReached });

/** The caller's AbortSignal fired. */
export const aborted = (f: CallFacts, mayHaveReached: boolean): AuthError =>
  make('RequestAborted', `${f.operation} was cancelled.`, 'network', f, { aborted: true, mayHaveReachedCognito: mayHaveReached });

/** Maps what the AWS SDK threw for `operation` to an {@link AuthError}. */
export function fromSdkError(error: unknown, operation: string, endpoint: string | undefined, attempts: number): AuthError {
  if (isAuthError(error)) return error;
  const e = (error && typeof error === 'object' ? error : {}) as ForeignError;
  const status = e.$metadata?.httpStatusCode;
  const name = safeName(e);
  const f: CallFacts = { operation, attempts, requestId: e.$metadata?.requestId || undefined };

  if (typeof status === 'number') {
    const withStatus = { ...f, httpStatusCode: status };
    if (status >= 300 && status < 400) return redirectRefused(withStatus);
    const code = networkCode(e);
    if (code !== undefined) return incompleteResponse(withStatus, code);
    // The SDK could not parse the body: say so, without the body.
    if (name === 'SyntaxError' || (typeof e.message === 'string' && e.message.includes('Deserialization error'))) return unexpectedResponse(withStatus);
    const retryAfterMs = retryAfterOf(e.$response?.headers?.['retry-after'] ?? e.$response?.headers?.['Retry-After']);
    // Cognito answered: its exception name and message, as its clients show them.
    return serviceError(name, typeof e.message === 'string' ? e.message : '', withStatus, { retryAfterMs });
  }
  if (networkCode(e) !== undefined || NETWORK_NAME.test(name)) return networkError(f, endpoint, e);
  // Anything else: only the name survives, never the message (it may echo the request).
  return make(name, `${operation} failed inside the transport.`, 'network', f, { mayHaveReachedCognito: true }, e);
}

/**
 * A `Retry-After` value (delay-seconds or an HTTP date) in ms, or undefined when absent or
 * unreadable.
 */
export function retryAfterOf(header: string | null | undefined, now = Date.now()): number | undefined {
  // An absent or blank header matches neither form below.
  const text = typeof header === 'string' ? header.trim() : '';
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date (IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"); not any string Date.parse takes.
  const at = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
