// Types of the generated standalone validators (scripts/gen-config-validator.mjs).
import type { ValidateFunction } from 'ajv';
/** Validates a whole emulator config against config.schema.json. */
export declare const config: ValidateFunction;
/** Validates one pool (`#/$defs/pool`). */
export declare const pool: ValidateFunction;
