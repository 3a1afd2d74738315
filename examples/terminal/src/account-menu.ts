/**
 * The account menu after sign-in: attributes, change password, MFA preference, sign out.
 * It talks to the person through a small `MenuIO` (the interactive app passes prompts; the
 * test passes a script), and to Cognito through core's session calls on the stored session.
 */
import {
  fetchMFAPreference,
  fetchUserAttributes,
  isAuthError,
  signOut,
  updateMFAPreference,
  updatePassword,
  type Auth,
  type MfaPreferenceValue,
} from '@nextstep/core';

/** The menu's choices. */
export type AccountChoice = 'attributes' | 'password' | 'mfa' | 'sign-out';

/** How the menu asks and tells. */
export interface MenuIO {
  choose(message: string, options: { value: string; label: string }[]): Promise<string>;
  secret(message: string): Promise<string>;
  info(text: string): void;
  error(text: string): void;
}

const CHOICES: { value: AccountChoice; label: string }[] = [
  { value: 'attributes', label: 'Show my attributes' },
  { value: 'password', label: 'Change my password' },
  { value: 'mfa', label: 'MFA preference' },
  { value: 'sign-out', label: 'Sign out' },
];

function describe(error: unknown): string {
  return isAuthError(error) ? `${error.message} (${error.name})` : error instanceof Error ? error.name : 'Something went wrong.';
}

async function mfaMenu(auth: Auth<any>, io: MenuIO): Promise<void> {
  const now = await fetchMFAPreference(auth);
  io.info(`MFA enabled: ${now.enabled?.join(', ') || 'none'}; preferred: ${now.preferred ?? 'none'}`);
  const factor = (await io.choose('Which factor?', [
    { value: 'sms', label: 'SMS' },
    { value: 'totp', label: 'Authenticator app (TOTP)' },
    { value: 'email', label: 'Email' },
    { value: 'back', label: 'Back' },
  ])) as 'sms' | 'totp' | 'email' | 'back';
  if (factor === 'back') return;
  const value = (await io.choose(`Set ${factor.toUpperCase()} to`, [
    { value: 'PREFERRED', label: 'Preferred' },
    { value: 'ENABLED', label: 'Enabled' },
    { value: 'DISABLED', label: 'Disabled' },
  ])) as MfaPreferenceValue;
  await updateMFAPreference(auth, { [factor]: value });
  const after = await fetchMFAPreference(auth);
  io.info(`MFA enabled: ${after.enabled?.join(', ') || 'none'}; preferred: ${after.preferred ?? 'none'}`);
}

/**
 * Runs the menu until the person signs out (resolves `'signed-out'`) or the session ends
 * (`'session-ended'`). A failed call is shown and the menu asked again.
 */
export async function accountMenu(auth: Auth<any>, io: MenuIO): Promise<'signed-out' | 'session-ended'> {
  for (;;) {
    const choice = (await io.choose('Account', CHOICES)) as AccountChoice;
    try {
      if (choice === 'attributes') {
        const attributes = await fetchUserAttributes(auth);
        io.info(Object.entries(attributes).map(([k, v]) => `${k}: ${v}`).join('\n'));
      } else if (choice === 'password') {
        const oldPassword = await io.secret('Current password');
        const newPassword = await io.secret('New password');
        await updatePassword(auth, { oldPassword, newPassword });
        io.info('Password changed.');
      } else if (choice === 'mfa') {
        await mfaMenu(auth, io);
      } else {
        const out = await signOut(auth);
        io.info(out.revoked ? 'Signed out.' : `Signed out here; Cognito could not revoke the session (${out.error ?? 'error'}).`);
        return 'signed-out';
      }
    } catch (error) {
      io.error(describe(error));
      if (isAuthError(error) && error.kind === 'session') return 'session-ended';
    }
  }
}
