// `node --conditions=@nextstep/source --import tsx bench/client-profile.ts [client] [runs]`:
// profiles one client's USER_SRP_AUTH sign-ins to DONE (the emulator in a child process)
// with the V8 CPU profiler and prints where the client's time goes: self time by function
// and by area (SRP, HTTP, JSON, AWS SDK, flow machinery, hooks, ...), in ms per sign-in.
// Optionally writes the raw profile (for Chrome DevTools) to CLIENT_PROFILE_OUT.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { CLIENTS, USERS, type ClientName } from './client-impls.js';
import { startServer } from './client.bench.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const name = (process.argv[2] ?? 'nextstep-default') as ClientName;
const runs = Number(process.argv[3] ?? 200);

// nextstep runs as one esbuild bundle (client-build.ts): its `// packages/...` module
// comments map a line of the bundle back to the source file.
const bundles = new Map<string, [number, string][]>();
function sourceOf(url: string, line: number): string {
  if (!url.includes('.cache/nextstep-bench/')) return url;
  let starts = bundles.get(url);
  if (!starts) {
    starts = [];
    for (const [i, text] of readFileSync(fileURLToPath(url), 'utf8').split('\n').entries()) {
      const m = /^\/\/ ((?:packages|bench)\/\S+)$/.exec(text);
      if (m) starts.push([i, m[1]!]);
    }
    bundles.set(url, starts);
  }
  let found = url;
  for (const [start, path] of starts) if (start <= line) found = path;
  return found;
}

/** The area a function belongs to, from its script URL (and name for V8 internals). */
export function area(url: string, fn: string): string {
  if (/packages\/core\/src\/srp\//.test(url)) return 'core srp/';
  if (/packages\/core\/src\/hooks\//.test(url) || /node_modules\/tapable\//.test(url)) return 'hooks (core hooks/, tapable)';
  if (/packages\/core\/src\/transport\//.test(url)) return 'core transport/';
  if (/packages\/core\/src\//.test(url)) return 'core flow machinery (auth, flow, engine, builtin, ...)';
  if (/packages\/plugin-/.test(url)) return 'plugins';
  if (/node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(url)) return 'AWS SDK client (smithy middleware, serde)';
  if (/node_modules\/(undici|amazon-cognito-identity-js)/.test(url)) return url.match(/node_modules\/([^/]+)/)![1]!;
  if (/node:(_http|http|net|_stream|stream|internal\/(http|streams|net|stream_base|dns|url))|node:internal\/deps\/undici/.test(url)) return 'node HTTP, net, streams';
  if (/node:internal\/crypto|node:crypto/.test(url)) return 'node:crypto';
  if (url.startsWith('node:')) return 'other node internals';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)' || fn === '(idle)') return fn;
  if (url === '') return `V8 builtins / natives (${fn === '' ? 'anonymous' : fn.startsWith('JSON') ? 'JSON' : 'other'})`;
  if (/node_modules\/tsx\//.test(url)) return 'tsx loader';
  return 'other: ' + url.replace(/^.*node_modules\//, '').slice(0, 60);
}

async function main(): Promise<void> {
  const server = await startServer();
  const client = CLIENTS[name](server.endpoint);
  for (let i = 0; i < 10; i++) await client.signIn(USERS.done, 'USER_SRP_AUTH', 'DONE');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const c0 = process.cpuUsage();
  await session.post('Profiler.start');
  for (let i = 0; i < runs; i++) await client.signIn(USERS.done, 'USER_SRP_AUTH', 'DONE');
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  const cpu = process.cpuUsage(c0);
  await server.stop();
  if (process.env.CLIENT_PROFILE_OUT) writeFileSync(process.env.CLIENT_PROFILE_OUT, JSON.stringify(profile));

  // Self time per node from the sample deltas (µs).
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, lineNumber } = node.callFrame;
    const url = sourceOf(node.callFrame.url, lineNumber);
    if (functionName === '(idle)') continue;
    total += us;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
  }
  const per = (us: number) => (us / 1000 / runs).toFixed(3);
  console.log(`${client.label}: ${runs} sign-ins; process CPU ${((cpu.user + cpu.system) / 1000 / runs).toFixed(2)} ms per sign-in; main-thread samples (non-idle) ${per(total)} ms per sign-in`);
  console.log('\nms per sign-in by area (self time):');
  for (const [a, us] of [...byArea].sort((p, q) => q[1] - p[1])) console.log(`  ${per(us).padStart(7)}  ${a}`);
  console.log('\ntop 30 functions (self time, ms per sign-in):');
  for (const [f, us] of [...byFn].sort((p, q) => q[1] - p[1]).slice(0, 30)) console.log(`  ${per(us).padStart(7)}  ${f}`);
}

await main();
