// SRP client CPU per USER_SRP_AUTH step (SRP_A + PASSWORD_CLAIM_SIGNATURE): core's Node fast
// path and pure BigInt path, side by side with amazon-cognito-identity-js, aws-amplify v6 and
// a bare node:crypto floor, interleaved in one process. Every step's signature is checked
// against an independent server computation, outside the timed region.
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTimestamp, startSrp } from '../packages/core/src/srp/index.js';
import { modPow as modPowBigInt } from '../packages/core/src/srp/modpow-bigint.js';
import { modPow as modPowNode } from '../packages/core/src/srp/modpow-node.js';
import * as webDigest from '../packages/core/src/srp/digest-web.js';
import { expectedSignature, makeChallenge, makeVerifier, N, refK, refPadHex, type Challenge, type Verifier } from '../packages/core/src/test-support/srp-server.js';
import { ratio as times, type BenchSection } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const require = createRequire(join(root, 'noop.js'));
const version = (pkg: string) => (require(join(root, pkg, 'package.json')) as { version: string }).version;

const POOL_ID = 'us-east-1_AbCdEfGhI';
const POOL_NAME = 'AbCdEfGhI';
const USER = 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PASSWORD = 'Correct-Horse-Battery-9!';

interface Step {
  Ahex: string;
  signature: string;
  timestamp: string;
}
interface Impl {
  label: string;
  version: string;
  run(ch: Challenge): Promise<Step>;
}

function coreImpl(label: string, modPow: typeof modPowNode, digest?: typeof webDigest): Impl {
  return {
    label,
    version: '@nextstep/core ' + version('../packages/core'),
    async run(ch) {
      const s = await startSrp(digest ? { modPow, digest } : { modPow });
      const out = await s.claim({ userPoolId: POOL_ID, userIdForSrp: USER, password: PASSWORD, salt: ch.params.SALT, srpB: ch.params.SRP_B, secretBlock: ch.params.SECRET_BLOCK });
      return { Ahex: s.A, signature: out.PASSWORD_CLAIM_SIGNATURE, timestamp: out.TIMESTAMP };
    },
  };
}

function cognitoIdentityJs(): Impl {
  const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper').default;
  const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
  return {
    label: 'amazon-cognito-identity-js',
    version: version('amazon-cognito-identity-js'),
    async run(ch) {
      const h = new AuthenticationHelper(POOL_NAME);
      let Ahex = '';
      h.getLargeAValue((e: unknown, A: { toString(radix: number): string }) => {
        if (e) throw e;
        Ahex = A.toString(16);
      });
      let key: Buffer = Buffer.alloc(0);
      h.getPasswordAuthenticationKey(ch.params.USER_ID_FOR_SRP, PASSWORD, new BigInteger(ch.params.SRP_B, 16), new BigInteger(ch.params.SALT, 16), (e: unknown, k: Buffer) => {
        if (e) throw e;
        key = k;
      });
      const timestamp = formatTimestamp(new Date());
      const signature = createHmac('sha256', key).update(POOL_NAME).update(ch.params.USER_ID_FOR_SRP).update(Buffer.from(ch.params.SECRET_BLOCK, 'base64')).update(timestamp).digest('base64');
      return { Ahex, signature, timestamp };
    },
  };
}

function amplify(): Impl {
  const base = join(root, '@aws-amplify/auth/dist/cjs/providers/cognito/utils/srp');
  const srp = require(base);
  const { BigInteger } = require(join(base, 'BigInteger'));
  return {
    label: 'aws-amplify v6',
    version: `aws-amplify ${version('aws-amplify')} (@aws-amplify/auth ${version('@aws-amplify/auth')})`,
    async run(ch) {
      const h = await srp.getAuthenticationHelper(POOL_NAME);
      const Ahex = h.A.toString(16);
      const hkdf = await h.getPasswordAuthenticationKey({ username: ch.params.USER_ID_FOR_SRP, password: PASSWORD, serverBValue: new BigInteger(ch.params.SRP_B, 16), salt: new BigInteger(ch.params.SALT, 16) });
      const timestamp = srp.getNowString();
      const signature = srp.getSignatureString({ userPoolName: POOL_NAME, username: ch.params.USER_ID_FOR_SRP, challengeParameters: ch.params, dateNow: timestamp, hkdf });
      return { Ahex, signature, timestamp };
    },
  };
}

// The floor: the same three modexps in OpenSSL and node:crypto hashes, synchronous, no checks.
function floor(): Impl {
  const dh = createDiffieHellman(Buffer.from(N.toString(16), 'hex'), 2);
  const bytes = (x: bigint) => Buffer.from(refPadHex(x), 'hex');
  const hex = (b: Buffer) => BigInt('0x' + b.toString('hex'));
  const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();
  return {
    label: 'node:crypto DH modexp + HMAC (floor)',
    version: `node ${process.version} / OpenSSL ${process.versions.openssl}`,
    async run(ch) {
      const aBytes = randomBytes(128);
      dh.setPrivateKey(aBytes);
      const A = hex(dh.computeSecret(Buffer.from([2])));
      const a = hex(aBytes);
      const B = BigInt('0x' + ch.params.SRP_B);
      const u = hex(sha(Buffer.concat([bytes(A), bytes(B)])));
      const x = hex(sha(Buffer.concat([bytes(BigInt('0x' + ch.params.SALT)), sha(`${POOL_NAME}${USER}:${PASSWORD}`)])));
      dh.setPrivateKey(bytes(x));
      const gx = hex(dh.computeSecret(Buffer.from([2])));
      const base = (((B - refK * gx) % N) + N) % N;
      dh.setPrivateKey(bytes(a + u * x));
      const S = hex(dh.computeSecret(bytes(base)));
      const prk = createHmac('sha256', bytes(u)).update(bytes(S)).digest();
      const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16);
      const timestamp = formatTimestamp(new Date());
      const signature = createHmac('sha256', key).update(POOL_NAME).update(USER).update(Buffer.from(ch.params.SECRET_BLOCK, 'base64')).update(timestamp).digest('base64');
      return { Ahex: A.toString(16), signature, timestamp };
    },
  };
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  return { min: s[0]!, median: s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2 };
};
const round = (x: number) => Math.round(x * 100) / 100;

/** `npm run bench srp`; SRP_BENCH_RUNS and SRP_BENCH_WARMUP override the counts (30 and 3). */
export async function run(): Promise<BenchSection> {
  const runs = Number(process.env.SRP_BENCH_RUNS ?? 30);
  const warmup = Number(process.env.SRP_BENCH_WARMUP ?? 3);
  const impls: Impl[] = [coreImpl('core, Node path (OpenSSL modexp, node:crypto hashes)', modPowNode), coreImpl('core, pure BigInt path + Web Crypto (as in browsers)', modPowBigInt, webDigest), floor(), cognitoIdentityJs(), amplify()];
  const ver: Verifier = makeVerifier(POOL_NAME, USER, PASSWORD, randomBytes(16).toString('hex'));
  const challenges = Array.from({ length: 8 }, () => makeChallenge(ver, undefined, randomBytes(1024).toString('base64')));
  const wall = impls.map(() => [] as number[]);
  const cpu = impls.map(() => [] as number[]);
  const verified = impls.map(() => 0);
  // Round-robin, so machine noise spreads over every implementation alike.
  for (let i = 0; i < warmup + runs; i++) {
    const ch = challenges[i % challenges.length]!;
    for (const [j, impl] of impls.entries()) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const step = await impl.run(ch);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const c = process.cpuUsage(c0);
      if (step.signature === expectedSignature(ver, ch, step.Ahex, step.timestamp)) verified[j]!++;
      if (i >= warmup) {
        wall[j]!.push(ms);
        cpu[j]!.push((c.user + c.system) / 1000);
      }
    }
  }
  const stats = impls.map((_, j) => ({ wall: stat(wall[j]!), cpu: stat(cpu[j]!) }));
  const rows = impls.map((impl, j) => ({
    implementation: impl.label,
    version: impl.version,
    'CPU min ms': round(stats[j]!.cpu.min),
    'CPU median ms': round(stats[j]!.cpu.median),
    'wall min ms': round(stats[j]!.wall.min),
    'wall median ms': round(stats[j]!.wall.median),
    verified: `${verified[j]}/${warmup + runs}`,
  }));
  const [coreNode, coreBig, fl, cij, amp] = stats;
  const ratio = (p: number, q: number) => (p / q).toFixed(2);
  const mm = (s: { cpu: { min: number; median: number } }) => `${round(s.cpu.min)} / ${round(s.cpu.median)} ms`;
  return {
    title: 'SRP: one USER_SRP_AUTH client step (SRP_A + PASSWORD_CLAIM_SIGNATURE)',
    rows,
    notes: [
      `${runs} timed runs after ${warmup} warm-ups, implementations interleaved. CPU ms is the process's user+system time over the step (Web Crypto's worker threads included); wall ms also counts waiting for a core on a busy machine.`,
      `core Node path / floor (CPU): ${ratio(coreNode!.cpu.min, fl!.cpu.min)}× (min), ${ratio(coreNode!.cpu.median, fl!.cpu.median)}× (median); wall: ${ratio(coreNode!.wall.min, fl!.wall.min)}× (min); target ≤ 1.5×.`,
      `core BigInt path / aws-amplify (CPU): ${ratio(coreBig!.cpu.min, amp!.cpu.min)}× (min), ${ratio(coreBig!.cpu.median, amp!.cpu.median)}× (median); wall: ${ratio(coreBig!.wall.min, amp!.wall.min)}× (min); goal ≤ 16 ms median and ≤ 0.08× (issue #16).`,
      'The BigInt path builds its fixed-base tables for g = 2 on its first call (a warm-up run here); see packages/core/src/srp/modpow-fixed-base.ts for their cost.',
    ],
    summary: [
      { figure: 'SRP client step, CPU min / median, Node path', nextstep: mm(coreNode!), peer: `node:crypto floor ${mm(fl!)}`, ratio: `${times(coreNode!.cpu.median, fl!.cpu.median)} (median)` },
      {
        figure: 'SRP client step, CPU min / median, pure BigInt (browsers)',
        nextstep: mm(coreBig!),
        peer: `aws-amplify v6 ${mm(amp!)}; amazon-cognito-identity-js ${mm(cij!)}`,
        ratio: `${times(coreBig!.cpu.median, amp!.cpu.median)} of Amplify (median)`,
      },
    ],
  };
}
