// Cold import in Node: a fresh `node` process per sample that imports one module and exits,
// minus a bare `node -e 0` measured in the same rounds (interleaved, so machine noise hits
// every row alike). Our packages load from their built dist (what npm users get), so the
// bench builds core first when its dist is missing or older than a source file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.IMPORT_BENCH_ROUNDS ?? 25);

interface Case {
  name: string;
  /** Script for `node --input-type=module -e` (or `-e` for CommonJS). */
  script: string;
  cjs?: boolean;
}

const CASES: Case[] = [
  { name: 'node -e 0 (baseline)', script: '0', cjs: true },
  { name: '@nextstep/core (ESM import)', script: `await import('@nextstep/core')` },
  { name: '@nextstep/core (require)', script: `require('@nextstep/core')`, cjs: true },
  { name: 'amazon-cognito-identity-js (ESM import)', script: `await import('amazon-cognito-identity-js')` },
  { name: 'amazon-cognito-identity-js (require)', script: `require('amazon-cognito-identity-js')`, cjs: true },
  { name: 'aws-amplify/auth (ESM import)', script: `await import('aws-amplify'); await import('aws-amplify/auth')` },
];

/** Wall time of the whole process, and the time of the import itself inside it (less noisy on a busy machine). */
function sample(c: Case): { wall: number; inside: number } {
  const script = `const t0 = performance.now(); ${c.script}; process.stdout.write(String(performance.now() - t0));`;
  const args = c.cjs ? ['-e', script] : ['--input-type=module', '-e', script];
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
  return { wall, inside: Number(r.stdout.toString()) };
}

/** True when core's Node dist is missing or older than one of its source files. */
function distStale(): boolean {
  const built = join(root, 'packages/core/dist/node/index.js');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const src = join(root, 'packages/core/src');
  return readdirSync(src, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.ts') && statSync(join(src, f)).mtimeMs > builtAt);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function run(): Promise<BenchSection> {
  if (distStale()) {
    execFileSync('npm', ['run', 'build', '-w', 'packages/core'], { cwd: root, stdio: 'ignore' });
  }
  const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  const inside = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  for (const c of CASES) sample(c); // warm the file-system cache
  for (let i = 0; i < ROUNDS; i++) {
    for (const c of CASES) {
      const s = sample(c);
      times.get(c.name)!.push(s.wall);
      inside.get(c.name)!.push(s.inside);
    }
  }
  const base = times.get(CASES[0]!.name)!;
  const baseMin = Math.min(...base);
  const baseMed = median(base);
  const over = new Map<string, { min: number; med: number }>();
  const rows = CASES.map((c) => {
    const t = times.get(c.name)!;
    const o = { min: Math.min(...t) - baseMin, med: median(t) - baseMed };
    over.set(c.name, o);
    return {
      module: c.name,
      'min (ms)': Math.min(...t).toFixed(1),
      'median (ms)': median(t).toFixed(1),
      'over baseline, min (ms)': o.min.toFixed(1),
      'over baseline, median (ms)': o.med.toFixed(1),
      'import inside the process, median (ms)': median(inside.get(c.name)!).toFixed(1),
    };
  });
  const core = over.get('@nextstep/core (ESM import)')!;
  const acij = over.get('amazon-cognito-identity-js (ESM import)')!;
  const amplify = over.get('aws-amplify/auth (ESM import)')!;
  const notes = [
    `core over baseline (median): ${core.med.toFixed(1)} ms; goal <= 15 ms.`,
    `ratio core / amazon-cognito-identity-js (ESM, median over baseline): ${(core.med / acij.med).toFixed(2)}; core / aws-amplify: ${(core.med / amplify.med).toFixed(2)}.`,
    'The last column times the import from inside the fresh process (no Node start-up): on a busy machine it is the steadier figure.',
    `${ROUNDS} interleaved rounds of fresh processes (IMPORT_BENCH_ROUNDS), Node ${process.version}; our packages from dist/.`,
  ];
  return { title: 'Cold import in Node (fresh process, over `node -e 0`)', rows, notes };
}
