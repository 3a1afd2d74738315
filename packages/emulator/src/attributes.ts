/**
 * A signed-in user's own attributes: UpdateUserAttributes, GetUserAttributeVerificationCode,
 * VerifyUserAttribute, DeleteUserAttributes, DeleteUser; and AdminUpdateUserAttributes.
 */
import { userOfToken } from './account.js';
import { maskEmail, maskPhone, randomCode } from './codes.js';
import { existingUser, type Ctx } from './context.js';
import { checkPendingCode } from './code-attempts.js';
import { errors } from './errors.js';
import type { Pool, User } from './model.js';
import { attributeList, reqString, stringList, stringMap, type Input } from './params.js';
import { decodeJwt } from 'jose';
import { checkAliasesFree, checkAttributes, checkWritable } from './attribute-schema.js';
import { forgetMember } from './groups.js';
import { customMessage, NO_CLIENT } from './lambda-triggers.js';

const CODE_MS = 24 * 3600_000;
const CONTACT: Record<string, { medium: 'EMAIL' | 'SMS'; verified: string }> = {
  email: { medium: 'EMAIL', verified: 'email_verified' },
  phone_number: { medium: 'SMS', verified: 'phone_number_verified' },
};

function checkMutable(attributes: Record<string, string>): void {
  if ('sub' in attributes) throw errors.invalidParameter('Cannot modify the non-mutable attribute sub');
}

/** Sends a verification code for `email` or `phone_number`; returns CodeDeliveryDetails. */
async function sendVerification(ctx: Ctx, pool: Pool, user: User, name: string, trigger: { clientId: string; source: 'CustomMessage_UpdateUserAttribute' | 'CustomMessage_VerifyUserAttribute'; clientMetadata: Record<string, string> }) {
  const contact = CONTACT[name];
  // A value waiting for verification gets the code, not the one still in use.
  const destination = user.pendingAttributes?.[name] ?? user.attributes[name];
  if (!contact || !destination) throw errors.invalidParameter(`Attribute ${name} cannot be verified for this user.`);
  const code = randomCode(6);
  user.attributeCodes[name] = { code, expiresAt: ctx.clock.now() + CODE_MS };
  const text = await customMessage(ctx, pool, { ...trigger, user, medium: contact.medium, code });
  ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium: contact.medium, destination, code, purpose: 'VERIFY_ATTRIBUTE', ...text, at: ctx.clock.now() });
  return { Destination: contact.medium === 'EMAIL' ? maskEmail(destination) : maskPhone(destination), DeliveryMedium: contact.medium, AttributeName: name };
}

/** Whether the pool keeps a verified email / phone in use until its replacement is verified. */
function requiresVerificationFirst(pool: Pool, name: string): boolean {
  const s = pool.settings.kept.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: unknown } | undefined;
  return Array.isArray(s?.AttributesRequireVerificationBeforeUpdate) && s.AttributesRequireVerificationBeforeUpdate.includes(name);
}

/**
 * UpdateUserAttributes: a changed email / phone number becomes unverified and gets a code;
 * with AttributesRequireVerificationBeforeUpdate the verified old value stays until then.
 */
export async function updateUserAttributes(ctx: Ctx, input: Input) {
  const token = reqString(input, 'AccessToken');
  const { pool, user } = await userOfToken(ctx, token);
  const attributes = attributeList(input, 'UserAttributes');
  checkMutable(attributes);
  checkAttributes(pool, attributes, 'update', user);
  checkWritable(pool.clients.get(String(decodeJwt(token).client_id)), attributes);
  checkAliasesFree(pool, user, attributes);
  const trigger = { clientId: String(decodeJwt(token).client_id), source: 'CustomMessage_UpdateUserAttribute' as const, clientMetadata: stringMap(input, 'ClientMetadata') };
  const deliveries = await applyUpdate(ctx, pool, user, attributes, trigger, false);
  return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
}

/**
 * Applies an attribute update. A blank value deletes the attribute (as Cognito documents); a
 * changed email / phone number becomes unverified and gets a code, unless the request marks it
 * verified; with AttributesRequireVerificationBeforeUpdate a verified value stays in use until
 * the new one is verified. Admin updates send codes only for the pool's AutoVerifiedAttributes.
 */
async function applyUpdate(ctx: Ctx, pool: Pool, user: User, attributes: Record<string, string>, trigger: { clientId: string; source: 'CustomMessage_UpdateUserAttribute'; clientMetadata: Record<string, string> }, admin: boolean) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === '' && pool.settings.schema.some((a) => a.Name === name && a.Required)) throw errors.invalidParameter(`Attributes did not conform to the schema: ${name}: The attribute is required`);
  }
  const deliveries = [];
  for (const [name, value] of Object.entries(attributes)) {
    const contact = CONTACT[name];
    if (value === '') {
      delete user.attributes[name];
      if (contact) {
        delete user.attributes[contact.verified];
        delete user.attributeCodes[name];
        if (user.pendingAttributes) delete user.pendingAttributes[name];
      }
      continue;
    }
    const changed = user.attributes[name] !== value;
    const markedVerified = !!contact && attributes[contact.verified] === 'true';
    if (contact && changed && !markedVerified && requiresVerificationFirst(pool, name) && user.attributes[contact.verified] === 'true') {
      // The verified value stays in use (and signs in) until the new one's code comes back.
      (user.pendingAttributes ??= {})[name] = value;
      deliveries.push(await sendVerification(ctx, pool, user, name, trigger));
      continue;
    }
    user.attributes[name] = value;
    if (user.pendingAttributes) delete user.pendingAttributes[name];
    if (contact && changed && !markedVerified) {
      user.attributes[contact.verified] = 'false';
      if (!admin || pool.settings.autoVerifiedAttributes.includes(name)) deliveries.push(await sendVerification(ctx, pool, user, name, trigger));
    }
  }
  user.modifiedAt = ctx.clock.now();
  return deliveries;
}

/** GetUserAttributeVerificationCode. */
export async function getUserAttributeVerificationCode(ctx: Ctx, input: Input) {
  const token = reqString(input, 'AccessToken');
  const { pool, user } = await userOfToken(ctx, token);
  const trigger = { clientId: String(decodeJwt(token).client_id), source: 'CustomMessage_VerifyUserAttribute' as const, clientMetadata: stringMap(input, 'ClientMetadata') };
  return { CodeDeliveryDetails: await sendVerification(ctx, pool, user, reqString(input, 'AttributeName'), trigger) };
}

/** VerifyUserAttribute. */
export async function verifyUserAttribute(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const name = reqString(input, 'AttributeName');
  const code = reqString(input, 'Code');
  checkPendingCode(user.attributeCodes[name], code, ctx.clock.now());
  const pending = user.pendingAttributes?.[name];
  // A verified email / phone of an alias pool must not be another user's verified alias.
  checkAliasesFree(pool, user, pending !== undefined ? { [name]: pending, [`${name}_verified`]: 'true' } : { [`${name}_verified`]: 'true' });
  delete user.attributeCodes[name];
  if (pending !== undefined) {
    user.attributes[name] = pending;
    delete user.pendingAttributes![name];
  }
  user.attributes[CONTACT[name]!.verified] = 'true';
  user.modifiedAt = ctx.clock.now();
  return {};
}

/** DeleteUserAttributes. */
export async function deleteUserAttributes(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const names = stringList(input, 'UserAttributeNames');
  if (!names) throw errors.invalidParameter("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  if (names.includes('sub')) throw errors.invalidParameter('Cannot modify the non-mutable attribute sub');
  for (const n of names) delete user.attributes[n];
  user.modifiedAt = ctx.clock.now();
  return {};
}

/** DeleteUser: the user and every token of theirs are gone. */
export async function deleteUser(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  ctx.tokens.revokeUser(pool.id, user.username);
  pool.users.delete(user.username);
  forgetMember(pool, user.username);
  return {};
}

/**
 * AdminUpdateUserAttributes: `*_verified` may be set directly; a changed email / phone number
 * not marked verified becomes unverified and, where the pool auto-verifies it, gets a code.
 */
export async function adminUpdateUserAttributes(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const attributes = attributeList(input, 'UserAttributes');
  checkMutable(attributes);
  checkAttributes(pool, attributes, 'update', user);
  checkAliasesFree(pool, user, attributes);
  await applyUpdate(ctx, pool, user, attributes, { clientId: NO_CLIENT, source: 'CustomMessage_UpdateUserAttribute', clientMetadata: stringMap(input, 'ClientMetadata') }, true);
  return {};
}
