/**
 * Amplify JS v6's password, account deletion and MFA preference calls, with the stored
 * session's access token.
 * @module
 */
import type { Auth } from '../auth.js';
import { validationError } from '../fail.js';
import type { MfaType } from '../types.js';
import { callWithAccessToken as withAccessToken } from './access.js';
import { infoOf } from './refresh.js';
import type { FetchMFAPreferenceOutput, MfaPreferenceValue, UpdateMFAPreferenceInput, UpdatePasswordInput, AccessCallOptions } from './types.js';

/** Changes the password (ChangePassword). */
export async function updatePassword(auth: Auth<any>, input: UpdatePasswordInput): Promise<void> {
  if (typeof input?.oldPassword !== 'string' || input.oldPassword === '') throw validationError('EmptyUpdatePassword', 'The old password is empty.');
  if (typeof input.newPassword !== 'string' || input.newPassword === '') throw validationError('EmptyUpdatePassword', 'The new password is empty.');
  await withAccessToken(auth, input, 'ChangePassword', { PreviousPassword: input.oldPassword, ProposedPassword: input.newPassword });
}

/** Deletes the signed-in user (DeleteUser) and their session. */
export async function deleteUser(auth: Auth<any>, options: AccessCallOptions = {}): Promise<void> {
  const { record, engine } = await withAccessToken(auth, options, 'DeleteUser', {});
  await engine.session.store.remove(record.userId);
  engine.hooks.signedOut.call(infoOf(engine, record), { global: true, revoked: true });
}

const COGNITO_TO_MFA: Record<string, MfaType> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };

/** The user's enabled and preferred MFA factors (GetUser). */
export async function fetchMFAPreference(auth: Auth<any>, options: AccessCallOptions = {}): Promise<FetchMFAPreferenceOutput> {
  const { output } = await withAccessToken(auth, options, 'GetUser', {});
  const enabled = ((output.UserMFASettingList ?? []) as string[]).map((m) => COGNITO_TO_MFA[m]).filter((m): m is MfaType => !!m);
  const preferred = COGNITO_TO_MFA[output.PreferredMfaSetting as string];
  return { ...(enabled.length ? { enabled } : {}), ...(preferred ? { preferred } : {}) };
}

const VALUES: readonly MfaPreferenceValue[] = ['ENABLED', 'DISABLED', 'PREFERRED', 'NOT_PREFERRED'];

function setting(value: MfaPreferenceValue): { Enabled: boolean; PreferredMfa?: boolean } {
  if (value === 'DISABLED') return { Enabled: false };
  if (value === 'PREFERRED') return { Enabled: true, PreferredMfa: true };
  if (value === 'NOT_PREFERRED') return { Enabled: true, PreferredMfa: false };
  return { Enabled: true };
}

/** Sets the user's MFA preference for SMS, TOTP and email (SetUserMFAPreference). */
export async function updateMFAPreference(auth: Auth<any>, input: UpdateMFAPreferenceInput): Promise<void> {
  const fields = { sms: 'SMSMfaSettings', totp: 'SoftwareTokenMfaSettings', email: 'EmailMfaSettings' } as const;
  const body: Record<string, unknown> = {};
  for (const [key, cognito] of Object.entries(fields) as [keyof typeof fields, string][]) {
    const value = input?.[key];
    if (value === undefined) continue;
    if (!VALUES.includes(value)) throw validationError('InvalidMFAPreference', `${key} must be one of ${VALUES.join(', ')}.`);
    body[cognito] = setting(value);
  }
  await withAccessToken(auth, input, 'SetUserMFAPreference', body);
}
