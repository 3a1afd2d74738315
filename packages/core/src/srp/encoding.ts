/**
 * Hex, base64 and UTF-8 helpers that work the same in Node and browsers (no Buffer).
 * @module
 */

const HEX_RE = /^[0-9a-fA-F]+$/;

/** True when `value` is a non-empty string of hex digits. */
export function isHex(value: unknown): value is string {
  return typeof value === 'string' && HEX_RE.test(value); // `+`: not empty
}

/** Parses hex digits (any case, odd length allowed) into a non-negative bigint. */
export function bigIntFromHex(hex: string): bigint {
  return BigInt('0x' + hex);
}

/**
 * Cognito's padHex: lower-case hex of a non-negative integer, made even-length, then
 * prefixed with `00` when the first digit is 8–f, so that Java's BigInteger, which the
 * service uses, reads it back as a positive number.
 */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  else if (hex.charCodeAt(0) >= 0x38 /* '8' */) hex = '00' + hex;
  return hex;
}

/** Even-length hex to bytes. */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// Pure: bundles that use no hex (the fetch transport alone) drop the table.
const HEX_DIGITS = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes to lower-case hex, two digits a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_DIGITS[bytes[i]!];
  return hex;
}

/** The bytes of padHex(value). */
export function padHexBytes(value: bigint): Uint8Array {
  return hexToBytes(padHex(value));
}

const textEncoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// The platform's base64 (atob / btoa: browsers, Node >= 16), on byte strings.

/** Standard base64 (with padding) of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/**
 * Decodes standard base64; padding is optional. Returns undefined for anything that is not
 * base64 (the caller words the error, so no input text ends up in a message).
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  // atob also skips white space: refuse it (and misplaced padding) first.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
