/**
 * A saved flow checked all the way down before it is resumed: a snapshot comes from
 * storage, a cookie or another process, so every field `flow.nextStep` and `confirm` read
 * must have the shape `flow.toJSON()` gives it. The shape is a table of small checks, run
 * in its key order, so the first bad field is the one named.
 * @module
 */
import { AuthError } from '../errors.js';
import { AUTH_FLOWS, FIRST_FACTORS } from '../sign-in-names.js';

function invalid(field: string): AuthError {
  return new AuthError('InvalidFlowSnapshot', `This is not a flow snapshot from flow.toJSON(): ${field} is not valid.`, {
    kind: 'validation',
    metadata: { field },
  });
}

/** Throws `invalid(field)` unless `value` passes. */
type Check = (value: unknown, field: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_TEXT = 64 * 1024;

const is =
  (test: (v: any) => unknown): Check =>
  (v, f) => {
    if (!test(v)) throw invalid(f);
  };
const all =
  (...checks: Check[]): Check =>
  (v, f) => checks.forEach((c) => c(v, f));
const opt =
  (check: Check): Check =>
  (v, f) => v === undefined || check(v, f);
const oneOf = (...allowed: string[]) => is((v) => allowed.includes(v));
/** A string of at most 64 KiB (`some`: not empty). */
const text = (some?: 1) => is((v) => typeof v === 'string' && v.length <= MAX_TEXT && (!some || v));
const obj = is(isObject);
/** Up to 100 items, each passing `item`. */
const list =
  (item: Check = text()): Check =>
  (v, f) => {
    if (!Array.isArray(v) || v.length > 100) throw invalid(f);
    v.forEach((x, i) => item(x, `${f}[${i}]`));
  };
/** An object whose every value passes `item`. */
const record =
  (item: Check): Check =>
  (v, f) => {
    obj(v, f);
    for (const [k, x] of Object.entries(v as object)) item(x, `${f}.${k}`);
  };
/** An object whose named fields pass their checks (other fields are left alone). */
const shape =
  (fields: Record<string, Check>): Check =>
  (v, f) => {
    obj(v, f);
    for (const k in fields) fields[k]!((v as Record<string, unknown>)[k], f ? `${f}.${k}` : k);
  };

/** Plain JSON only: no functions, no cycles, bounded depth (state is handlers' JSON). */
function json(v: unknown, field: string, depth = 0): void {
  if (depth > 20) throw invalid(field);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(field);
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => json(x, `${field}[${i}]`, depth + 1));
  if (isObject(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    for (const [k, x] of Object.entries(v)) json(x, `${field}.${k}`, depth + 1);
    return;
  }
  throw invalid(field);
}

const SNAPSHOT = shape({
  format: oneOf('nextstep.flow/1'),
  id: text(1),
  username: text(1),
  answerUsername: text(1),
  authFlow: oneOf(...AUTH_FLOWS),
  userPoolId: text(),
  clientId: text(),
  session: opt(text()),
  expiresAt: opt(is(Number.isFinite)),
  status: oneOf('active', 'done', 'failed'),
  step: shape({
    type: text(1),
    challengeName: text(),
    // Strings, as Cognito sends them (or lists of strings, as moto sends some).
    parameters: record((x, f) => (Array.isArray(x) ? list()(x, f) : text()(x, f))),
    availableChallenges: opt(list()),
    // Handlers' JSON, then the data fields core's own steps read.
    data: all(
      obj,
      json,
      shape({
        allowedMFATypes: opt(list(all(text(), oneOf('SMS', 'TOTP', 'EMAIL')))),
        availableChallenges: opt(list()),
        missingAttributes: opt(list()),
        factor: opt(text()),
        mfaType: opt(text()),
        stepType: opt(text()),
        suggestedPlugin: opt(text()),
      }),
    ),
  }),
  state: all(obj, json),
  clientMetadata: opt(record(text())),
  preferredChallenge: opt(oneOf(...FIRST_FACTORS)),
});

/**
 * Throws `InvalidFlowSnapshot` (kind `validation`, `metadata.field` naming the first bad
 * field) unless `value` has the shape of `flow.toJSON()`'s output.
 */
export function checkSnapshotShape(value: unknown): void {
  if (!isObject(value)) throw invalid('the snapshot');
  SNAPSHOT(value, '');
}
