// `node --expose-gc --conditions=@nextstep/source --import tsx bench/client-heap-diff.ts [client] [flows]`:
// what one flow parked at its SMS MFA step retains. Parks `flows` flows between two heap
// snapshots and prints the objects (by constructor / type) that grew, per parked flow.
import { getHeapSnapshot } from 'node:v8';
import { CLIENTS, USERS, type ClientName } from './client-impls.js';
import { startServer } from './client.bench.js';

const name = (process.argv[2] ?? 'nextstep-default') as ClientName;
const flows = Number(process.argv[3] ?? 300);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

async function census(): Promise<Map<string, { count: number; size: number }>> {
  await new Promise((r) => setTimeout(r, 50));
  gc!();
  gc!();
  const chunks: Buffer[] = [];
  for await (const c of getHeapSnapshot()) chunks.push(c as Buffer);
  const snap = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const f = snap.snapshot.meta.node_fields as string[];
  const types = snap.snapshot.meta.node_types[0] as string[];
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out = new Map<string, { count: number; size: number }>();
  const nodes = snap.nodes as number[];
  for (let i = 0; i < nodes.length; i += f.length) {
    const type = types[nodes[i + ti!]!]!;
    const label = type === 'object' || type === 'closure' ? `${type} ${snap.strings[nodes[i + ni!]!]}`.slice(0, 90) : type;
    const e = out.get(label) ?? { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + si!]!;
    out.set(label, e);
  }
  return out;
}

const server = await startServer();
const client = CLIENTS[name](server.endpoint);
const keep: unknown[] = [];
for (let i = 0; i < 20; i++) await client.signIn(USERS.mfa, 'USER_PASSWORD_AUTH', 'SMS');
const a = await census();
for (let i = 0; i < flows; i++) keep.push(await client.signIn(USERS.mfa, 'USER_PASSWORD_AUTH', 'SMS'));
const b = await census();
const rows = [...b].map(([k, v]) => ({ k, count: (v.count - (a.get(k)?.count ?? 0)) / flows, bytes: (v.size - (a.get(k)?.size ?? 0)) / flows })).filter((r) => r.bytes > 4);
rows.sort((p, q) => q.bytes - p.bytes);
console.log(`${name}: per parked flow, total ${rows.reduce((t, r) => t + r.bytes, 0).toFixed(0)} B (growth > 4 B only)`);
for (const r of rows.slice(0, 40)) console.log(`${r.bytes.toFixed(0).padStart(6)} B ${r.count.toFixed(2).padStart(6)}×  ${r.k}`);
await server.stop();
console.log(keep.length);
