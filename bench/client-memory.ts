// Child process of bench/client.bench.ts (run with --expose-gc): parks `count` sign-in flows
// of one client at their SMS MFA step and reports the retained heap per flow as JSON.
import { CLIENTS, USERS, type ClientName, type Flow } from './client-impls.js';

const [name, endpoint, countArg, flowType] = process.argv.slice(2) as [ClientName, string, string, Flow];
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const client = CLIENTS[name](endpoint);
const settle = () => new Promise((r) => setTimeout(r, 20));
// A loaded machine may drop a connection now and then; a flow that fails is simply retried.
async function park(): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.signIn(USERS.mfa, flowType, 'SMS');
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

// Warm up: load every module and open the keep-alive sockets before the baseline.
const warm: unknown[] = [];
for (let i = 0; i < 20; i++) warm.push(await park());
warm.length = 0;
for (let i = 0; i < 3; i++) {
  await settle();
  gc();
}
const before = process.memoryUsage().heapUsed;
const parked: unknown[] = [];
const BATCH = 25;
for (let i = 0; i < count; i += BATCH) {
  parked.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, park))));
}
// FinalizationRegistry callbacks (undici drops its abort listeners in them) run after a GC,
// on a later turn: collect, let them run, collect again, so the figure is what a flow keeps.
for (let i = 0; i < 3; i++) {
  await settle();
  gc();
}
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ flows: parked.length, bytesPerFlow: (after - before) / parked.length }) + '\n');
process.exit(0);
