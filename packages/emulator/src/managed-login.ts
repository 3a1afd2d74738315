/**
 * Managed login branding styles (Create/Describe/DescribeByClient/Update/DeleteManagedLoginBranding)
 * and terms documents (Create/Describe/List/Update/DeleteTerms) of app clients. Kept and
 * echoed after Cognito's checks; nothing renders them.
 */
import { randomUUID } from 'node:crypto';
import { epochSeconds, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import { paginate } from './pagination.js';
import { optBoolean, optObject, optString, reqString, poolOf, type Input } from './params.js';

/** One branding style as stored (assets keep their base64 bytes). */
export interface Branding {
  id: string;
  clientId: string;
  useCognitoProvidedValues: boolean;
  settings?: Record<string, unknown>;
  assets: Record<string, unknown>[];
  createdAt: number;
  modifiedAt: number;
}

/** One terms document as stored. */
export interface Terms {
  id: string;
  clientId: string;
  name: string;
  links: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

const CATEGORIES = ['FAVICON_ICO', 'FAVICON_SVG', 'EMAIL_GRAPHIC', 'SMS_GRAPHIC', 'AUTH_APP_GRAPHIC', 'PASSWORD_GRAPHIC', 'PASSKEY_GRAPHIC', 'PAGE_HEADER_LOGO', 'PAGE_HEADER_BACKGROUND', 'PAGE_FOOTER_LOGO', 'PAGE_FOOTER_BACKGROUND', 'PAGE_BACKGROUND', 'FORM_BACKGROUND', 'FORM_LOGO', 'IDP_BUTTON_ICON'];
const LANGUAGE = /^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$/;

function clientOf(pool: Pool, input: Input): string {
  const clientId = reqString(input, 'ClientId', { max: 128 });
  if (!pool.clients.has(clientId)) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return clientId;
}

// ---- branding ---------------------------------------------------------------------------

function brandings(pool: Pool): Map<string, Branding> {
  return (pool.managedLoginBranding ??= new Map());
}

function parseAssets(input: Input): Record<string, unknown>[] | undefined {
  const list = input.Assets;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new CognitoError('SerializationException', "Value at 'assets' cannot be read: expected a list.");
  if (list.length > 40) throw errors.invalidParameter("1 validation error detected: Value at 'assets' failed to satisfy constraint: Member must have length less than or equal to 40");
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const a = raw as Input;
    if (!a || typeof a !== 'object') throw new CognitoError('SerializationException', `Value at 'assets.${i + 1}.member' cannot be read: expected an object.`);
    if (!CATEGORIES.includes(a.Category as string)) throw errors.invalidParameter(`1 validation error detected: Value at 'assets.${i + 1}.member.category' failed to satisfy constraint: Member must satisfy enum value set: [${CATEGORIES.join(', ')}]`);
    if (!['LIGHT', 'DARK', 'DYNAMIC'].includes(a.ColorMode as string)) throw errors.invalidParameter(`1 validation error detected: Value at 'assets.${i + 1}.member.colorMode' failed to satisfy constraint: Member must satisfy enum value set: [LIGHT, DARK, DYNAMIC]`);
    if (!['ICO', 'JPEG', 'PNG', 'SVG', 'WEBP'].includes(a.Extension as string)) throw errors.invalidParameter(`1 validation error detected: Value at 'assets.${i + 1}.member.extension' failed to satisfy constraint: Member must satisfy enum value set: [ICO, JPEG, PNG, SVG, WEBP]`);
    if (a.Bytes !== undefined && (typeof a.Bytes !== 'string' || Buffer.from(a.Bytes, 'base64').length > 1_000_000)) throw errors.invalidParameter(`Asset ${i + 1} is over 1,000,000 bytes.`);
    const key = `${a.Category as string}/${a.ColorMode as string}`;
    if (seen.has(key)) throw errors.invalidParameter(`Only one asset per category and color mode: ${key}.`);
    seen.add(key);
    return structuredClone(a);
  });
}

function settingsOf(input: Input): Record<string, unknown> | undefined {
  return optObject(input, 'Settings') && structuredClone(input.Settings as Record<string, unknown>);
}

function brandingType(pool: Pool, b: Branding) {
  return {
    ManagedLoginBranding: {
      ManagedLoginBrandingId: b.id,
      UserPoolId: pool.id,
      UseCognitoProvidedValues: b.useCognitoProvidedValues,
      Settings: structuredClone(b.settings ?? {}),
      Assets: structuredClone(b.assets),
      CreationDate: epochSeconds(b.createdAt),
      LastModifiedDate: epochSeconds(b.modifiedAt),
    },
  };
}

function checkDefaultsAlone(useDefaults: boolean | undefined, settings: unknown, assets: unknown[] | undefined): void {
  if (useDefaults && (settings !== undefined || (assets && assets.length))) throw errors.invalidParameter('UseCognitoProvidedValues cannot be combined with Settings or Assets.');
}

/** CreateManagedLoginBranding: one style per app client. */
export function createManagedLoginBranding(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const clientId = clientOf(pool, input);
  const useDefaults = optBoolean(input, 'UseCognitoProvidedValues');
  const settings = settingsOf(input);
  const assets = parseAssets(input);
  checkDefaultsAlone(useDefaults, settings, assets);
  for (const b of brandings(pool).values()) if (b.clientId === clientId) throw new CognitoError('ManagedLoginBrandingExistsException', 'A managed login branding style already exists for this app client.');
  const now = ctx.clock.now();
  const b: Branding = { id: randomUUID(), clientId, useCognitoProvidedValues: useDefaults ?? (settings === undefined && !assets?.length), settings, assets: assets ?? [], createdAt: now, modifiedAt: now };
  brandings(pool).set(b.id, b);
  return brandingType(pool, b);
}

function brandingOf(pool: Pool, input: Input): Branding {
  const id = reqString(input, 'ManagedLoginBrandingId', { max: 36 });
  const b = brandings(pool).get(id);
  if (!b) throw errors.resourceNotFound('Managed login branding style does not exist.');
  return b;
}

/** DescribeManagedLoginBranding. */
export function describeManagedLoginBranding(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  optBoolean(input, 'ReturnMergedResources');
  return brandingType(pool, brandingOf(pool, input));
}

/** DescribeManagedLoginBrandingByClient. */
export function describeManagedLoginBrandingByClient(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const clientId = clientOf(pool, input);
  optBoolean(input, 'ReturnMergedResources');
  for (const b of brandings(pool).values()) if (b.clientId === clientId) return brandingType(pool, b);
  throw errors.resourceNotFound('Managed login branding style does not exist for this app client.');
}

/** UpdateManagedLoginBranding: given members replace; UseCognitoProvidedValues resets to defaults. */
export function updateManagedLoginBranding(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const b = brandingOf(pool, input);
  const useDefaults = optBoolean(input, 'UseCognitoProvidedValues');
  const settings = settingsOf(input);
  const assets = parseAssets(input);
  checkDefaultsAlone(useDefaults, settings, assets);
  if (useDefaults) Object.assign(b, { useCognitoProvidedValues: true, settings: undefined, assets: [] });
  else {
    if (settings !== undefined) b.settings = settings;
    if (assets !== undefined) b.assets = assets;
    if (settings !== undefined || assets?.length) b.useCognitoProvidedValues = false;
  }
  b.modifiedAt = ctx.clock.now();
  return brandingType(pool, b);
}

/** DeleteManagedLoginBranding. */
export function deleteManagedLoginBranding(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  brandings(pool).delete(brandingOf(pool, input).id);
  return {};
}

// ---- terms ------------------------------------------------------------------------------

function termsMap(pool: Pool): Map<string, Terms> {
  return (pool.terms ??= new Map());
}

function termsName(v: string | undefined): string | undefined {
  if (v !== undefined && v !== 'terms-of-use' && v !== 'privacy-policy') throw errors.invalidParameter("1 validation error detected: Value at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$");
  return v;
}

function checkFixed(input: Input, required: boolean): void {
  const source = required ? reqString(input, 'TermsSource') : optString(input, 'TermsSource');
  const enforcement = required ? reqString(input, 'Enforcement') : optString(input, 'Enforcement');
  if (source !== undefined && source !== 'LINK') throw errors.invalidParameter("1 validation error detected: Value at 'termsSource' failed to satisfy constraint: Member must satisfy enum value set: [LINK]");
  if (enforcement !== undefined && enforcement !== 'NONE') throw errors.invalidParameter("1 validation error detected: Value at 'enforcement' failed to satisfy constraint: Member must satisfy enum value set: [NONE]");
}

function links(input: Input, required: boolean): Record<string, string> | undefined {
  const o = optObject(input, 'Links');
  if (!o) {
    if (required) throw errors.invalidParameter("1 validation error detected: Value null at 'links' failed to satisfy constraint: Member must not be null");
    return undefined;
  }
  const entries = Object.entries(o);
  if (entries.length < 1 || entries.length > 13) throw errors.invalidParameter("1 validation error detected: Value at 'links' failed to satisfy constraint: Member must have length between 1 and 13");
  for (const [k, v] of entries) {
    if (!LANGUAGE.test(k)) throw errors.invalidParameter(`1 validation error detected: Value at 'links' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${LANGUAGE.source}]`);
    if (typeof v !== 'string' || v.length < 1 || v.length > 1024 || !/^https?:\/\/\S+$/.test(v)) throw errors.invalidParameter(`Invalid link for ${k}.`);
  }
  return { ...(o as Record<string, string>) };
}

function termsType(pool: Pool, t: Terms) {
  return {
    Terms: {
      TermsId: t.id, UserPoolId: pool.id, ClientId: t.clientId, TermsName: t.name, TermsSource: 'LINK', Enforcement: 'NONE',
      Links: { ...t.links }, CreationDate: epochSeconds(t.createdAt), LastModifiedDate: epochSeconds(t.modifiedAt),
    },
  };
}

function termsOf(pool: Pool, input: Input): Terms {
  const id = reqString(input, 'TermsId', { max: 36 });
  const t = termsMap(pool).get(id);
  if (!t) throw errors.resourceNotFound('Terms do not exist.');
  return t;
}

/** CreateTerms: one document of each name per app client. */
export function createTerms(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const clientId = clientOf(pool, input);
  const name = termsName(reqString(input, 'TermsName'))!;
  checkFixed(input, true);
  const given = links(input, true)!;
  for (const t of termsMap(pool).values()) if (t.clientId === clientId && t.name === name) throw new CognitoError('TermsExistsException', `Terms ${name} already exist for this app client.`);
  const now = ctx.clock.now();
  const t: Terms = { id: randomUUID(), clientId, name, links: given, createdAt: now, modifiedAt: now };
  termsMap(pool).set(t.id, t);
  return termsType(pool, t);
}

/** DescribeTerms. */
export function describeTerms(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  return termsType(pool, termsOf(pool, input));
}

/** ListTerms (MaxResults 1..60, NextToken). */
export function listTerms(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const { page, next } = paginate(input, [...termsMap(pool).values()], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 60, min: 1, scope: `terms/${pool.id}` });
  return {
    Terms: page.map((t) => ({ TermsId: t.id, TermsName: t.name, Enforcement: 'NONE', CreationDate: epochSeconds(t.createdAt), LastModifiedDate: epochSeconds(t.modifiedAt) })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** UpdateTerms: given members replace. */
export function updateTerms(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const t = termsOf(pool, input);
  const name = termsName(optString(input, 'TermsName'));
  checkFixed(input, false);
  const given = links(input, false);
  if (name && name !== t.name) {
    for (const o of termsMap(pool).values()) if (o !== t && o.clientId === t.clientId && o.name === name) throw new CognitoError('TermsExistsException', `Terms ${name} already exist for this app client.`);
    t.name = name;
  }
  if (given) t.links = given;
  t.modifiedAt = ctx.clock.now();
  return termsType(pool, t);
}

/** DeleteTerms. */
export function deleteTerms(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  termsMap(pool).delete(termsOf(pool, input).id);
  return {};
}

/** Forgets the styles and terms of a deleted app client. */
export function forgetClientBranding(pool: Pool, clientId: string): void {
  for (const [id, b] of pool.managedLoginBranding ?? []) if (b.clientId === clientId) pool.managedLoginBranding!.delete(id);
  for (const [id, t] of pool.terms ?? []) if (t.clientId === clientId) pool.terms!.delete(id);
}
