// Sealed values: round trip, rotation, and every way an envelope can be wrong.
import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.js';
import { createKeyring } from './keyring.js';

const key = (fill: number) => new Uint8Array(32).fill(fill);
const b64 = (fill: number) => Buffer.from(key(fill)).toString('base64');

async function rejection(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected a rejection');
}

describe('keyring', () => {
  it('seals to an envelope that holds no plaintext and opens back', async () => {
    const ring = await createKeyring({ current: { id: 'k1', key: b64(1) } });
    const secret = 'Session=AYABeDSMxQ-secret-TOTP-JBSWY3DPEHPK3PXP';
    const sealed = await ring.seal(secret, 'flow:a');
    expect(sealed.startsWith('ns1.k1.')).toBe(true);
    expect(sealed).not.toContain('Session');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(await ring.open(sealed, 'flow:a')).toBe(secret);
    // A fresh IV each time.
    expect(await ring.seal(secret, 'flow:a')).not.toBe(sealed);
    expect(ring.keyIdOf(sealed)).toBe('k1');
  });

  it('rotation: the new key seals, the previous still opens; a retired key is a typed error', async () => {
    const old = await createKeyring({ current: { id: 'old', key: key(2) } });
    const sealedOld = await old.seal('hello', 'ctx');
    const rotated = await createKeyring({ current: { id: 'new', key: key(3) }, previous: [{ id: 'old', key: key(2) }] });
    expect(await rotated.open(sealedOld, 'ctx')).toBe('hello');
    expect(rotated.keyIdOf(await rotated.seal('x', 'ctx'))).toBe('new');
    const retired = await createKeyring({ current: { id: 'new', key: key(3) } });
    expect(await rejection(retired.open(sealedOld, 'ctx'))).toMatchObject({ name: 'SealedValueUnknownKey', kind: 'validation' });
  });

  it('tampered, foreign, moved or malformed envelopes are typed errors, never crashes', async () => {
    const ring = await createKeyring({ current: { id: 'k', key: key(4) } });
    const sealed = await ring.seal('{"a":1}', 'flow:1');
    const [v, id, iv, ct] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (const bad of [`${v}.${id}.${iv}.${flip(ct, 3)}`, `${v}.${id}.${flip(iv, 0)}.${ct}`, `${v}.${id}.${iv}.${ct.slice(0, -4)}`]) {
      expect((await rejection(ring.open(bad, 'flow:1'))).name).toMatch(/^SealedValue(Invalid|Malformed)$/);
    }
    // Sealed for another record: the context is authenticated.
    expect((await rejection(ring.open(sealed, 'flow:2'))).name).toBe('SealedValueInvalid');
    // Same key id, another key (a foreign deployment).
    const foreign = await createKeyring({ current: { id: 'k', key: key(5) } });
    expect((await rejection(foreign.open(sealed, 'flow:1'))).name).toBe('SealedValueInvalid');
    for (const junk of ['', 'hello', '{"format":"nextstep.flow/1"}', 'ns1.k.!!.??', 'ns1.k..', 'ns2.k.a.b', null as unknown as string]) {
      expect((await rejection(ring.open(junk, 'flow:1'))).name).toMatch(/^SealedValue(Malformed|Invalid)$/);
    }
    // The message names no value.
    const err = await rejection(ring.open(`${v}.${id}.${iv}.${flip(ct, 3)}`, 'flow:1'));
    expect(err.message).not.toContain(ct.slice(0, 10));
  });

  it('bad keys are config errors', async () => {
    await expect(createKeyring({ current: { id: 'k', key: 'c2hvcnQ=' } })).rejects.toMatchObject({ name: 'InvalidKeyringKey', kind: 'config' });
    await expect(createKeyring({ current: { id: 'bad id', key: key(1) } })).rejects.toMatchObject({ name: 'InvalidKeyringKey' });
    await expect(createKeyring({ current: { id: 'k', key: key(1) }, previous: [{ id: 'k', key: key(2) }] })).rejects.toMatchObject({ name: 'InvalidKeyringKey' });
    // base64url text works too.
    await expect(createKeyring({ current: { id: 'k', key: Buffer.from(key(9)).toString('base64url') } })).resolves.toBeTruthy();
  });
});
