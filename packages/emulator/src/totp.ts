/** TOTP (RFC 6238: SHA-1, 6 digits, 30 s) on the emulator clock, via otpauth. */
import { Secret, TOTP } from 'otpauth';

function totpFor(secretBase32: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** A new base32 secret (32 characters, 160 bits), as AssociateSoftwareToken hands out. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code of `secretBase32` at `atMs`. */
export function totpCode(secretBase32: string, atMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: atMs });
}

/** True when `code` is valid at `atMs`, allowing one 30 s step of drift either way. */
export function checkTotp(secretBase32: string, code: string, atMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32).validate({ token: code, timestamp: atMs, window: 1 }) !== null;
}

/** True when the string decodes as base32 (config-given secrets). */
export function isBase32(s: string): boolean {
  return /^[A-Z2-7]+=*$/i.test(s) && s.replace(/=+$/, '').length >= 16;
}
