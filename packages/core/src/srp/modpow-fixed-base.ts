/**
 * 2^e mod N for SRP's group (g = 2, the 3072-bit N) from precomputed tables: the fixed-base
 * comb of Lim and Lee. SRP raises g to the secret `a` (1024 bits) once per sign-in and to
 * `x` (256 bits, a SHA-256) once per password claim; with the tables each costs a few dozen
 * to two hundred multiplications instead of one squaring per exponent bit.
 *
 * Cost, measured on this project's 2-core machines (Node 20, V8 BigInt): both tables are
 * built together on the first call with an exponent over 64 bits, lazily, once per process
 * (or page): 960 squarings and 560 multiplications, 15–20 ms, once. They hold 570
 * residues of 384 bytes, about 220 KB of heap, for the life of the process. After that g^a
 * takes about 2.5 ms (was 10) and g^x about 0.7 ms (was 3). An app that signs in once per
 * page pays roughly 6 ms more on that sign-in than without tables; every later sign-in
 * saves about 10 ms.
 *
 * Not constant-time, like the rest of BigInt arithmetic: the window lookups depend on the
 * exponent's bits, as the sliding window for the general base does.
 * @module
 */
import { N } from './group.js';

// The two combs, [h rows, v blocks per row, exponent bits], chosen by measurement
// (bench/srp.bench.ts). g^a, 1024 bits: 8 rows × 2 blocks of 64 bits, so 63 squarings and at
// most 128 multiplications, 510 entries. g^x, 256 bits: 4 rows × 4 blocks of 16 bits, so 15
// squarings and at most 64 multiplications, 60 entries. In comb [h, v, bits], entry
// tables[c][j][s] is the product of 2^(2^(i·bits/h + j·bits/(h·v))) over the rows i whose bit is
// set in the h-bit index s: one column of exponent bits costs one multiplication, and all
// columns share the same squarings. Every base point is 2^(2^(16·t)), so one chain feeds both.
const COMBS = [
  [8, 2, 1024],
  [4, 4, 256],
] as const;

let tables: bigint[][][] | undefined;

function build(): bigint[][][] {
  // chain[t] = 2^(2^(16·t)) mod N, up to the large comb's last base point, 2^(2^960).
  const chain = [2n];
  for (let t = 1, s = 2n; t <= 60; t++) {
    for (let q = 0; q < 16; q++) s = (s * s) % N;
    chain.push(s);
  }
  return COMBS.map(([h, v, bits]) =>
    Array.from({ length: v }, (_, j) => {
      const row = [1n];
      for (let s = 1; s < 1 << h; s++) {
        const top = 31 - Math.clz32(s);
        const point = chain[(top * v + j) * (bits / h / v / 16)]!;
        row.push(s === 1 << top ? point : (row[s ^ (1 << top)]! * point) % N);
      }
      return row;
    }),
  );
}

/**
 * 2^exponent mod N from the tables, building them on first use; `undefined` when the
 * exponent is too small to be worth it (≤ 64 bits) or too large for the tables (> 1024 bits).
 */
export function pow2ModN(exponent: bigint): bigint | undefined {
  if (exponent < 1n << 64n || exponent >> 1024n) return undefined;
  tables ??= build();
  const c = exponent >> 256n ? 0 : 1;
  const [h, v, bits] = COMBS[c]!;
  const table = tables[c]!;
  const blockBits = bits / h / v;
  // The bit of weight 2^p sits at digits[bits - 1 - p].
  const digits = exponent.toString(2).padStart(bits, '0');
  let r = 1n;
  for (let k = blockBits - 1; k >= 0; k--) {
    r = (r * r) % N;
    for (let j = 0; j < v; j++) {
      let s = 0;
      for (let i = h - 1; i >= 0; i--) s = (s << 1) | (digits.charCodeAt(bits - 1 - ((i * v + j) * blockBits + k)) - 48);
      if (s) r = (r * table[j]![s]!) % N;
    }
  }
  return r;
}
