/**
 * Input validation for operations: missing or wrong-typed members answer
 * InvalidParameterException in the wording AWS uses for constraint failures.
 */
import { errors } from './errors.js';

export type Input = Record<string, unknown>;

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

// Values are never echoed: they may be passwords, codes or tokens.
function violation(name: string, value: unknown, constraint: string) {
  const shown = value === undefined || value === null ? 'Value null' : 'Value';
  return errors.invalidParameter(`1 validation error detected: ${shown} at '${lowerFirst(name)}' failed to satisfy constraint: ${constraint}`);
}

/** A required string member (non-empty unless `min` says otherwise). */
export function reqString(input: Input, name: string, opts: { min?: number; max?: number } = {}): string {
  const v = input[name];
  if (v === undefined || v === null) throw violation(name, v, 'Member must not be null');
  return checkString(name, v, opts);
}

/** An optional string member. */
export function optString(input: Input, name: string, opts: { min?: number; max?: number } = {}): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  return checkString(name, v, opts);
}

function checkString(name: string, v: unknown, { min = 1, max = 100_000 }: { min?: number; max?: number }): string {
  if (typeof v !== 'string') throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a string`);
  if (v.length < min) throw violation(name, v, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw violation(name, v, `Member must have length less than or equal to ${max}`);
  return v;
}

export function optBoolean(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a boolean`);
  return v;
}

export function optNumber(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a number`);
  return v;
}

/** A string→string map member (AuthParameters, ChallengeResponses, ClientMetadata). */
export function stringMap(input: Input, name: string, required = false): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) {
    if (required) throw violation(name, v, 'Member must not be null');
    return {};
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    // A null value is an absent key (amazon-cognito-identity-js sends DEVICE_KEY: null to drop a device).
    if (val === null) continue;
    if (typeof val !== 'string') throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}.${k}' failed to satisfy constraint: Member must be a string`);
    out[k] = val;
  }
  return out;
}

/** A list of `{Name, Value}` attribute pairs (UserAttributes). */
export function attributeList(input: Input, name: string): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a list`);
  const out: Record<string, string> = {};
  for (const item of v) {
    if (!item || typeof item !== 'object' || typeof (item as Input).Name !== 'string' || ((item as Input).Value !== undefined && typeof (item as Input).Value !== 'string')) {
      throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a list of {Name, Value} strings`);
    }
    out[(item as { Name: string }).Name] = ((item as { Value?: string }).Value ?? '');
  }
  return out;
}

/** An optional list of strings. */
export function stringList(input: Input, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a list of strings`);
  return v as string[];
}

/** An optional object member. */
export function optObject(input: Input, name: string): Input | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must be an object`);
  return v as Input;
}

/** A required key of AuthParameters / ChallengeResponses, with Cognito's message. */
export function reqParam(map: Record<string, string>, key: string): string {
  const v = map[key];
  if (v === undefined || v === '') throw errors.invalidParameter(`Missing required parameter ${key}`);
  return v;
}
