/**
 * GetSigningCertificate: the X.509 certificate a pool signs SAML requests with. Each pool
 * gets its own RSA key and a self-signed certificate, valid 10 years, made on first request
 * and kept with the pool. Written as DER by hand: Node can read certificates but not make
 * them, and the structure is small.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { Ctx } from './context.js';
import type { Pool } from './model.js';
import { poolOf, type Input } from './params.js';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const groups: number[] = [];
    for (let v = p; ; v = Math.floor(v / 128)) {
      groups.unshift(v % 128);
      if (v < 128) break;
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
}

function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // UTCTime until 2049, GeneralizedTime after (RFC 5280).
  return new Date(ms).getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

/** A self-signed certificate (DER) for `cn`, valid from `now` for 10 years. */
export function selfSignedCertificate(cn: string, now: number): Buffer {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name = seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // a positive INTEGER
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    SHA256_RSA,
    name,
    seq(time(now), time(now + 10 * 365.25 * 86_400_000)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  return seq(tbs, SHA256_RSA, tlv(0x03, Buffer.from([0]), signature));
}

/** GetSigningCertificate: base64 DER, as Cognito answers (no PEM armour). */
export function getSigningCertificate(ctx: Ctx, input: Input) {
  const pool: Pool = poolOf(ctx, input);
  pool.signingCertificate ??= selfSignedCertificate(pool.id, ctx.clock.now()).toString('base64');
  return { Certificate: pool.signingCertificate };
}
