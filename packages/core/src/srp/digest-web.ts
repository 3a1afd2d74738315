/**
 * SHA-256 and HMAC-SHA256 through Web Crypto (`globalThis.crypto.subtle`): the portable
 * path, chosen by the `#digest` subpath import everywhere but Node.
 * @module
 */

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto (crypto.subtle) needs a secure context (https or localhost).');
  return s;
}

// Copies into a fresh ArrayBuffer-backed view, which Web Crypto's BufferSource type requires.
function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** SHA-256 of bytes. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', view(data)));
}

/** HMAC-SHA256 of `data` under `key`. */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  const cryptoKey = await s.importKey('raw', view(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await s.sign('HMAC', cryptoKey, view(data)));
}
