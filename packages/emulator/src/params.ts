/**
 * Input validation for operations: missing members and broken constraints answer
 * InvalidParameterException in the wording AWS uses; a member of the wrong JSON type answers
 * SerializationException, as AWS's JSON protocol does (the body cannot be read as the shape).
 */
import type { Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';

export type Input = Record<string, unknown>;

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/** A member of the wrong JSON type; the value is never echoed. */
function wrongType(name: string, expected: string): CognitoError {
  return new CognitoError('SerializationException', `Value at '${lowerFirst(name)}' cannot be read: expected ${expected}.`);
}

/** Longest attribute value Cognito stores (AttributeType.Value), and longest name. */
export const MAX_ATTRIBUTE_VALUE = 2048;
const MAX_ATTRIBUTE_NAME = 32;

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
  if (typeof v !== 'string') throw wrongType(name, 'a string');
  if (v.length < min) throw violation(name, v, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw violation(name, v, `Member must have length less than or equal to ${max}`);
  return v;
}

export function optBoolean(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw wrongType(name, 'a boolean');
  return v;
}

export function optNumber(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrongType(name, 'a number');
  return v;
}

/** A string→string map member (AuthParameters, ChallengeResponses, ClientMetadata). */
export function stringMap(input: Input, name: string, required = false): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) {
    if (required) throw violation(name, v, 'Member must not be null');
    return {};
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(name, 'a map of strings');
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    // A null value is an absent key (amazon-cognito-identity-js sends DEVICE_KEY: null to drop a device).
    if (val === null) continue;
    if (typeof val !== 'string') throw wrongType(`${name}.${k}`, 'a string');
    out[k] = val;
  }
  return out;
}

/** A list of `{Name, Value}` attribute pairs (UserAttributes). */
export function attributeList(input: Input, name: string): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw wrongType(name, 'a list');
  const out: Record<string, string> = {};
  for (const [i, item] of v.entries()) {
    if (!item || typeof item !== 'object' || typeof (item as Input).Name !== 'string' || ((item as Input).Value !== undefined && typeof (item as Input).Value !== 'string')) {
      throw wrongType(name, 'a list of {Name, Value} strings');
    }
    const { Name, Value = '' } = item as { Name: string; Value?: string };
    if (Name.length < 1 || Name.length > MAX_ATTRIBUTE_NAME) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}.${i + 1}.member.name' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ATTRIBUTE_NAME}`);
    if (Value.length > MAX_ATTRIBUTE_VALUE) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(name)}.${i + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ATTRIBUTE_VALUE}`);
    out[Name] = Value;
  }
  return out;
}

/** An optional list of strings. */
export function stringList(input: Input, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw wrongType(name, 'a list of strings');
  return v as string[];
}

/** An optional object member. */
export function optObject(input: Input, name: string): Input | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(name, 'an object');
  return v as Input;
}

/** A required key of AuthParameters / ChallengeResponses, with Cognito's message. */
export function reqParam(map: Record<string, string>, key: string): string {
  const v = map[key];
  if (v === undefined || v === '') throw errors.invalidParameter(`Missing required parameter ${key}`);
  return v;
}

/** The pool the request's `UserPoolId` names (ResourceNotFoundException when there is none). */
export function poolOf(ctx: Ctx, input: Input): Pool {
  return ctx.store.pool(reqString(input, 'UserPoolId', { max: 55 }));
}

/** The pool and the request's optional `ClientId` in it, `ALL` when absent: the pool-or-client settings (UI customization, risk configuration). */
export function poolOrClientTarget(ctx: Ctx, input: Input): { pool: Pool; clientId: string } {
  const pool = poolOf(ctx, input);
  const clientId = optString(input, 'ClientId', { max: 128 }) ?? 'ALL';
  if (clientId !== 'ALL' && !pool.clients.has(clientId)) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { pool, clientId };
}
