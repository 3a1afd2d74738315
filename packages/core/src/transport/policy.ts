/**
 * The call policy both transports share: one deadline for the whole call, cancellation,
 * retries of what is safe to retry (no answer, a cut-off answer, 5xx, throttling) with
 * full-jitter backoff, `Retry-After` honoured up to a bound, and a note on a spent-session
 * answer when an earlier attempt may already have reached Cognito.
 * @module
 */
import { AuthError } from '../errors.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_TIMEOUT_MS, type TransportSendOptions } from './call-options.js';
import { aborted, THROTTLING, timedOut, type CallFacts } from './errors.js';

/** How a transport retries and times out. */
export interface CallPolicy {
  /** Attempts per call including the first. */
  maxAttempts: number;
  /** Time for the whole call, retries included. */
  timeoutMs: number;
  /** The longest `Retry-After` worth waiting for; a longer one ends the call. */
  maxRetryAfterMs: number;
}

/** Rejects with `reason` once `signal` aborts; settles as `promise` otherwise. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    // Drops the listener, then settles as `promise` did.
    const settle =
      <A>(done: (value: A) => void) =>
      (value: A) => {
        signal.removeEventListener('abort', onAbort);
        done(value);
      };
    promise.then(settle(resolve), settle(reject));
  });
}

/** A signal that aborts when any of `signals` does (no AbortSignal.any: Safari < 17.4 lacks it). */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal {
  const list = signals.filter((s): s is AbortSignal => s !== undefined);
  if (list.length === 1) return list[0]!;
  const controller = new AbortController();
  for (const s of list) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/** The longest delay a timer keeps (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

// Timers take a whole number of ms, and Node's fire at once past 2^31 − 1 ms: a fractional or huge timeoutMs is rounded into range.
const timerMs = (ms: number) => Math.min(Math.max(1, Math.ceil(ms)), MAX_TIMER_MS);

/** A call's deadline and the caller's signal as one signal; `release` ends both once the call settled. */
export interface Deadline {
  /** Aborts when the caller's signal does or the time runs out. */
  readonly signal: AbortSignal;
  /** Clears the timer and the listener on the caller's signal. */
  release(): void;
}

/**
 * A deadline of `ms` joined with the caller's `signal`. Unlike AbortSignal.timeout +
 * AbortSignal.any, its timer and listener are dropped as soon as the call settles (`release`):
 * those stay alive, and keep what they reach, for the whole deadline (20 s by default) after
 * every call, and cost more CPU to make in Node 20.
 */
export function deadline(ms: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The call timed out.', 'TimeoutError')), timerMs(ms));
  // Like AbortSignal.timeout: a pending deadline does not keep Node alive by itself.
  (timer as { unref?: () => void }).unref?.();
  const onAbort = () => controller.abort(signal!.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return untilAborted(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}

/** Full-jitter exponential backoff, as the SDKs' standard mode: up to 100 ms · 2^n (500 ms base when throttled). */
function backoff(attempt: number, throttled: boolean): number {
  const base = throttled ? 500 : 100;
  return Math.random() * Math.min(20_000, base * 2 ** (attempt - 1));
}

type Retry = 'no' | 'network' | 'server' | 'throttle';

/** True for Cognito's answer with a 5xx status. */
function serverFailed(error: AuthError): boolean {
  const status = error.metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

function retryClass(error: AuthError): Retry {
  if (error.kind === 'network') return error.name === 'NetworkError' || error.name === 'IncompleteResponse' ? 'network' : 'no';
  if (error.kind !== 'service') return 'no';
  if (error.metadata?.httpStatusCode === 429 || THROTTLING.test(error.name)) return 'throttle';
  return serverFailed(error) ? 'server' : 'no';
}

function mayHaveReached(error: AuthError): boolean {
  return error.kind === 'service' ? serverFailed(error) : error.metadata?.mayHaveReachedCognito !== false;
}

const SPENT_SESSION = /session/i;

/**
 * A failure after an earlier attempt of the same call may have reached Cognito: a "session
 * can only be used once" / "session is expired" answer then likely means the first attempt
 * was processed and its answer lost. Say so, keeping Cognito's name.
 */
export function afterLostAnswer(error: AuthError): AuthError {
  const spent = error.name === 'NotAuthorizedException' && SPENT_SESSION.test(error.message);
  return new AuthError(
    error.name,
    spent
      ? `${error.message} (An earlier attempt may have reached Cognito and used the session; its answer was lost.)`
      : error.message,
    {
      kind: error.kind,
      recoverySuggestion: error.recoverySuggestion || undefined,
      metadata: { ...error.metadata, earlierAttemptMayHaveReachedCognito: true },
    },
  );
}

/**
 * Runs `attempt` under `policy` (its timeoutMs replaced by the call's own, when `send` got
 * one): each attempt gets a signal that aborts on the caller's signal or at the call's
 * deadline; attempts reject with an {@link AuthError}.
 */
export async function runCall<T>(
  operation: string,
  policy: CallPolicy,
  callOptions: TransportSendOptions | undefined,
  attempt: (signal: AbortSignal, n: number) => Promise<T>,
): Promise<T> {
  const signal = callOptions?.signal;
  const timeoutMs = callOptions?.timeoutMs || policy.timeoutMs;
  const limit = deadline(timeoutMs, signal);
  const combined = limit.signal;
  let reached = false;
  const stopped = (n: number): AuthError => {
    const f: CallFacts = { operation, attempts: n };
    return signal?.aborted ? aborted(f, reached) : timedOut(f, timeoutMs, reached);
  };
  try {
    for (let n = 1; ; n++) {
      if (combined.aborted) throw stopped(n - 1);
      let error: AuthError;
      try {
        return await untilAborted(attempt(combined, n), combined);
      } catch (caught) {
        if (combined.aborted) {
          reached = true; // the request was in flight
          throw stopped(n);
        }
        error = caught instanceof AuthError ? caught : new AuthError('UnknownError', `${operation} failed inside the transport.`, { kind: 'network' });
      }
      const retry = retryClass(error);
      const earlier = reached;
      reached ||= mayHaveReached(error);
      // No Retry-After counts as 0 ms (maxRetryAfterMs is ≥ 0); a NaN one ends the call.
      const retryAfter = typeof error.metadata?.retryAfterMs === 'number' ? (error.metadata.retryAfterMs as number) : 0;
      const canRetry = retry !== 'no' && n < policy.maxAttempts && retryAfter <= policy.maxRetryAfterMs;
      if (!canRetry) throw earlier ? afterLostAnswer(error) : error;
      const wait = Math.max(retryAfter, backoff(n, retry === 'throttle'));
      try {
        await sleep(wait, combined);
      } catch {
        throw stopped(n);
      }
    }
  } finally {
    limit.release();
  }
}

/** The error of a transport's options, the same for every transport (kind `config`). */
export function configError(message: string): AuthError {
  return new AuthError('InvalidTransportConfig', message, { kind: 'config' });
}

/**
 * Checks and completes the policy options a transport was given; every transport's defaults
 * are 3 attempts, {@link DEFAULT_TIMEOUT_MS} and {@link DEFAULT_MAX_RETRY_AFTER_MS}.
 */
export function policyOf(options: { maxAttempts?: number; timeoutMs?: number; maxRetryAfterMs?: number }): CallPolicy {
  const { maxAttempts = 3, timeoutMs = DEFAULT_TIMEOUT_MS, maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw configError('maxAttempts must be an integer ≥ 1.');
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) throw configError('timeoutMs must be > 0 ms.');
  if (!(maxRetryAfterMs >= 0 && maxRetryAfterMs <= MAX_TIMER_MS)) throw configError('maxRetryAfterMs must be ≥ 0 ms.');
  return { maxAttempts, timeoutMs, maxRetryAfterMs };
}
