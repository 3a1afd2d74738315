/**
 * Sealed values: AES-256-GCM through Web Crypto with an application key, so what a store
 * holds (flow snapshots, sessions, device keys) is unreadable and tamper-evident. A keyring
 * encrypts with its current key and opens with any key it holds, so keys rotate without
 * losing what was sealed before.
 *
 * Envelope (one ASCII line): `ns1.<key id>.<iv, base64url>.<ciphertext+tag, base64url>`.
 * The key id and a caller's context (e.g. `flow:<id>`) are authenticated as additional
 * data: an envelope moved to another key id or another record does not open.
 * @module
 */
import { AuthError } from '../errors.js';
import { configError } from '../fail.js';

const VERSION = 'ns1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;

/** One key of a keyring: an id written into every envelope, and 32 random bytes. */
export interface KeyringKey {
  /** Short id (letters, digits, `_`, `-`; at most 32), e.g. `"2026-12"`. Not secret. */
  id: string;
  /** 32 bytes: raw, or as base64 / base64url text (e.g. `openssl rand -base64 32`). */
  key: Uint8Array | string;
}

/** Options of {@link createKeyring}. */
export interface KeyringOptions {
  /** The key that seals from now on. */
  current: KeyringKey;
  /** Older keys that still open what they sealed (rotation); they never seal. */
  previous?: readonly KeyringKey[];
}

/** Seals and opens values; see {@link createKeyring}. */
export interface Keyring {
  /** The id of the key that seals. */
  readonly currentKeyId: string;
  /** Encrypts and authenticates `plaintext`, bound to `context` (which must match on open). */
  seal(plaintext: string, context: string): Promise<string>;
  /**
   * Opens an envelope sealed with `context` by any key of the ring. Throws an
   * {@link AuthError} (kind `validation`) named `SealedValueMalformed`,
   * `SealedValueUnknownKey` or `SealedValueInvalid` (tampered, foreign, or another context).
   */
  open(envelope: string, context: string): Promise<string>;
  /** The id of the key an envelope was sealed with (without opening it), or undefined. */
  keyIdOf(envelope: string): string | undefined;
}

/** Names of the errors {@link Keyring.open} throws. */
export const SEALED_VALUE_ERRORS = ['SealedValueMalformed', 'SealedValueUnknownKey', 'SealedValueInvalid'] as const;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (b64.length % 4 === 1) return undefined;
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function keyBytes(k: KeyringKey): Uint8Array {
  const bytes = typeof k.key === 'string' ? fromBase64(k.key.trim()) : k.key instanceof Uint8Array ? k.key : undefined;
  if (!bytes || bytes.length !== 32) {
    throw configError('InvalidKeyringKey', `Key "${k.id}" must be 32 bytes (raw, or base64 text of 32 bytes).`);
  }
  return bytes;
}

function sealedError(name: (typeof SEALED_VALUE_ERRORS)[number], message: string): AuthError {
  return new AuthError(name, message, { kind: 'validation' });
}

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/**
 * A keyring over AES-256-GCM keys (Web Crypto: Node 20+, browsers, workers). Checks every
 * key before any use; a bad key is an {@link AuthError} of kind `config`.
 *
 * ```ts
 * const keyring = await createKeyring({
 *   current: { id: '2026-12', key: process.env.NEXTSTEP_KEY_2026_12! },
 *   previous: [{ id: '2026-06', key: process.env.NEXTSTEP_KEY_2026_06! }],
 * });
 * ```
 */
export async function createKeyring(options: KeyringOptions): Promise<Keyring> {
  if (!options || typeof options !== 'object' || !options.current) {
    throw configError('InvalidKeyring', 'createKeyring needs { current: { id, key } }.');
  }
  const all = [options.current, ...(options.previous ?? [])];
  const keys = new Map<string, CryptoKey>();
  for (const k of all) {
    if (!k || typeof k.id !== 'string' || !KEY_ID.test(k.id)) {
      throw configError('InvalidKeyringKey', 'A key id is 1 to 32 letters, digits, "_" or "-".');
    }
    if (keys.has(k.id)) throw configError('InvalidKeyringKey', `Key id "${k.id}" appears twice.`);
    const raw = keyBytes(k);
    keys.set(k.id, await globalThis.crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  const currentId = options.current.id;
  const currentKey = keys.get(currentId)!;
  const aad = (keyId: string, context: string) => encoder.encode(`${VERSION}.${keyId}.${context}`);

  return Object.freeze({
    currentKeyId: currentId,
    async seal(plaintext: string, context: string): Promise<string> {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ct = await globalThis.crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(currentId, context) },
        currentKey,
        encoder.encode(plaintext),
      );
      return `${VERSION}.${currentId}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
    },
    async open(envelope: string, context: string): Promise<string> {
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      if (parts.length !== 4 || parts[0] !== VERSION) throw sealedError('SealedValueMalformed', 'This is not a sealed nextstep value.');
      const [, keyId, ivText, ctText] = parts as [string, string, string, string];
      const key = keys.get(keyId);
      if (!key) throw sealedError('SealedValueUnknownKey', `No key "${KEY_ID.test(keyId) ? keyId : '?'}" in the keyring: sealed elsewhere, or its key was retired.`);
      const iv = fromBase64(ivText);
      const ct = fromBase64(ctText);
      if (!iv || iv.length !== IV_BYTES || !ct || ct.length < 16) throw sealedError('SealedValueMalformed', 'This is not a sealed nextstep value.');
      let plain: ArrayBuffer;
      try {
        plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(keyId, context) }, key, ct as BufferSource);
      } catch {
        throw sealedError('SealedValueInvalid', 'The sealed value does not authenticate: tampered, foreign, or sealed for another record.');
      }
      try {
        return decoder.decode(plain);
      } catch {
        throw sealedError('SealedValueInvalid', 'The sealed value does not hold text.');
      }
    },
    keyIdOf(envelope: string): string | undefined {
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      return parts.length === 4 && parts[0] === VERSION && KEY_ID.test(parts[1]!) ? parts[1] : undefined;
    },
  });
}
