/**
 * What a caller may say about one Cognito call, and how a transport picks its endpoint.
 * @module
 */

/** Per-call options every {@link CognitoTransport} `send` accepts (all optional). */
export interface TransportSendOptions {
  /** Cancels the call: it rejects with an AuthError named `RequestAborted`. */
  signal?: AbortSignal;
  /** Time for the whole call, retries included; it then rejects with `RequestTimedOut`. */
  timeoutMs?: number;
  /**
   * The user pool's endpoint (core passes `userPool.endpoint`): used unless the transport
   * was created with its own `endpoint`.
   */
  endpoint?: string;
  /** The user pool's region (core passes it): used unless the transport was given one. */
  region?: string;
}

/** The default time for one Cognito call, retries included: 20 seconds. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The longest `Retry-After` a transport waits by default before retrying: 10 seconds. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** True when `value` looks like an AWS region (`us-east-1`). */
export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && REGION.test(value);
}

/** The URL when `value` is an http(s) URL, else undefined. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** True when `value` is a usable timeout in ms (a positive finite number). */
export function isTimeout(value: unknown): value is number {
  return Number.isFinite(value) && (value as number) > 0; // Number.isFinite is false for a non-number
}

/**
 * The endpoint of one call: the transport's own when it was given one; else the pool's
 * (per call); else AWS's for the transport's or the pool's region. Undefined when none can
 * be named (no endpoint and no region).
 */
export function endpointFor(own: { endpoint?: string; region?: string }, call: TransportSendOptions | undefined): string | undefined {
  if (own.endpoint) return own.endpoint;
  const poolEndpoint = httpUrl(call?.endpoint);
  if (poolEndpoint) return poolEndpoint;
  const region = own.region ?? (isRegion(call?.region) ? call!.region : undefined);
  return region ? `https://cognito-idp.${region}.amazonaws.com/` : undefined;
}
