// `npm run bench client`: client CPU per SRP sign-in to DONE, nextstep beside
// amazon-cognito-identity-js against the same emulator, and the heap each client keeps per
// sign-in flow parked at an SMS MFA step (1,000 flows).
//
// The emulator runs in a child process, so this process's CPU clock (process.cpuUsage: all
// threads, libuv's crypto pool included) counts client work only. Clients are interleaved
// sign-in by sign-in so machine noise spreads over all of them alike. The memory figure runs
// each client in a fresh child process with --expose-gc.
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CLIENTS, USERS, serverConfig, type Client, type ClientName } from './client-impls.js';
import { ratio as times, type BenchSection } from './types.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const NODE_ARGS = ['--conditions=@nextstep/source', '--import', 'tsx'];

/** Starts the emulator child; resolves with its endpoint and a stop function. */
export async function startServer(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...NODE_ARGS, here('./client-server.ts'), JSON.stringify(serverConfig)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => { throw new Error('emulator child exited'); })])) as [string];
  const { endpoint } = JSON.parse(first) as { endpoint: string };
  return {
    endpoint,
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  return { min: s[0]!, median: s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2 };
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

/** Client CPU and wall time per USER_SRP_AUTH sign-in to DONE, interleaved. */
async function cpuPerSignIn(clients: Client[], runs: number, warmup: number) {
  const cpu = clients.map(() => [] as number[]);
  const wall = clients.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    for (const [j, c] of clients.entries()) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await c.signIn(USERS.done, 'USER_SRP_AUTH', 'DONE');
      const ms = performance.now() - t0;
      const used = cpuMs(process.cpuUsage(c0));
      if (i >= warmup) {
        cpu[j]!.push(used);
        wall[j]!.push(ms);
      }
    }
  }
  return clients.map((_, j) => ({ cpu: stat(cpu[j]!), wall: stat(wall[j]!) }));
}

async function heapPerFlow(name: ClientName, endpoint: string, count: number, flow: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', ...NODE_ARGS, here('./client-memory.ts'), name, endpoint, String(count), flow], { maxBuffer: 1 << 20 });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { bytesPerFlow: number }).bytesPerFlow;
}

/** `npm run bench client`; CLIENT_BENCH_RUNS (20), CLIENT_BENCH_FLOWS (1000) override the counts. */
export async function run(): Promise<BenchSection> {
  const runs = Number(process.env.CLIENT_BENCH_RUNS ?? 20);
  const flows = Number(process.env.CLIENT_BENCH_FLOWS ?? 1000);
  const server = await startServer();
  try {
    const names = Object.keys(CLIENTS) as ClientName[];
    const clients = names.map((n) => CLIENTS[n](server.endpoint));
    const timing = await cpuPerSignIn(clients, runs, 3);
    const memory: Record<string, number> = {};
    for (const n of names) memory[n] = await heapPerFlow(n, server.endpoint, flows, 'USER_PASSWORD_AUTH');
    memory['nextstep-default, USER_SRP_AUTH'] = await heapPerFlow('nextstep-default', server.endpoint, flows, 'USER_SRP_AUTH');

    const rows: BenchSection['rows'] = clients.map((c, j) => ({
      client: c.label,
      version: c.version,
      'CPU min ms': round(timing[j]!.cpu.min),
      'CPU median ms': round(timing[j]!.cpu.median),
      'wall median ms': round(timing[j]!.wall.median),
      'heap per parked flow (KB)': round(memory[names[j]!]! / 1024),
    }));
    const cij = timing[names.indexOf('amazon-cognito-identity-js')]!;
    const ratio = (p: number, q: number) => (p / q).toFixed(3);
    const notes = names
      .filter((n) => n !== 'amazon-cognito-identity-js')
      .map((n, j) => `${clients[j]!.label} / amazon-cognito-identity-js, CPU per sign-in: ${ratio(timing[j]!.cpu.min, cij.cpu.min)}× (min), ${ratio(timing[j]!.cpu.median, cij.cpu.median)}× (median); heap per parked flow: ${ratio(memory[n]!, memory['amazon-cognito-identity-js']!)}×.`);
    notes.push(
      `CPU: ${runs} USER_SRP_AUTH sign-ins to DONE per client after 3 warm-ups, interleaved; the emulator runs in a child process, so the figure is client work only (HTTP, JSON, SRP, flow machinery, hooks). Goal for nextstep: ≤ 7 ms.`,
      `Heap: ${flows} flows per client, parked at SMS_MFA after USER_PASSWORD_AUTH (the same two calls for every client), each client in a fresh process; heapUsed after a full GC, minus the baseline after 20 warm-up flows, over ${flows}. nextstep (default transport) after USER_SRP_AUTH: ${round(memory['nextstep-default, USER_SRP_AUTH']! / 1024)} KB per flow.`,
    );
    const at = (n: ClientName) => timing[names.indexOf(n)]!;
    const mm = (t: { cpu: { min: number; median: number } }) => `${round(t.cpu.min)} / ${round(t.cpu.median)} ms`;
    const kb = (n: string) => `${round(memory[n]! / 1024)} KB`;
    const summary = [
      { figure: 'client CPU per SRP sign-in to DONE, Node, min / median (default transport)', nextstep: mm(at('nextstep-default')), peer: `amazon-cognito-identity-js ${mm(cij)}`, ratio: `${times(at('nextstep-default').cpu.median, cij.cpu.median, 3)} (median)` },
      { figure: 'same, with the opt-in node:http transport (@nextstep/core/node-http-transport)', nextstep: mm(at('nextstep-node-http')), peer: `amazon-cognito-identity-js ${mm(cij)}`, ratio: `${times(at('nextstep-node-http').cpu.median, cij.cpu.median, 3)} (median)` },
      { figure: 'same, with the SDK transport (@nextstep/core/sdk-transport)', nextstep: mm(at('nextstep-sdk')), peer: `amazon-cognito-identity-js ${mm(cij)}`, ratio: `${times(at('nextstep-sdk').cpu.median, cij.cpu.median, 3)} (median)` },
      { figure: `heap per flow parked at an MFA step (${flows} flows, default transport)`, nextstep: kb('nextstep-default'), peer: `amazon-cognito-identity-js ${kb('amazon-cognito-identity-js')}`, ratio: times(memory['nextstep-default']!, memory['amazon-cognito-identity-js']!) },
      { figure: `same, with the opt-in node:http transport`, nextstep: kb('nextstep-node-http'), peer: `amazon-cognito-identity-js ${kb('amazon-cognito-identity-js')}`, ratio: times(memory['nextstep-node-http']!, memory['amazon-cognito-identity-js']!) },
    ];
    return { title: 'Client: CPU per SRP sign-in to DONE, heap per flow parked at MFA (Node, same emulator)', rows, notes, summary };
  } finally {
    await server.stop();
  }
}
