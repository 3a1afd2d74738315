/**
 * Errors from foreign code (custom transports, a custom fetch, hooks, plugins) may carry
 * what they were handed: a request body with the password, a code, the Session. Core keeps
 * such an error only when nothing secret is reachable from it; otherwise it rebuilds it
 * with every secret replaced, and a foreign `cause` is always cut down to its name.
 * @module
 */
import { AuthError, isAuthError } from '../errors.js';
import { isSafeCause, safeCause } from '../transport/errors.js';

const REDACTED = '[redacted]';
/** Values under these keys name things, they are not secrets (and Cognito's messages may quote them). */
const NOT_SECRET_KEYS = new Set(['ClientId', 'AuthFlow', 'ChallengeName', 'USERNAME', 'Username', 'DeviceKey', 'PREFERRED_CHALLENGE', 'ANSWER_TYPE']);
/** Shorter strings would redact ordinary words and digits; secrets core handles are longer. */
const MIN_SECRET_LENGTH = 4;

/** The string values of a request (or of any JSON value) that must never show in an error. */
export function secretsOf(...values: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (value: unknown, key: string | undefined, depth: number) => {
    if (depth > 6 || !value) return; // nothing to keep in null, undefined, '', 0 or false
    if (typeof value === 'string') {
      if (value.length >= MIN_SECRET_LENGTH && !(key !== undefined && NOT_SECRET_KEYS.has(key))) out.add(value);
      return;
    }
    if (typeof value !== 'object') return;
    if (Array.isArray(value)) for (const item of value) walk(item, key, depth + 1);
    else for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
  };
  for (const value of values) walk(value, undefined, 0);
  return [...out].sort((a, b) => b.length - a.length);
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, secrets), redactValue(v, secrets, depth + 1)]));
}

/**
 * The strings (and keys) inside a field's value, raw: JSON text would escape a secret's `"`
 * or `\` and hide it from the search in {@link leaks}.
 */
function fieldText(value: unknown, parts: string[], depth: number, seen: Set<unknown>): void {
  if (typeof value === 'string') parts.push(value);
  else if (value === null || typeof value !== 'object') parts.push(String(value));
  else if (value instanceof Error) parts.push(reachableText(value, depth + 1, seen)); // its message and stack too
  else if (depth <= 6 && !seen.has(value)) {
    seen.add(value);
    for (const key of Object.keys(value)) {
      parts.push(key);
      fieldText((value as Record<string, unknown>)[key], parts, depth + 1, seen);
    }
  }
}

/** Everything readable from an error and its cause chain, as text (message, stack, fields). */
function reachableText(error: unknown, depth = 0, seen = new Set<unknown>()): string {
  if (depth > 6 || error === null || error === undefined || seen.has(error)) return '';
  seen.add(error);
  if (typeof error !== 'object') return String(error);
  const parts: string[] = [];
  const e = error as { message?: unknown; stack?: unknown; cause?: unknown };
  if (typeof e.message === 'string') parts.push(e.message);
  if (typeof e.stack === 'string') parts.push(e.stack);
  for (const key of Object.getOwnPropertyNames(error)) {
    if (key === 'message' || key === 'stack' || key === 'cause') continue;
    try {
      fieldText((error as Record<string, unknown>)[key], parts, 0, seen);
    } catch {
      // A getter that throws shows nothing; a field that cannot be read cannot leak.
    }
  }
  parts.push(reachableText(e.cause, depth + 1, seen));
  return parts.join('\n');
}

/** True when some secret can be read from `error` (message, stack, fields, causes). */
export function leaks(error: unknown, secrets: readonly string[]): boolean {
  if (secrets.length === 0) return false;
  const text = reachableText(error);
  return secrets.some((s) => text.includes(s));
}

/**
 * An error fit to hand to the app: a foreign (non-AuthError) error becomes an AuthError
 * with its name only; an AuthError is kept as it is when nothing secret is reachable from
 * it and its cause is core's own, else rebuilt with secrets replaced and the cause cut down.
 */
export function sanitizeError(error: unknown, secrets: readonly string[], fallback: { message: string; kind?: AuthError['kind'] }): AuthError {
  if (!isAuthError(error)) {
    return new AuthError(safeNameOf(error), fallback.message, { kind: fallback.kind ?? 'network', cause: safeCause(error) });
  }
  const foreignCause = error.cause !== undefined && !isSafeCause(error.cause) && !(isAuthError(error.cause) && !leaks(error.cause, secrets) && clean(error.cause));
  if (!foreignCause && !leaks(error, secrets)) return error;
  const rebuilt = new AuthError(redactText(error.name, secrets), redactText(error.message, secrets), {
    kind: error.kind,
    // AuthError leaves out what is undefined.
    recoverySuggestion: error.recoverySuggestion && redactText(error.recoverySuggestion, secrets),
    metadata: redactValue(error.metadata, secrets) as Record<string, unknown> | undefined,
    cause: error.cause === undefined ? undefined : isAuthError(error.cause) ? sanitizeError(error.cause, secrets, fallback) : safeCause(error.cause),
  });
  return rebuilt;
}

/** True when an AuthError's cause chain holds only core's own errors. */
function clean(error: AuthError, depth = 0): boolean {
  if (depth > 6 || error.cause === undefined || isSafeCause(error.cause)) return true;
  return isAuthError(error.cause) && clean(error.cause, depth + 1);
}

/** A foreign error's name when it is a plain identifier other than `Error`, else `UnknownError`. */
export function safeNameOf(error: unknown): string {
  const name = error instanceof Error ? error.name : undefined;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,79}$/.test(name) && name !== 'Error' ? name : 'UnknownError';
}
