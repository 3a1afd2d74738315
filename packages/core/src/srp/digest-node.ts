/**
 * SHA-256 and HMAC-SHA256 for Node through node:crypto, synchronously under the async
 * signature of the Web Crypto path: an SRP step's six hashes then cost no worker-thread
 * round trips, which matters on a busy server running many sign-ins. Selected by the
 * `#digest` subpath import under the `node` condition.
 * @module
 */
import { createHash, createHmac } from 'node:crypto';

/** SHA-256 of bytes. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** HMAC-SHA256 of `data` under `key`. */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}
