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
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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
if (nodeEntries.length > 0) await buildNode(nodeEntries);

/**
 * The Node build. Node pays for every ESM file it loads (resolve, read, compile, link:
 * 0.3–0.7 ms each) and esbuild's splitting makes one chunk per set of entries sharing code
 * (5 files for core's main entry). Here every entry that needs nothing beyond the package's
 * dependencies goes into one private chunk, dist/node/chunks/core.js, exporting each entry's
 * names with a prefix; the entry files only re-export from it. An entry that statically
 * imports an optional peer (core's sdk-transport: the AWS SDK) stays a bundle of its own,
 * its imports of modules core.js already holds rewritten to core.js, so classes (AuthError)
 * keep one identity and the main entry never loads the peer.
 */
async function buildNode(entries) {
  const cjsDeps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(isCommonJs);
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: [SOURCE, 'node'],
    packages: 'external',
    legalComments: 'inline',
    logLevel: 'warning',
  };
  // node:http(s) only for the opt-in node-http-transport entry, which shares core.js: loaded on its first request.
  const plugins = [requireCommonJs(cjsDeps), lazyBuiltin(['node:crypto', 'node:http', 'node:https'])];
  const banner = { js: cjsDeps.length ? "import { createRequire as __nextstepCreateRequire } from 'node:module';\nconst require = __nextstepCreateRequire(import.meta.url);" : '' };
  /** One entry bundled alone, not written: its export names, source modules and imports. */
  const probe = async (entry) => {
    const { metafile } = await build({ ...common, entryPoints: [entry], outfile: 'probe.js', write: false, metafile: true, plugins });
    const [out] = Object.values(metafile.outputs);
    return { exports: out.exports, modules: new Set(Object.keys(out.inputs)), imports: out.imports, inputs: metafile.inputs };
  };
  const deps = new Set(Object.keys(pkg.dependencies ?? {}));
  const packageOf = (path) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');
  const probes = new Map();
  for (const entry of entries) probes.set(entry, await probe(entry));
  const needsPeer = (entry) => probes.get(entry).imports.some((i) => i.external && i.kind === 'import-statement' && !i.path.startsWith('node:') && !deps.has(packageOf(i.path)));
  const members = entries.filter((e) => !needsPeer(e));
  const peers = entries.filter(needsPeer);
  if (members.length === 0) throw new Error(`${pkg.name}: no Node entry without optional peers to build dist/node/chunks/core.js from`);

  // Source modules inside core.js that a peer entry imports: core.js exports them too.
  const inCore = new Set(members.flatMap((e) => [...probes.get(e).modules]));
  const shared = new Map(); // source module -> { id, exports }
  for (const peer of peers) {
    const { modules, inputs } = probes.get(peer);
    for (const importer of modules) {
      if (inCore.has(importer)) continue;
      for (const imp of inputs[importer]?.imports ?? []) {
        if (!imp.external && inCore.has(imp.path) && !shared.has(imp.path)) shared.set(imp.path, { id: `m${shared.size}`, exports: (await probe(imp.path)).exports });
      }
    }
  }
  const reexport = (names, from, to, spec) => `export { ${names.map((n) => `${from(n)} as ${to(n)}`).join(', ')} } from ${JSON.stringify(spec)};`;
  const lines = members.map((e, i) => reexport(probes.get(e).exports, (n) => n, (n) => `e${i}$${n}`, `./${e}`));
  for (const [path, { id, exports }] of shared) lines.push(reexport(exports, (n) => n, (n) => `${id}$${n}`, `./${path}`));
  await build({ ...common, stdin: { contents: lines.join('\n'), resolveDir: process.cwd(), sourcefile: 'core-chunk.js', loader: 'js' }, outfile: 'dist/node/chunks/core.js', banner, plugins });

  const outOf = (entry) => `dist/node/${entry.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
  const coreFrom = (entry) => {
    const rel = relative(dirname(outOf(entry)), 'dist/node/chunks/core.js').split(sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  members.forEach((e, i) => {
    const names = probes.get(e).exports;
    mkdirSync(dirname(outOf(e)), { recursive: true });
    writeFileSync(outOf(e), names.length ? `${reexport(names, (n) => `e${i}$${n}`, (n) => n, coreFrom(e))}\n` : 'export {};\n');
  });
  for (const peer of peers) {
    await build({ ...common, entryPoints: [peer], outfile: outOf(peer), banner, plugins: [...plugins, fromCoreChunk(shared, coreFrom(peer))] });
  }
  for (const entry of entries) {
    if (!existsSync(outOf(entry))) throw new Error(`${pkg.name}: node build did not write ${outOf(entry)}`);
  }
}

/**
 * esbuild plugin (Node build only): a built-in module loaded on the first call of one of its
 * functions instead of at import. node:crypto is about 2 ms of core's cold import in Node and
 * only SRP needs it (node:http and node:https only the opt-in node-http-transport). The sources keep their static import, which bundlers (also ones writing
 * CommonJS, where `import.meta.url` is empty) resolve as usual. Only functions are wrapped:
 * importing a class or a constant from `name` fails this build rather than changing meaning.
 */
function lazyBuiltin(names) {
  const lower = (key) => /^[a-z]/.test(key);
  return {
    name: 'lazy-builtin',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async ({ path: name }) => {
        const fns = Object.entries(await import(name)).filter(([key, value]) => key !== 'default' && lower(key) && typeof value === 'function').map(([key]) => key);
        return {
          contents:
            `import { createRequire } from 'node:module';\nlet loaded;\nconst load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(name)}));\n` +
            fns.map((fn) => `export function ${fn}(...args) { return load().${fn}(...args); }`).join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/** esbuild plugin: imports of source modules that core.js holds become re-exports of core.js. */
function fromCoreChunk(shared, coreSpec) {
  const CHUNK = '\0nextstep-core-chunk';
  return {
    name: 'from-core-chunk',
    setup(b) {
      b.onResolve({ filter: /^[.#]/ }, async (args) => {
        if (args.pluginData === CHUNK) return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: CHUNK });
        if (found.errors.length || found.external) return undefined;
        const path = relative(process.cwd(), found.path).split(sep).join('/');
        return shared.has(path) ? { path, namespace: 'core-chunk' } : { path: found.path };
      });
      b.onResolve({ filter: /^\0nextstep-core-chunk$/ }, () => ({ path: coreSpec, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'core-chunk' }, (args) => {
        const { id, exports } = shared.get(args.path);
        return { contents: `export { ${exports.map((n) => `${id}$${n} as ${n}`).join(', ')} } from ${JSON.stringify(CHUNK)};`, loader: 'js' };
      });
    },
  };
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
