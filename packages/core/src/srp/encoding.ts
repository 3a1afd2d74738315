/**
 * Hex, base64 and UTF-8 helpers that work the same in Node and browsers (no Buffer).
 * @module
 */

const HEX_RE = /^[0-9a-fA-F]+$/;

/** True when `value` is a non-empty string of hex digits. */
export function isHex(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && HEX_RE.test(value);
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

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 (with padding) of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decodes standard base64; padding is optional. Returns undefined for anything that is not
 * base64 (the caller words the error, so no input text ends up in a message).
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  let end = text.length;
  if (end > 0 && text[end - 1] === '=') end--;
  if (end > 0 && text[end - 1] === '=') end--;
  if (end % 4 === 1) return undefined;
  if (text.length % 4 !== 0 && end !== text.length) return undefined; // padded, but wrongly
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
