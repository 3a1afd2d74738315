import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretHash } from './secret-hash.js';

describe('secretHash', () => {
  it('is base64(HMAC-SHA256(secret, username ‖ clientId))', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.stringMatching(/^[a-z0-9]{1,32}$/),
        async (secret, username, clientId) => {
          const want = createHmac('sha256', Buffer.from(secret, 'utf8')).update(username + clientId, 'utf8').digest('base64');
          expect(await secretHash(secret, username, clientId)).toBe(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches a known value', async () => {
    // HMAC-SHA256(key "secret", "alice" + "client123"), computed with openssl.
    expect(await secretHash('secret', 'alice', 'client123')).toBe('oKHO337pkuh1r3zUNCZ1oCL3YgM0Yi2nkcAZsKQTIH8=');
  });

  it('rejects empty input without echoing the secret', async () => {
    await expect(secretHash('', 'alice', 'c')).rejects.toMatchObject({ name: 'InvalidSecretHashInput', kind: 'validation' });
    await expect(secretHash('s3cr3t', '', 'c')).rejects.toMatchObject({ kind: 'validation' });
    await expect(secretHash('s3cr3t', 'alice', '')).rejects.toSatisfy((e: Error) => !e.message.includes('s3cr3t'));
  });
});
