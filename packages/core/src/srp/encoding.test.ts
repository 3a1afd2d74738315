import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bigIntFromHex, bytesToBase64, bytesToHex, hexToBytes, isHex, padHex } from './encoding.js';

describe('encoding', () => {
  it('padHex follows Java two\'s-complement form', () => {
    expect(padHex(0n)).toBe('00');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(padHex(0x8abcn)).toBe('008abc');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 3100n }), (n) => {
        const h = padHex(n);
        expect(h.length % 2).toBe(0);
        expect(BigInt('0x' + h)).toBe(n);
        expect(h[0]! < '8').toBe(true); // reads back as positive in Java
        expect(h.startsWith('00') && h.length > 2 && h[2]! < '8').toBe(false); // no needless zeros
      }),
    );
  });
  it('hex and base64 round-trip as Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(bytesToHex(bytes)).toBe(buf.toString('hex'));
        expect(hexToBytes(buf.toString('hex'))).toEqual(new Uint8Array(bytes));
        expect(bytesToBase64(bytes)).toBe(buf.toString('base64'));
        expect(base64ToBytes(buf.toString('base64'))).toEqual(new Uint8Array(bytes));
        expect(base64ToBytes(buf.toString('base64').replace(/=+$/, ''))).toEqual(new Uint8Array(bytes));
      }),
    );
  });
  it('refuses what is not base64 or hex', () => {
    for (const bad of ['A', 'AB=C', 'AAA=A', '@@@@', 'ä===', 'AA==A', 'A===']) expect(base64ToBytes(bad), bad).toBeUndefined();
    for (const bad of ['', 'xyz', '0x12', ' 12', 12 as never]) expect(isHex(bad)).toBe(false);
    expect(isHex('0aF')).toBe(true);
    expect(bigIntFromHex('000f')).toBe(15n);
  });
});
