/**
 * Where ForgotPassword sends its code: the pool's AccountRecoverySetting, by priority, picks
 * the first verified contact; without the setting Cognito's legacy order applies (a verified
 * phone number before a verified email). Config-file pools keep the emulator's own rule:
 * the email, else the phone number, verified or not.
 */
import type { Pool, User } from './model.js';

const ATTRIBUTE: Record<string, 'email' | 'phone_number'> = { verified_email: 'email', verified_phone_number: 'phone_number' };

export function recoveryTarget(pool: Pool, user: User): 'email' | 'phone_number' | undefined {
  if (!pool.settings.strictSchema || pool.settings.fromConfig) return user.attributes.email ? 'email' : user.attributes.phone_number ? 'phone_number' : undefined;
  const setting = pool.settings.kept.AccountRecoverySetting as { RecoveryMechanisms?: { Name: string; Priority: number }[] } | undefined;
  const mechanisms = setting?.RecoveryMechanisms
    ? [...setting.RecoveryMechanisms].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name)
    : ['verified_phone_number', 'verified_email'];
  for (const m of mechanisms) {
    const a = ATTRIBUTE[m];
    if (a && user.attributes[a] && user.attributes[`${a}_verified`] === 'true') return a;
  }
  return undefined;
}
