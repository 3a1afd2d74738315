/**
 * A small Cognito transport on `fetch`, speaking AWS JSON 1.1 directly: for browser bundles
 * far smaller than the AWS SDK's. Unsigned operations only (all that core calls), with a
 * short retry on throttling, 5xx and connection failures, and the same error mapping as
 * the SDK transport.
 * @module
 */
import { AuthError } from '../errors.js';
import type { CognitoOperation, CognitoTransport } from '../types.js';
import { serviceError, toAuthError, unexpectedResponse } from './errors.js';

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** The pool's region, e.g. `us-east-1` (see `regionFromPoolId`). */
  region: string;
  /** Another endpoint than `https://cognito-idp.<region>.amazonaws.com/`, e.g. the emulator's. */
  endpoint?: string;
  /** Attempts per call including the first. Default 3. */
  maxAttempts?: number;
  /** The fetch to use; `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

const OPERATIONS: ReadonlySet<string> = new Set<CognitoOperation>([
  'InitiateAuth',
  'RespondToAuthChallenge',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'SetUserMFAPreference',
  'GetUser',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  // sessions (#10): until the transports send any operation
  'GetTokensFromRefreshToken',
  'RevokeToken',
  'GlobalSignOut',
  'ChangePassword',
  'UpdateUserAttributes',
  'GetUserAttributeVerificationCode',
  'VerifyUserAttribute',
  'DeleteUserAttributes',
  'DeleteUser',
  // devices and passkeys (#11)
  'ConfirmDevice',
  'UpdateDeviceStatus',
  'ListDevices',
  'GetDevice',
  'ForgetDevice',
  'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration',
  'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential',
]);

// The names the AWS SDKs treat as throttling; Cognito uses the first.
const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'LimitExceededException']);

function configError(message: string): AuthError {
  return new AuthError('InvalidTransportConfig', message, { kind: 'config' });
}

/** Cognito's exception name: header `x-amzn-errortype` cut at `:`, else `__type` / `code` after `#`. */
function errorName(headers: Headers, body: Record<string, unknown>): string {
  const raw = headers.get('x-amzn-errortype') ?? (typeof body.__type === 'string' ? body.__type : typeof body.code === 'string' ? body.code : '');
  const name = raw.split(':')[0]!.split('#').pop()!.trim();
  return name || 'UnknownError';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff, as the SDKs' standard mode: up to 100 ms · 2^n (500 ms base when throttled). */
function backoff(attempt: number, throttled: boolean): number {
  const base = throttled ? 500 : 100;
  return Math.random() * Math.min(20_000, base * 2 ** (attempt - 1));
}

/**
 * Creates a {@link CognitoTransport} over `fetch`. Failures reject with an {@link AuthError}:
 * kind `service` with Cognito's exception name and message (metadata: httpStatusCode,
 * requestId), or kind `network` when no answer came.
 */
export function createFetchTransport(options: FetchTransportOptions): CognitoTransport {
  const { region, endpoint, maxAttempts = 3 } = options ?? ({} as FetchTransportOptions);
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw configError('The transport needs an AWS region such as "us-east-1".');
  let url: string;
  try {
    const parsed = new URL(endpoint ?? `https://cognito-idp.${region}.amazonaws.com/`);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('protocol');
    url = parsed.href;
  } catch {
    throw configError('The endpoint must be an http(s) URL, e.g. "http://127.0.0.1:9229".');
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw configError('maxAttempts must be a whole number ≥ 1.');
  const doFetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof doFetch !== 'function') throw configError('No fetch is available: pass options.fetch.');

  return {
    async send(operation, input) {
      if (!OPERATIONS.has(operation)) throw new AuthError('UnsupportedOperation', `The transport does not send "${String(operation)}".`, { kind: 'validation' });
      if (input === null || typeof input !== 'object') throw new AuthError('InvalidRequest', `${operation}: the input must be an object.`, { kind: 'validation' });
      const body = JSON.stringify(input);
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        try {
          response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
            body,
            cache: 'no-store',
          });
        } catch (error) {
          if (attempt < maxAttempts) {
            await sleep(backoff(attempt, false));
            continue;
          }
          throw toAuthError(error, operation, endpoint, attempt);
        }
        const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
        const text = await response.text().catch(() => '');
        let json: Record<string, unknown> | undefined;
        try {
          const parsed: unknown = text ? JSON.parse(text) : {};
          if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        if (response.ok) {
          if (json === undefined) throw unexpectedResponse(operation, response.status, requestId, attempt);
          return json as Record<string, any>;
        }
        const name = json ? errorName(response.headers, json) : 'UnexpectedResponse';
        const throttled = response.status === 429 || THROTTLING.has(name);
        if ((throttled || response.status >= 500) && attempt < maxAttempts) {
          await sleep(backoff(attempt, throttled));
          continue;
        }
        if (json === undefined) throw unexpectedResponse(operation, response.status, requestId, attempt);
        const message = typeof json.message === 'string' ? json.message : typeof json.Message === 'string' ? json.Message : '';
        throw serviceError(name, message, { operation, httpStatusCode: response.status, requestId, attempts: attempt });
      }
    },
  };
}
