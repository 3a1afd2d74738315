#!/usr/bin/env node
// Builds the package in the current directory: one bundled ESM file per entry with esbuild,
// then declaration files with tsc. The entries are read from package.json: every source file
// named by the `@nextstep/source` condition in `exports` and `imports` (so a new export entry
// needs no change here), plus any extra source files given as arguments (e.g. a CLI that a
// bin script imports). `src/x/y.ts` is bundled to `dist/x/y.js`; code shared by two entries
// goes to one chunk under dist/chunks/, so a class (AuthError) has one identity across entries.
//
// Adding an export entry: one object in package.json, nothing here, e.g. for core
//   "./plugin": { "@nextstep/source": "./src/plugin.ts", "types": "./dist/plugin.d.ts",
//                 "module": "./dist/plugin.js", "node": "./dist/node/plugin.js", "import": "./dist/plugin.js",
//                 "default": "./dist/plugin.js" }
// (`module`/`node` only in packages whose other entries have them: core). Bundlers match
// `module` first and get the platform-neutral build, whose `#imports` they resolve for their
// target; Node has no `module` condition and gets the Node build. The `@nextstep/source`
// condition is stripped from the tarball by scripts/pack-manifest.mjs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

// Entries whose exports also name a `node` target get a Node build as well: the `#imports`
// resolved at build time to their node variants (one file instead of four) and CommonJS
// dependencies loaded with require() instead of through the ESM loader's CommonJS
// translation (for tapable that is most of core's cold import time in Node).
const nodeEntries = Object.values(pkg.exports ?? {})
  .filter((value) => value && typeof value === 'object' && typeof value.node === 'string')
  .map((value) => value[SOURCE].replace(/^\.\//, ''));
// One build per runtime must hold every entry, or a class would exist twice under Node (the
// main entry's AuthError from dist/node, another entry's from dist/): all or none get `node`.
const exportEntries = Object.entries(pkg.exports ?? {}).filter(([, v]) => v && typeof v === 'object' && typeof v[SOURCE] === 'string');
const withoutNode = exportEntries.filter(([, v]) => typeof v.node !== 'string').map(([k]) => k);
if (nodeEntries.length > 0 && withoutNode.length > 0) {
  throw new Error(`${pkg.name}: exports ${withoutNode.join(', ')} lack the "node" target the other entries have (e.g. "node": "./dist/node/<name>.js")`);
}
if (nodeEntries.length > 0) {
  const cjsDeps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(isCommonJs);
  await build({
    entryPoints: nodeEntries,
    outdir: 'dist/node',
    outbase: 'src',
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: [SOURCE, 'node'],
    packages: 'external',
    banner: { js: cjsDeps.length ? "import { createRequire as __nextstepCreateRequire } from 'node:module';\nconst require = __nextstepCreateRequire(import.meta.url);" : '' },
    plugins: [requireCommonJs(cjsDeps)],
    legalComments: 'inline',
    logLevel: 'warning',
  });
  for (const entry of nodeEntries) {
    const out = `dist/node/${entry.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
    if (!existsSync(out)) throw new Error(`${pkg.name}: node build did not write ${out}`);
  }
}

/** A dependency that ships CommonJS only (no `type: module`, no `import` condition). */
function isCommonJs(name) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(createRequire(join(process.cwd(), 'package.json')).resolve(`${name}/package.json`), 'utf8'));
  } catch {
    return false;
  }
  return manifest.type !== 'module' && !manifest.module && !JSON.stringify(manifest.exports ?? {}).includes('"import"');
}

/** esbuild plugin: `import x from 'dep/...'` of a CommonJS dep becomes a runtime require(). */
function requireCommonJs(deps) {
  const matches = (path) => deps.some((d) => path === d || path.startsWith(`${d}/`));
  return {
    name: 'require-commonjs',
    setup(b) {
      b.onResolve({ filter: /^[^.#/]/ }, (args) => {
        if (!matches(args.path)) return undefined;
        if (args.kind === 'require-call') return { path: args.path, external: true };
        return { path: args.path, namespace: 'require-commonjs' };
      });
      b.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}

// Declarations only, next to the bundles (same paths as src/ -> dist/).
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
