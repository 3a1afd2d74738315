#!/usr/bin/env node
// Builds the package in the current directory: one bundled ESM file per entry with esbuild,
// then declaration files with tsc. The entries are read from package.json: every source file
// named by the `@nextstep/source` condition in `exports` and `imports` (so a new export entry
// needs no change here), plus any extra source files given as arguments (e.g. a CLI that a
// bin script imports). `src/x/y.ts` is bundled to `dist/x/y.js`; code shared by two entries
// goes to one chunk under dist/chunks/, so a class (AuthError) has one identity across entries.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const SOURCE = '@nextstep/source';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every string under a `@nextstep/source` key, at any depth of an exports/imports map. */
function sourceTargets(map, inSource = false, out = new Set()) {
  if (typeof map === 'string') {
    if (inSource) out.add(map);
  } else if (map && typeof map === 'object') {
    for (const [key, value] of Object.entries(map)) sourceTargets(value, inSource || key === SOURCE, out);
  }
  return out;
}

const entries = [...sourceTargets(pkg.exports), ...sourceTargets(pkg.imports), ...process.argv.slice(2)].map((p) => p.replace(/^\.\//, ''));
for (const entry of entries) {
  if (!/^src\/.+\.ts$/.test(entry)) throw new Error(`${pkg.name}: entry ${entry} is not a src/**/*.ts file`);
}

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: [...new Set(entries)],
  outdir: 'dist',
  outbase: 'src',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Dependencies, peers, Node built-ins and the package's own `#imports` (resolved at run
  // time by the importer's conditions: node/browser variants) stay imports.
  packages: 'external',
  external: ['#*', 'node:*'],
  legalComments: 'inline',
  logLevel: 'warning',
});

// Declarations only, next to the bundles (same paths as src/ -> dist/).
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
