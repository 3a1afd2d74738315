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

/**
 * One comb: the exponent's bits in `h` rows of `rowBits` bits, each row cut into `v` blocks
 * of `blockBits`. `table[j][s]` is the product of 2^(2^(i·rowBits + j·blockBits)) over the
 * rows i whose bit is set in the h-bit index s, so one column of bits costs one
 * multiplication and every column shares the same `blockBits` squarings.
 */
interface Comb {
  bits: number;
  h: number;
  v: number;
  rowBits: number;
  blockBits: number;
  table: bigint[][];
}

// Chosen by measurement (bench/srp.bench.ts): g^a is a 1024-bit exponent, 8 rows × 2 blocks
// of 64 bits (63 squarings + at most 128 multiplications, 510 entries); g^x is 256 bits,
// 4 rows × 4 blocks of 16 bits (15 squarings + at most 64 multiplications, 60 entries).
// Both step their base points by 2^16 in the exponent, so one squaring chain feeds both.
const LARGE = { bits: 1024, h: 8, v: 2 } as const;
const SMALL = { bits: 256, h: 4, v: 4 } as const;
const CHAIN_STEP = 16;

let combs: { large: Comb; small: Comb } | undefined;

function build(): { large: Comb; small: Comb } {
  // chain[t] = 2^(2^(16·t)) mod N, up to the large comb's last base point, 2^(2^960).
  const highest = LARGE.bits - LARGE.bits / LARGE.h / LARGE.v;
  const chain: bigint[] = [2n];
  let s = 2n;
  for (let t = 1; t * CHAIN_STEP <= highest; t++) {
    for (let q = 0; q < CHAIN_STEP; q++) s = (s * s) % N;
    chain.push(s);
  }
  return { large: comb(LARGE, chain), small: comb(SMALL, chain) };
}

function comb({ bits, h, v }: { bits: number; h: number; v: number }, chain: bigint[]): Comb {
  const rowBits = bits / h;
  const blockBits = rowBits / v;
  const table: bigint[][] = [];
  for (let j = 0; j < v; j++) {
    const row: bigint[] = [1n];
    for (let s = 1; s < 1 << h; s++) {
      const top = 31 - Math.clz32(s);
      // 2^(2^(top·rowBits + j·blockBits)): a multiple of CHAIN_STEP by construction.
      const point = chain[(top * rowBits + j * blockBits) / CHAIN_STEP]!;
      const rest = s ^ (1 << top);
      row.push(rest === 0 ? point : (row[rest]! * point) % N);
    }
    table.push(row);
  }
  return { bits, h, v, rowBits, blockBits, table };
}

function combPow(c: Comb, exponent: bigint): bigint {
  const { bits, h, v, rowBits, blockBits, table } = c;
  const digits = exponent.toString(2).padStart(bits, '0');
  // The bit of weight 2^p sits at digits[bits - 1 - p].
  const last = bits - 1;
  let r = 1n;
  let started = false;
  for (let k = blockBits - 1; k >= 0; k--) {
    if (started) r = (r * r) % N;
    for (let j = 0; j < v; j++) {
      let s = 0;
      for (let i = h - 1; i >= 0; i--) s = (s << 1) | (digits.charCodeAt(last - (i * rowBits + j * blockBits + k)) - 48);
      if (s === 0) continue;
      r = started ? (r * table[j]![s]!) % N : table[j]![s]!;
      started = true;
    }
  }
  return r;
}

/**
 * 2^exponent mod N from the tables, building them on first use; `undefined` when the
 * exponent is too small to be worth it (≤ 64 bits) or too large for the tables (> 1024 bits).
 */
export function pow2ModN(exponent: bigint): bigint | undefined {
  if (exponent < 1n << 64n || exponent >= 1n << BigInt(LARGE.bits)) return undefined;
  combs ??= build();
  return combPow(exponent < 1n << BigInt(SMALL.bits) ? combs.small : combs.large, exponent);
}
