// `npm run bench [name ...]`: runs each bench/<name>.bench.ts (all by default) in one process,
// one after another, and prints its table; then a summary of the headline figures, each with
// its peer and ratio from this run. Results go to bench/results/latest.json, from which
// `npm run bench:readme` regenerates the README's benchmark table.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './machine.js';
import { table } from './markdown.js';
import type { BenchSection, SummaryRow } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
const unknown = wanted.filter((w) => !names.includes(w));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')})`);
  process.exit(2);
}

const startedAt = new Date();
const results: Record<string, BenchSection> = {};
for (const name of names) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { run(): Promise<BenchSection> };
  const section = await mod.run();
  results[name] = section;
  console.log(`\n## ${section.title}\n\n${table(section.rows)}`);
  for (const note of section.notes ?? []) console.log(`- ${note}`);
}
const summary: SummaryRow[] = names.flatMap((n) => results[n]!.summary ?? []);
const host = machine();
if (summary.length > 0) {
  console.log(`\n## Summary: each figure beside its peer, this run (${startedAt.toISOString().slice(0, 10)}, ${host.description})\n\n${table(summary.map((s) => ({ what: s.figure, nextstep: s.nextstep, peer: s.peer, ratio: s.ratio })))}`);
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify({ date: startedAt.toISOString(), node: process.version, machine: host, benches: names, summary, results }, null, 2));
