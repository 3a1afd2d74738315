/**
 * One attempt of a Cognito call over `fetch`, in AWS JSON 1.1: POST, never following a
 * redirect, the whole body read before anything is trusted.
 * @module
 */
import {
  incompleteResponse,
  networkCode,
  networkError,
  redirectRefused,
  retryAfterOf,
  serviceError,
  unexpectedResponse,
} from './errors.js';
import { utf8 } from '../srp/encoding.js';
import { isObject } from '../guard/shape.js';

/** Cognito's exception name: header `x-amzn-errortype` cut at `:`, else `__type` / `code` after `#`. */
function errorName(header: string | null | undefined, body: Record<string, unknown>): string {
  const raw = header ?? (typeof body.__type === 'string' ? body.__type : typeof body.code === 'string' ? body.code : '');
  const name = raw.split(':')[0]!.split('#').pop()!.trim();
  return /^[A-Za-z][\w]{0,127}$/.test(name) ? name : 'UnknownError';
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends `body` (the JSON text of the input) as `operation` to `url` once. Resolves to
 * Cognito's JSON; rejects with an AuthError (see transport/errors.ts).
 */
export async function postJson(
  doFetch: typeof fetch,
  url: string,
  operation: string,
  body: string,
  signal: AbortSignal,
  attempts: number,
): Promise<Record<string, any>> {
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body,
      cache: 'no-store',
      // A redirect would re-send the password to wherever it points.
      redirect: 'manual',
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    throw networkError({ operation, attempts }, new URL(url).host, error);
  }
  const status = response.status;
  const header = (name: string) => response.headers.get(name);
  const f = { operation, attempts, httpStatusCode: status, requestId: header('x-amzn-requestid') || undefined };
  // Browsers hide a manual redirect as an opaque response (status 0); a custom fetch that
  // followed it anyway says `redirected`. Neither answer is Cognito's.
  if (response.type === 'opaqueredirect' || response.redirected || (status >= 300 && status < 400)) {
    void response.body?.cancel().catch(() => {});
    throw redirectRefused(f);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    throw incompleteResponse(f, networkCode(error));
  }
  // A fetch that does not check the length itself (some polyfills) hands over a short body.
  const declared = header('content-length');
  if (declared !== null && !header('content-encoding') && /^\d+$/.test(declared) && utf8(text).length < Number(declared)) {
    throw incompleteResponse(f);
  }
  return answerOf(f, text, header);
}

/**
 * Cognito's JSON from a whole answer body: the object on a 2xx, else the service error it
 * names (kind `service`); `UnexpectedResponse` when the body is not a JSON object.
 */
export function answerOf(
  f: { operation: string; attempts: number; httpStatusCode: number; requestId?: string },
  text: string,
  header: (name: string) => string | null | undefined,
): Record<string, any> {
  const status = f.httpStatusCode;
  const json = parseObject(text);
  if (json === undefined) throw unexpectedResponse(f);
  if (status >= 200 && status < 300) return json as Record<string, any>;
  const name = errorName(header('x-amzn-errortype'), json);
  const message = typeof json.message === 'string' ? json.message : typeof json.Message === 'string' ? json.Message : '';
  throw serviceError(name, message.slice(0, 1000), f, { retryAfterMs: retryAfterOf(header('retry-after')) });
}
