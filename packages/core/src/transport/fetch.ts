/**
 * A small Cognito transport on `fetch`, speaking AWS JSON 1.1 directly: for browser bundles
 * far smaller than the AWS SDK's. Sends any operation of the Cognito user pools API
 * (unsigned: those that need no AWS credentials), with a deadline per call, cancellation,
 * retries on throttling, 5xx and lost connections, and no redirects.
 * @module
 */
import { AuthError } from '../errors.js';
import type { CognitoTransport } from '../types.js';
import { isObject } from '../guard/shape.js';
import { endpointFor, httpUrl, isRegion, isTimeout, type TransportSendOptions } from './call-options.js';
import { isOperationName } from './operations.js';
import { configError, policyOf, runCall } from './policy.js';
import { postJson } from './wire.js';

/** Options of {@link createFetchTransport}. All optional: the pool configuration fills them in. */
export interface FetchTransportOptions {
  /**
   * The region, e.g. `us-east-1`. Default: the user pool's. Only names AWS's endpoint: a
   * pool with an `endpoint` (e.g. the emulator's) is reached there.
   */
  region?: string;
  /** An endpoint that wins over the pool's, e.g. a fixed proxy. Default: the pool's, else AWS's. */
  endpoint?: string;
  /** Attempts per call including the first. Default 3. */
  maxAttempts?: number;
  /** Time for one call, retries included, in ms. Default 20 000. `send` may give its own. */
  timeoutMs?: number;
  /** The longest `Retry-After` to wait before retrying, in ms; a longer one ends the call. Default 10 000. */
  maxRetryAfterMs?: number;
  /** The fetch to use; `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

/** The per-call checks both transports make before any request. */
export function checkSend(operation: unknown, input: unknown, options: TransportSendOptions | undefined): void {
  const o = options ?? {};
  if (
    !isOperationName(operation) ||
    !isObject(input) ||
    typeof o !== 'object' ||
    (o.signal !== undefined && !(o.signal instanceof AbortSignal)) ||
    (o.timeoutMs !== undefined && !isTimeout(o.timeoutMs))
  ) {
    throw new AuthError(isOperationName(operation) ? 'InvalidRequest' : 'UnsupportedOperation', 'send needs a Cognito operation, an input object and valid options.', { kind: 'validation' });
  }
}

/** Checks a transport's region/endpoint options; returns them normalised. */
export function checkPlace(options: { region?: unknown; endpoint?: unknown }): { region?: string; endpoint?: string } {
  const endpoint = httpUrl(options.endpoint);
  if ((options.region !== undefined && !isRegion(options.region)) || (options.endpoint !== undefined && endpoint === undefined)) {
    throw configError('region must look like "us-east-1"; endpoint must be an http(s) URL.');
  }
  // An option not given stays undefined, as absent.
  return { region: options.region as string | undefined, endpoint };
}

/** The endpoint of one call, or a config error when neither the transport nor the pool names one. */
export function placeOf(own: { region?: string; endpoint?: string }, options: TransportSendOptions | undefined, operation: string): string {
  const url = endpointFor(own, options);
  if (url === undefined) throw configError(`${operation}: no region or endpoint.`);
  return url;
}

/**
 * Creates a {@link CognitoTransport} over `fetch`. Failures reject with an {@link AuthError}:
 * kind `service` with Cognito's exception name and message (metadata: httpStatusCode,
 * requestId), or kind `network` when no full answer came (`NetworkError`,
 * `IncompleteResponse`, `RequestTimedOut`, `RequestAborted`). Redirects are refused
 * (`UnexpectedRedirect`), never followed.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): CognitoTransport {
  if (typeof options !== 'object') throw configError('options must be an object.');
  options ??= {};
  const own = checkPlace(options);
  const policy = policyOf(options);
  const doFetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof doFetch !== 'function') throw configError('No fetch is available: pass options.fetch.');

  return {
    async send(operation, input, callOptions?: TransportSendOptions) {
      checkSend(operation, input, callOptions);
      const url = placeOf(own, callOptions, operation);
      const body = JSON.stringify(input);
      return runCall(operation, policy, callOptions, (signal, n) => postJson(doFetch, url, operation, body, signal, n));
    },
  };
}
