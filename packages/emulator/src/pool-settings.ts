/**
 * User pool settings that CreateUserPool / UpdateUserPool take and DescribeUserPool returns:
 * the attribute schema, AutoVerifiedAttributes, account recovery, message templates, tags
 * and the other members kept as given.
 */
import { errors } from './errors.js';
import type { Input } from './params.js';
import { checkTemplates } from './message-templates.js';

/** One attribute of the pool's schema, in Cognito's SchemaAttributeType shape. */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export interface PoolSettings {
  /** Standard attributes (possibly made required) and `custom:*` attributes. */
  schema: SchemaAttribute[];
  /**
   * API pools check attributes against the schema; config pools accept any `custom:*`
   * attribute (their schema is not declared).
   */
  strictSchema: boolean;
  /** A pool of the config file: codes go to the email first, recovery to any contact (see configPoolSettings). */
  fromConfig?: boolean;
  /** Attributes a code is sent to on sign-up (`email`, `phone_number`). */
  autoVerifiedAttributes: string[];
  /** Members kept verbatim and echoed by DescribeUserPool (AccountRecoverySetting, ...). */
  kept: Record<string, unknown>;
  tags: Record<string, string>;
  /** The Cognito-hosted domain prefix or custom domain (user-pool-domains.ts). */
  domain?: string;
  customDomain?: boolean;
  /** CustomDomainConfig of a custom domain. */
  domainConfig?: Record<string, unknown>;
  managedLoginVersion?: number;
  /** Whether an MFA factor was ever configured (SetUserPoolMfaConfig refuses ON without one). */
  mfaConfigured: boolean;
  lastModifiedAt: number;
}

const STRING_STANDARD = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'address',
];

/** Cognito's standard attributes as DescribeUserPool lists them for a new pool. */
export function standardSchema(): SchemaAttribute[] {
  const str = (Name: string, min = '0', max = '2048'): SchemaAttribute => ({ Name, AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: min, MaxLength: max } });
  const bool = (Name: string): SchemaAttribute => ({ Name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });
  const out: SchemaAttribute[] = [{ ...str('sub', '1', '2048'), Mutable: false, Required: true }];
  for (const n of STRING_STANDARD) {
    out.push(n === 'birthdate' ? str(n, '10', '10') : str(n));
    if (n === 'email') out.push(bool('email_verified'));
    if (n === 'phone_number') out.push(bool('phone_number_verified'));
  }
  out.push({ Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } });
  out.push({ ...str('identities'), StringAttributeConstraints: {} });
  return out;
}

/** Settings of a pool seeded from the config file (codes go to email, else phone). */
export function configPoolSettings(now: number): PoolSettings {
  return { schema: standardSchema(), strictSchema: false, fromConfig: true, autoVerifiedAttributes: ['email', 'phone_number'], kept: {}, tags: {}, lastModifiedAt: now, mfaConfigured: true };
}

// Members of CreateUserPool/UpdateUserPool that are kept verbatim and echoed back.
const KEPT = [
  'AccountRecoverySetting', 'VerificationMessageTemplate', 'EmailVerificationMessage', 'EmailVerificationSubject', 'SmsVerificationMessage',
  'SmsAuthenticationMessage', 'EmailConfiguration', 'SmsConfiguration', 'AdminCreateUserConfig', 'UserAttributeUpdateSettings',
  'DeviceConfiguration', 'UserPoolAddOns', 'UsernameConfiguration', 'DeletionProtection', 'UserPoolTier',
] as const;

const DATA_TYPES = ['String', 'Number', 'DateTime', 'Boolean'];
const MAX_CUSTOM = 50;

function bad(message: string) {
  return errors.invalidParameter(message);
}

function constraintNumber(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw bad(`${what} must be an integer.`);
  return s;
}

/** Parses one SchemaAttributeType of the request (standard override or custom attribute). */
export function parseSchemaAttribute(raw: unknown, forExistingPool: boolean): SchemaAttribute {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad("1 validation error detected: Value at 'schema' failed to satisfy constraint: Member must be a list of SchemaAttributeType");
  const a = raw as Input;
  if (typeof a.Name !== 'string' || a.Name.length < 1 || a.Name.length > 20) throw bad("1 validation error detected: Value at 'schema.member.name' failed to satisfy constraint: Member must have length less than or equal to 20");
  const type = a.AttributeDataType ?? 'String';
  if (typeof type !== 'string' || !DATA_TYPES.includes(type)) throw bad("1 validation error detected: Value at 'schema.member.attributeDataType' failed to satisfy constraint: Member must satisfy enum value set: [Boolean, Number, String, DateTime]");
  for (const k of ['DeveloperOnlyAttribute', 'Mutable', 'Required']) if (a[k] !== undefined && typeof a[k] !== 'boolean') throw bad(`1 validation error detected: Value at 'schema.member.${k[0]!.toLowerCase()}${k.slice(1)}' failed to satisfy constraint: Member must be a boolean`);
  const sc = a.StringAttributeConstraints as Input | undefined;
  const nc = a.NumberAttributeConstraints as Input | undefined;
  const out: SchemaAttribute = {
    Name: a.Name,
    AttributeDataType: type as SchemaAttribute['AttributeDataType'],
    DeveloperOnlyAttribute: (a.DeveloperOnlyAttribute as boolean | undefined) ?? false,
    Mutable: (a.Mutable as boolean | undefined) ?? true,
    Required: (a.Required as boolean | undefined) ?? false,
  };
  if (type === 'String') {
    const min = constraintNumber(sc?.MinLength, 'StringAttributeConstraints.MinLength');
    const max = constraintNumber(sc?.MaxLength, 'StringAttributeConstraints.MaxLength');
    if (min !== undefined && max !== undefined && Number(min) > Number(max)) throw bad(`MinLength of ${a.Name} is greater than its MaxLength.`);
    out.StringAttributeConstraints = { ...(min !== undefined ? { MinLength: min } : {}), ...(max !== undefined ? { MaxLength: max } : {}) };
  }
  if (type === 'Number') {
    const min = constraintNumber(nc?.MinValue, 'NumberAttributeConstraints.MinValue');
    const max = constraintNumber(nc?.MaxValue, 'NumberAttributeConstraints.MaxValue');
    if (min !== undefined && max !== undefined && Number(min) > Number(max)) throw bad(`MinValue of ${a.Name} is greater than its MaxValue.`);
    out.NumberAttributeConstraints = { ...(min !== undefined ? { MinValue: min } : {}), ...(max !== undefined ? { MaxValue: max } : {}) };
  }
  if (forExistingPool && out.Required) throw bad('Required custom attributes are not supported currently.');
  return out;
}

/** Adds custom attributes (CreateUserPool's Schema or AddCustomAttributes) to a schema. */
export function addCustomAttributes(schema: SchemaAttribute[], raws: unknown[], forExistingPool: boolean): void {
  const byName = new Map(schema.map((s) => [s.Name, s]));
  for (const raw of raws) {
    const attr = parseSchemaAttribute(raw, forExistingPool);
    const standard = byName.get(attr.Name);
    if (!forExistingPool && standard && !standard.Name.startsWith('custom:')) {
      // A standard attribute: only Required, Mutable and the constraints can change.
      if (attr.AttributeDataType !== standard.AttributeDataType) throw bad(`Type for attribute {${attr.Name}} could not be changed.`);
      if (attr.Name === 'sub' && (attr.Mutable || !attr.Required)) throw bad('sub attribute can not be modified.');
      Object.assign(standard, { Mutable: attr.Mutable, Required: attr.Required, DeveloperOnlyAttribute: attr.DeveloperOnlyAttribute });
      if (attr.StringAttributeConstraints && Object.keys(attr.StringAttributeConstraints).length) standard.StringAttributeConstraints = { ...standard.StringAttributeConstraints, ...attr.StringAttributeConstraints };
      continue;
    }
    if (attr.Required) throw bad('Required custom attributes are not supported currently.');
    const name = attr.Name.startsWith('custom:') ? attr.Name : `custom:${attr.Name}`;
    if (name.length > 'custom:'.length + 20) throw bad(`Attribute name ${attr.Name} is too long.`);
    if (byName.has(name)) throw bad(`Existing attribute already has name ${name}.`);
    const custom = { ...attr, Name: name };
    schema.push(custom);
    byName.set(name, custom);
  }
  if (schema.filter((s) => s.Name.startsWith('custom:')).length > MAX_CUSTOM) throw bad(`A user pool can have at most ${MAX_CUSTOM} custom attributes.`);
}

/** The settings of a pool from CreateUserPool's request. */
export function poolSettingsFromInput(input: Input, now: number): PoolSettings {
  const settings: PoolSettings = { schema: standardSchema(), strictSchema: true, autoVerifiedAttributes: [], kept: {}, tags: {}, lastModifiedAt: now, mfaConfigured: false };
  if (input.Schema !== undefined && input.Schema !== null) {
    if (!Array.isArray(input.Schema)) throw bad("1 validation error detected: Value at 'schema' failed to satisfy constraint: Member must be a list");
    if (input.Schema.length > 50) throw bad("1 validation error detected: Value at 'schema' failed to satisfy constraint: Member must have length less than or equal to 50");
    addCustomAttributes(settings.schema, input.Schema, false);
  }
  applyUpdatableSettings(settings, input);
  if (input.UserPoolTags !== undefined) settings.tags = parseTags(input.UserPoolTags, 'userPoolTags');
  return settings;
}

/**
 * The members UpdateUserPool may change too. Cognito's UpdateUserPool resets what the request
 * leaves out to its default, so the kept members are replaced, not merged.
 */
export function applyUpdatableSettings(settings: PoolSettings, input: Input): void {
  const auto = input.AutoVerifiedAttributes;
  if (auto !== undefined && auto !== null) {
    if (!Array.isArray(auto) || auto.some((a) => a !== 'email' && a !== 'phone_number')) throw bad("1 validation error detected: Value at 'autoVerifiedAttributes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [phone_number, email]]");
    settings.autoVerifiedAttributes = [...new Set(auto as string[])];
  } else settings.autoVerifiedAttributes = [];
  const recovery = input.AccountRecoverySetting as Input | undefined;
  if (recovery !== undefined && recovery !== null) {
    const mechanisms = recovery.RecoveryMechanisms;
    if (!Array.isArray(mechanisms) || mechanisms.length < 1 || mechanisms.length > 2) throw bad("1 validation error detected: Value at 'accountRecoverySetting.recoveryMechanisms' failed to satisfy constraint: Member must have length between 1 and 2");
    for (const m of mechanisms as Input[]) {
      if (!m || !['verified_email', 'verified_phone_number', 'admin_only'].includes(m.Name as string)) throw bad("1 validation error detected: Value at 'accountRecoverySetting.recoveryMechanisms.member.name' failed to satisfy constraint: Member must satisfy enum value set: [verified_email, verified_phone_number, admin_only]");
      if (!Number.isInteger(m.Priority) || (m.Priority as number) < 1 || (m.Priority as number) > 2) throw bad("1 validation error detected: Value at 'accountRecoverySetting.recoveryMechanisms.member.priority' failed to satisfy constraint: Member must have value between 1 and 2");
    }
    if (mechanisms.length === 2 && (mechanisms as Input[]).some((m) => m.Name === 'admin_only')) throw bad('Invalid account recovery setting parameter. Account Recovery Setting cannot use admin_only setting with any other recovery mechanisms.');
  }
  checkTemplates(input);
  const kept: Record<string, unknown> = {};
  for (const k of KEPT) if (input[k] !== undefined && input[k] !== null) kept[k] = structuredClone(input[k]);
  const template = kept.VerificationMessageTemplate as Input | undefined;
  if (template?.DefaultEmailOption !== undefined && !['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE'].includes(template.DefaultEmailOption as string)) throw bad("1 validation error detected: Value at 'verificationMessageTemplate.defaultEmailOption' failed to satisfy constraint: Member must satisfy enum value set: [CONFIRM_WITH_LINK, CONFIRM_WITH_CODE]");
  settings.kept = kept;
}

/** Cognito's default AccountRecoverySetting (none set) answers no member at all. */
export function settingsDescription(settings: PoolSettings): Record<string, unknown> {
  return {
    SchemaAttributes: structuredClone(settings.schema),
    AutoVerifiedAttributes: [...settings.autoVerifiedAttributes],
    ...structuredClone(settings.kept),
    ...(Object.keys(settings.tags).length ? { UserPoolTags: { ...settings.tags } } : {}),
    ...(settings.domain ? (settings.customDomain ? { CustomDomain: settings.domain } : { Domain: settings.domain }) : {}),
  };
}

/** A tag map (UserPoolTags, TagResource's Tags): at most 50 string pairs. */
export function parseTags(v: unknown, member: string): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string' || k.length < 1 || k.length > 128 || val.length > 256) throw bad(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Map keys must have length 1 to 128 and values at most 256 characters`);
    out[k] = val;
  }
  if (Object.keys(out).length > 50) throw bad(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to 50`);
  return out;
}
