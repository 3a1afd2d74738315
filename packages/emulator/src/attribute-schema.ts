/**
 * Checks user attributes against the pool's schema (SignUp, AdminCreateUser, the update
 * calls) and keeps sign-in attributes unique (AliasExistsException).
 */
import { sameName } from './usernames.js';
import { CognitoError, errors } from './errors.js';
import type { AppClient, Pool, User } from './model.js';
import type { SchemaAttribute } from './pool-settings.js';

function schemaError(name: string, why: string) {
  return errors.invalidParameter(`Attributes did not conform to the schema: ${name}: ${why}`);
}

function entry(pool: Pool, name: string): SchemaAttribute | undefined {
  return pool.settings.schema.find((s) => s.Name === name);
}

/**
 * Refuses attributes outside the schema, values outside their constraints and, on
 * `update`, changes of immutable attributes. `create` also requires the required ones.
 */
export function checkAttributes(pool: Pool, attributes: Record<string, string>, mode: 'create' | 'update', existing?: User): void {
  for (const [name, value] of Object.entries(attributes)) {
    const s = entry(pool, name);
    if (!s) {
      if (!pool.settings.strictSchema) continue;
      throw schemaError(name, 'Attribute does not exist in the schema.');
    }
    if (mode === 'update' && !s.Mutable && name !== 'sub' && existing?.attributes[name] !== value) throw errors.invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    if (s.AttributeDataType === 'String') {
      const max = s.StringAttributeConstraints?.MaxLength !== undefined ? Number(s.StringAttributeConstraints.MaxLength) : 2048;
      const min = s.StringAttributeConstraints?.MinLength !== undefined ? Number(s.StringAttributeConstraints.MinLength) : 0;
      if (value.length > max) throw schemaError(name, `String must be no longer than ${max} characters`);
      if (value.length < min && !(mode === 'update' && value === '')) throw schemaError(name, `String must be no shorter than ${min} characters`);
    } else if (s.AttributeDataType === 'Number') {
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw schemaError(name, 'Number is not valid');
      const n = Number(value);
      if (s.NumberAttributeConstraints?.MinValue !== undefined && n < Number(s.NumberAttributeConstraints.MinValue)) throw schemaError(name, `Number must be no less than ${s.NumberAttributeConstraints.MinValue}`);
      if (s.NumberAttributeConstraints?.MaxValue !== undefined && n > Number(s.NumberAttributeConstraints.MaxValue)) throw schemaError(name, `Number must be no greater than ${s.NumberAttributeConstraints.MaxValue}`);
    } else if (s.AttributeDataType === 'Boolean') {
      if (value !== 'true' && value !== 'false') throw schemaError(name, 'Boolean must be true or false');
    } else if (s.AttributeDataType === 'DateTime') {
      if (Number.isNaN(Date.parse(value)) && !/^\d+$/.test(value)) throw schemaError(name, 'DateTime is not valid');
    }
  }
  if (mode === 'create') {
    for (const s of pool.settings.schema) {
      if (s.Required && s.Name !== 'sub' && (attributes[s.Name] === undefined || attributes[s.Name] === '')) throw schemaError(s.Name, 'The attribute is required');
    }
  }
}

const LABEL: Record<string, string> = { email: 'email', phone_number: 'phone number', preferred_username: 'preferred username' };

/**
 * Sign-in attributes must stay unique: in a pool with UsernameAttributes no two users hold
 * the same email / phone number; with AliasAttributes no two hold the same verified one
 * (or the same preferred_username). `force` (ForceAliasCreation) moves a verified alias to
 * this user instead of refusing.
 */
export function checkAliasesFree(pool: Pool, user: User | undefined, attributes: Record<string, string>, force = false): void {
  const merged = { ...(user?.attributes ?? {}), ...attributes };
  for (const a of pool.usernameAttributes) {
    const v = attributes[a];
    if (v === undefined || v === '') continue;
    for (const other of pool.users.values()) {
      if (other !== user && sameName(pool, other.attributes[a], v)) throw new CognitoError('AliasExistsException', `An account with the given ${LABEL[a]} already exists.`);
    }
  }
  for (const a of pool.aliasAttributes) {
    const v = merged[a];
    if (v === undefined || v === '') continue;
    const verified = a === 'preferred_username' || merged[`${a}_verified`] === 'true';
    if (!verified || (attributes[a] === undefined && attributes[`${a}_verified`] === undefined)) continue;
    for (const other of pool.users.values()) {
      if (other === user || !sameName(pool, other.attributes[a], v)) continue;
      const otherVerified = a === 'preferred_username' || other.attributes[`${a}_verified`] === 'true';
      if (!otherVerified) continue;
      if (force && a !== 'preferred_username') {
        other.attributes[`${a}_verified`] = 'false';
        continue;
      }
      throw new CognitoError('AliasExistsException', `An account with the given ${LABEL[a]} already exists.`);
    }
  }
}

/** A client with WriteAttributes may write only those (SignUp, UpdateUserAttributes). */
export function checkWritable(client: AppClient | undefined, attributes: Record<string, string>): void {
  const writable = client?.settings?.WriteAttributes;
  if (!Array.isArray(writable)) return;
  for (const name of Object.keys(attributes)) {
    if (!writable.includes(name)) throw errors.notAuthorized('A client attempted to write unauthorized attribute');
  }
}
