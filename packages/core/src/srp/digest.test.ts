import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as chosen from '#digest';
import * as nodeDigest from './digest-node.js';
import * as webDigest from './digest-web.js';

describe('digests: Web Crypto and node:crypto paths', () => {
  it('#digest resolves to the node:crypto path under Node', () => {
    expect(chosen.sha256).toBe(nodeDigest.sha256);
    expect(chosen.hmacSha256).toBe(nodeDigest.hmacSha256);
  });
  it('both compute SHA-256 and HMAC-SHA256 as node:crypto does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 100 }), async (key, data) => {
        const sha = new Uint8Array(createHash('sha256').update(data).digest());
        const mac = new Uint8Array(createHmac('sha256', key).update(data).digest());
        for (const d of [nodeDigest, webDigest]) {
          expect(await d.sha256(data)).toEqual(sha);
          // Web Crypto refuses an empty HMAC key; SRP and SECRET_HASH never use one.
          if (key.length > 0) expect(await d.hmacSha256(key, data)).toEqual(mac);
        }
      }),
      { numRuns: 100 },
    );
  });
  it('accept views into larger buffers', async () => {
    const big = new Uint8Array(64).map((_, i) => i);
    const view = big.subarray(10, 40);
    const want = new Uint8Array(createHmac('sha256', view.subarray(0, 16)).update(view).digest());
    expect(await webDigest.hmacSha256(view.subarray(0, 16), view)).toEqual(want);
    expect(await nodeDigest.hmacSha256(view.subarray(0, 16), view)).toEqual(want);
  });
});
