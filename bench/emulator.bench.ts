// `npm run bench emulator`: SRP sign-ins per second the emulator serves.
//
// The emulator runs in this (main) thread; the clients run in worker threads, which compute
// the client half of SRP (3 modular exponentiations per sign-in) so the server thread only
// does server work. On a 2-core machine clients and server still share the CPU: the figure is
// the throughput of the whole system, and the server thread's event-loop utilisation says how
// close the server itself was to saturation.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startEmulator } from '../packages/emulator/src/index.js';
import type { BenchSection } from './types.js';

const POOL = 'us-east-1_bench';
const CLIENT = 'bench-client';
const WORKERS = 2;
const CONCURRENCY_PER_WORKER = 25;
const DURATION_MS = 10_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<BenchSection> {
  const users = Array.from({ length: 100 }, (_, i) => ({ username: `bench${i}`, password: randomBytes(12).toString('base64') }));
  const emu = await startEmulator({ config: { pools: [{ id: POOL, clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }], users }] } });
  try {
    const elu0 = performance.eventLoopUtilization();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: WORKERS }, () =>
        new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
          const w = new Worker(new URL('./emulator.worker-boot.mjs', import.meta.url), {
            workerData: { endpoint: emu.endpoint, userPoolId: POOL, clientId: CLIENT, users, concurrency: CONCURRENCY_PER_WORKER, durationMs: DURATION_MS },
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;
    const elu = performance.eventLoopUtilization(elu0);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const failures = results.reduce((n, r) => n + r.failures, 0);
    const perSecond = latencies.length / elapsed;
    return {
      title: 'Emulator: concurrent SRP sign-ins (USER_SRP_AUTH + PASSWORD_VERIFIER, RS256 tokens)',
      rows: [
        { metric: 'sign-ins per second', value: perSecond.toFixed(1) },
        { metric: 'sign-ins completed', value: latencies.length },
        { metric: 'failures', value: failures },
        { metric: 'latency p50 (ms)', value: percentile(latencies, 50).toFixed(1) },
        { metric: 'latency p95 (ms)', value: percentile(latencies, 95).toFixed(1) },
        { metric: 'server event-loop utilisation', value: `${(elu.utilization * 100).toFixed(0)}%` },
      ],
      notes: [
        `${WORKERS} worker threads × ${CONCURRENCY_PER_WORKER} concurrent sign-in loops for ${DURATION_MS / 1000} s, keep-alive HTTP on 127.0.0.1, Node ${process.version}.`,
        'Each sign-in is two HTTP calls; the client half of SRP runs in the workers, the server half, token signing and HTTP in the main thread; all share the machine\'s cores.',
      ],
    };
  } finally {
    await emu.close();
  }
}
