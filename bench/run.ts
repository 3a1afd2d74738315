// `npm run bench [name ...]`: runs each bench/<name>.ts (all by default) in one process, one
// after another, and prints its table; results go to bench/results/latest.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

function table(rows: BenchSection['rows']): string {
  if (rows.length === 0) return '(no rows)';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const line = (cells: (string | number | undefined)[]) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`;
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c])))].join('\n');
}

const results: Record<string, BenchSection> = {};
for (const name of names) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { run(): Promise<BenchSection> };
  const section = await mod.run();
  results[name] = section;
  console.log(`\n## ${section.title}\n\n${table(section.rows)}`);
  for (const note of section.notes ?? []) console.log(`- ${note}`);
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
