/**
 * A saved flow checked all the way down before it is resumed: a snapshot comes from
 * storage, a cookie or another process, so every field `flow.nextStep` and `confirm` read
 * must have the shape `flow.toJSON()` gives it. The shape is a table of small checks, run
 * in its key order, so the first bad field is the one named.
 * @module
 */
import type { AuthError } from '../errors.js';
import { validationError } from '../fail.js';
import { AUTH_FLOWS, FIRST_FACTORS } from '../sign-in-names.js';
import { all, BadField, checkWith, is, isObject, list, obj, oneOf, opt, record, shape, text } from './shape.js';

function invalid(field: string): AuthError {
  return validationError('InvalidFlowSnapshot', `This is not a flow snapshot from flow.toJSON(): ${field} is not valid.`, { field });
}

/** Plain JSON only: no functions, no cycles, bounded depth (state is handlers' JSON). */
function json(v: unknown, field: string, depth = 0): void {
  if (depth > 20) throw new BadField(field);
  // Numbers must be finite (NaN and Infinity have no JSON); a non-finite one fails below.
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v)) return;
  if (Array.isArray(v)) return v.forEach((x, i) => json(x, `${field}[${i}]`, depth + 1));
  if (isObject(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
    for (const [k, x] of Object.entries(v)) json(x, `${field}.${k}`, depth + 1);
    return;
  }
  throw new BadField(field);
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
  // Only the top-level object check fails with the empty path: the value itself is no snapshot.
  checkWith(SNAPSHOT, value, (field) => invalid(field || 'the snapshot'));
}
