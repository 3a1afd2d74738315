/**
 * Strict config validation against the JSON Schema shipped for editors
 * (`config.schema.json`): unknown keys ("stauts") and wrong types are refused with the path
 * of the bad key, before any pool is built.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

let validators: { config: ValidateFunction; pool: ValidateFunction } | undefined;

function compile() {
  // Next to src/ and dist/ alike: the package root holds the schema.
  const schema = JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  ajv.addSchema(schema);
  const id = schema.$id as string;
  validators = { config: ajv.getSchema(id)!, pool: ajv.getSchema(`${id}#/$defs/pool`)! };
  return validators;
}

/** JS configs may hold functions where JSON holds "./file.js#export" strings. */
function functionsAsStrings(v: unknown): unknown {
  if (typeof v === 'function') return '[function]';
  if (Array.isArray(v)) return v.map(functionsAsStrings);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, functionsAsStrings(x)]));
  return v;
}

/** `/pools/0/users/1` → `pools[0].users[1]`. */
function pathOf(pointer: string, prefix: string): string {
  let out = prefix;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

function describeError(e: ErrorObject, prefix: string): string {
  const at = pathOf(e.instancePath, prefix);
  const where = at === '' ? '(top level)' : at;
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return `${where === '(top level)' ? '' : `${where}.`}${key}: unknown key ${JSON.stringify(key)}`;
  }
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  const hint = (e.parentSchema as { description?: string } | undefined)?.description;
  return `${where}: ${e.message ?? 'is invalid'}${hint ? ` (${hint})` : ''}`;
}

function check(validate: ValidateFunction, value: unknown, prefix: string): void {
  if (validate(functionsAsStrings(value))) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const lines = [...new Set(errors.map((e) => describeError(e, prefix)))].slice(0, 10);
  throw new Error(`Emulator config: ${lines.join('; ')}`);
}

/** Throws `Emulator config: <path>: <problem>` unless `config` matches the schema. */
export function validateConfig(config: unknown): void {
  check((validators ?? compile()).config, config, '');
}

/** The same for one pool (`emu.createPool`). */
export function validatePoolConfig(pool: unknown): void {
  check((validators ?? compile()).pool, pool, 'pool');
}
