/**
 * SetUserSettings / AdminSetUserSettings: the legacy MFAOptions call. An SMS option to
 * phone_number turns SMS MFA on, an empty list turns it off (SetUserMFAPreference is the
 * current way).
 */
import { userOfToken } from './account.js';
import { existingUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { User } from './model.js';
import { reqString, poolOf, type Input } from './params.js';

function applyMfaOptions(ctx: Ctx, user: User, input: Input): void {
  const list = input.MFAOptions;
  if (list === undefined || list === null) throw errors.invalidParameter("1 validation error detected: Value null at 'mFAOptions' failed to satisfy constraint: Member must not be null");
  if (!Array.isArray(list)) throw new CognitoError('SerializationException', "Value at 'mFAOptions' cannot be read: expected a list.");
  let sms = false;
  for (const o of list as Input[]) {
    if (!o || typeof o !== 'object') throw new CognitoError('SerializationException', "Value at 'mFAOptions' cannot be read: expected a list of objects.");
    if (o.DeliveryMedium !== undefined && !['SMS', 'EMAIL'].includes(o.DeliveryMedium as string)) throw errors.invalidParameter("1 validation error detected: Value at 'mFAOptions.member.deliveryMedium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]");
    if (o.DeliveryMedium !== 'SMS' || (o.AttributeName !== undefined && o.AttributeName !== 'phone_number')) throw errors.invalidParameter('Only SMS MFA to phone_number can be set with MFAOptions.');
    sms = true;
  }
  if (sms && !user.attributes.phone_number) throw errors.invalidParameter('User does not have a phone number for SMS MFA.');
  user.mfa.sms = sms;
  user.mfa.smsByMfaOptions = sms || undefined;
  if (!sms && user.mfa.preferred === 'SMS') user.mfa.preferred = undefined;
  user.modifiedAt = ctx.clock.now();
}

/** SetUserSettings (AccessToken). */
export async function setUserSettings(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  applyMfaOptions(ctx, user, input);
  return {};
}

/** AdminSetUserSettings. */
export function adminSetUserSettings(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  applyMfaOptions(ctx, user, input);
  return {};
}
