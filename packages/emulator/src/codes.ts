/** Random one-time codes and the masking Cognito applies to delivery destinations. */
import { randomInt, randomBytes } from 'node:crypto';

/** A random numeric code of `digits` digits (leading zeros kept). */
export function randomCode(digits = 6): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

/** An opaque random token (sessions, refresh tokens). */
export function opaqueToken(bytes = 96): string {
  return randomBytes(bytes).toString('base64url');
}

/** `+14155550100` → `+*******0100`, as Cognito shows SMS destinations. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  return '+' + '*'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
}

/** `jane@example.com` → `j***@e***`, as Cognito shows email destinations. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***@${email[at + 1] ?? ''}***`;
}
