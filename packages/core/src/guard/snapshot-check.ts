/**
 * A saved flow checked all the way down before it is resumed: a snapshot comes from
 * storage, a cookie or another process, so every field `flow.nextStep` and `confirm` read
 * must have the shape `flow.toJSON()` gives it.
 * @module
 */
import { AuthError } from '../errors.js';

function invalid(field: string): AuthError {
  return new AuthError('InvalidFlowSnapshot', `This is not a flow snapshot from flow.toJSON(): ${field} is not valid.`, {
    kind: 'validation',
    metadata: { field },
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_TEXT = 64 * 1024;
const AUTH_FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH'];
const FIRST_FACTORS = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const MFA_TYPES = ['SMS', 'TOTP', 'EMAIL'];
const STATUSES = ['active', 'done', 'failed'];

function str(v: unknown, field: string, { empty = true } = {}): void {
  if (typeof v !== 'string' || v.length > MAX_TEXT || (!empty && v === '')) throw invalid(field);
}
function optStr(v: unknown, field: string): void {
  if (v !== undefined) str(v, field);
}
function strings(v: unknown, field: string, allowed?: readonly string[]): void {
  if (!Array.isArray(v) || v.length > 100) throw invalid(field);
  v.forEach((x, i) => {
    str(x, `${field}[${i}]`);
    if (allowed && !allowed.includes(x)) throw invalid(`${field}[${i}]`);
  });
}
function stringMap(v: unknown, field: string): void {
  if (!isObject(v)) throw invalid(field);
  for (const [k, x] of Object.entries(v)) str(x, `${field}.${k}`);
}

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

/** The data fields core's own steps read, with their shapes. */
function stepData(data: Record<string, unknown>): void {
  if (data.allowedMFATypes !== undefined) strings(data.allowedMFATypes, 'step.data.allowedMFATypes', MFA_TYPES);
  if (data.availableChallenges !== undefined) strings(data.availableChallenges, 'step.data.availableChallenges');
  if (data.missingAttributes !== undefined) strings(data.missingAttributes, 'step.data.missingAttributes');
  for (const key of ['factor', 'mfaType', 'stepType', 'suggestedPlugin']) optStr(data[key], `step.data.${key}`);
}

/**
 * Throws `InvalidFlowSnapshot` (kind `validation`, `metadata.field` naming the first bad
 * field) unless `value` has the shape of `flow.toJSON()`'s output.
 */
export function checkSnapshotShape(value: unknown): void {
  if (!isObject(value)) throw invalid('the snapshot');
  const s = value;
  if (s.format !== 'nextstep.flow/1') throw invalid('format');
  str(s.id, 'id', { empty: false });
  str(s.username, 'username', { empty: false });
  str(s.answerUsername, 'answerUsername', { empty: false });
  if (!AUTH_FLOWS.includes(s.authFlow as string)) throw invalid('authFlow');
  str(s.userPoolId, 'userPoolId');
  str(s.clientId, 'clientId');
  optStr(s.session, 'session');
  if (s.expiresAt !== undefined && !(typeof s.expiresAt === 'number' && Number.isFinite(s.expiresAt))) throw invalid('expiresAt');
  if (!STATUSES.includes(s.status as string)) throw invalid('status');
  if (!isObject(s.step)) throw invalid('step');
  const step = s.step;
  str(step.type, 'step.type', { empty: false });
  str(step.challengeName, 'step.challengeName');
  if (!isObject(step.parameters)) throw invalid('step.parameters');
  // Strings, as Cognito sends them (or lists of strings, as moto sends some).
  for (const [k, x] of Object.entries(step.parameters)) {
    if (Array.isArray(x)) strings(x, `step.parameters.${k}`);
    else str(x, `step.parameters.${k}`);
  }
  if (step.availableChallenges !== undefined) strings(step.availableChallenges, 'step.availableChallenges');
  if (!isObject(step.data)) throw invalid('step.data');
  json(step.data, 'step.data');
  stepData(step.data);
  if (!isObject(s.state)) throw invalid('state');
  json(s.state, 'state');
  if (s.clientMetadata !== undefined) stringMap(s.clientMetadata, 'clientMetadata');
  if (s.preferredChallenge !== undefined && !FIRST_FACTORS.includes(s.preferredChallenge as string)) throw invalid('preferredChallenge');
}
