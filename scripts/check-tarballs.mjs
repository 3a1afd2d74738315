#!/usr/bin/env node
// `node scripts/check-tarballs.mjs [--out DIR]`: packs every published package (packages/*,
// already built), prints each tarball's files and sizes, and fails when a tarball holds a file
// that is not dist JS/declarations, README, LICENSE, package.json or a declared bin; when a
// file that package.json names (exports, imports, bin) is missing; or when the packed
// package.json still carries the monorepo-only `@nextstep/source` condition.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'nextstep-tarballs-')));
mkdirSync(out, { recursive: true });

const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/.+\.js$/, /^dist\/.+\.d\.ts$/];
const FORBIDDEN = [/\.test\./, /\.test-d\./, /\.map$/, /test-support/, /^src\//];

/** Every relative file path in an exports/imports/bin value. */
function targets(value, acc = new Set()) {
  if (typeof value === 'string') acc.add(value.replace(/^\.\//, ''));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) targets(v, acc);
  return acc;
}

let failed = 0;
const fail = (pkg, message) => {
  failed++;
  console.error(`FAIL ${pkg}: ${message}`);
};
const rows = [];
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const cwd = join(root, 'packages', dir);
  const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  let info;
  try {
    [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    process.stderr.write(error.stderr ?? '');
    throw error;
  } finally {
    // npm skips postpack when pack fails: put the original package.json back ourselves.
    execFileSync(process.execPath, [join(root, 'scripts', 'pack-manifest.mjs'), 'restore'], { cwd });
  }
  const packed = JSON.parse(execFileSync('tar', ['-xzOf', join(out, info.filename), 'package/package.json'], { encoding: 'utf8' }));
  const files = info.files.map((f) => f.path);
  // What `bin` and `exports` name may ship too (e.g. the emulator's config.schema.json for editors).
  const bins = targets(packed.exports ?? {}, targets(packed.bin ?? {}));
  console.log(`\n${info.name}@${info.version}: ${info.filename}, ${info.size} B packed, ${info.unpackedSize} B unpacked, ${info.entryCount} files`);
  for (const f of info.files) console.log(`  ${String(f.size).padStart(8)}  ${f.path}`);
  for (const f of files) {
    const ok = (ALLOWED.some((re) => re.test(f)) || bins.has(f)) && !FORBIDDEN.some((re) => re.test(f));
    if (!ok) fail(info.name, `unexpected file in the tarball: ${f}`);
  }
  for (const f of ['README.md', 'LICENSE']) if (!files.includes(f)) fail(info.name, `${f} is missing`);
  const named = [...targets(packed.exports ?? {}), ...targets(packed.imports ?? {}), ...bins, ...[packed.main, packed.types].filter(Boolean).map((p) => p.replace(/^\.\//, ''))];
  for (const f of named) if (!files.includes(f)) fail(info.name, `package.json names ${f}, which is not in the tarball`);
  if (JSON.stringify(packed).includes('@nextstep/source')) fail(info.name, 'the packed package.json still has the @nextstep/source condition');
  if (packed.license !== 'MIT') fail(info.name, 'license is not MIT');
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'engines']) if (!packed[field]) fail(info.name, `package.json has no ${field}`);
  for (const [dep, range] of Object.entries({ ...packed.dependencies, ...packed.peerDependencies })) {
    if (!/^[\^>]/.test(range)) fail(info.name, `${dep} is pinned to ${range}: use a caret range`);
  }
  rows.push(`| ${info.name} | ${info.size} | ${info.unpackedSize} | ${info.entryCount} |`);
}
console.log(`\n| package | packed (B) | unpacked (B) | files |\n|---|---|---|---|\n${rows.join('\n')}`);
if (values.out) console.log(`\ntarballs in ${out}`);
else rmSync(out, { recursive: true, force: true });
if (failed) {
  console.error(`${failed} tarball problem(s)`);
  process.exit(1);
}
