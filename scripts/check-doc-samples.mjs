#!/usr/bin/env node
// `node scripts/check-doc-samples.mjs`: the code blocks of the READMEs and docs/ are checked
// as a reader would use them.
// - ```ts blocks: each is written out as its own module and the lot is compiled with tsc
//   (strict) against the workspace packages; a block carries its own imports/declarations.
//   A block whose first line is `// doc-sample: skip (reason)` is left out, visibly.
// - ```json blocks: parsed; one that is an emulator config (has "pools") is loaded by
//   startEmulator, which validates it (trigger paths get minimal modules next to it).
// - ```sh blocks: `bash -n`; every `npm run X` / `npm start` names a script of the root
//   package.json, every `npx bin` a bin of a workspace package.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'packages')).map((d) => `packages/${d}/README.md`),
  ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  'docs/site/index.md',
  ...readdirSync(join(root, 'examples')).map((d) => `examples/${d}/README.md`),
].filter((f) => {
  try {
    readFileSync(join(root, f));
    return true;
  } catch {
    return false;
  }
});

/** Fenced blocks with their language and first line number. */
function blocks(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)?\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    out.push({ lang: open[1] ?? '', line: start + 1, code: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

const problems = [];
const counts = { ts: 0, skipped: 0, json: 0, config: 0, sh: 0 };
const out = join(root, 'node_modules', '.cache', 'doc-samples');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const tsFiles = [];
const configs = [];
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bins = new Set(
  readdirSync(join(root, 'packages')).flatMap((d) => Object.keys(JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')).bin ?? {})),
);

for (const file of files) {
  for (const block of blocks(readFileSync(join(root, file), 'utf8'))) {
    const where = `${file}:${block.line}`;
    const slug = `${file.replace(/[^\w]+/g, '_')}_L${block.line}`;
    if (block.lang === 'ts' || block.lang === 'typescript') {
      if (/^\/\/ doc-sample: skip/.test(block.code)) {
        counts.skipped++;
        console.log(`skipped ${where}: ${block.code.split('\n')[0]}`);
        continue;
      }
      counts.ts++;
      const path = join(out, `${slug}.ts`);
      // A module of its own (top-level await allowed); the header maps errors back to the doc.
      writeFileSync(path, `// from ${where}\n${block.code}\nexport {};\n`);
      tsFiles.push(path);
    } else if (block.lang === 'json') {
      counts.json++;
      let value;
      try {
        value = JSON.parse(block.code);
      } catch (error) {
        problems.push(`${where}: JSON block does not parse: ${error.message}`);
        continue;
      }
      if (value && typeof value === 'object' && Array.isArray(value.pools)) configs.push({ where, slug, value });
    } else if (['sh', 'bash', 'shell'].includes(block.lang)) {
      counts.sh++;
      try {
        execFileSync('bash', ['-n'], { input: block.code, stdio: ['pipe', 'ignore', 'pipe'] });
      } catch (error) {
        problems.push(`${where}: shell block has a syntax error: ${error.stderr}`);
      }
      for (const [, script] of block.code.matchAll(/\bnpm run (?:-s )?([\w:-]+)/g)) {
        if (!rootPkg.scripts?.[script]) problems.push(`${where}: \`npm run ${script}\`: no such script in package.json`);
      }
      if (/\bnpm start\b/.test(block.code) && !rootPkg.scripts?.start) problems.push(`${where}: \`npm start\`: no start script`);
      for (const [, bin] of block.code.matchAll(/\bnpx (?:--no-install )?([\w@/.-]+)/g)) {
        const known = bins.has(bin) || ['tsc', 'typedoc', 'vitest', 'changeset', 'publint', 'attw', 'vite', 'tsx'].includes(bin);
        if (!known) problems.push(`${where}: \`npx ${bin}\`: no workspace bin or devDependency of that name`);
      }
    }
  }
}

if (tsFiles.length) {
  const tsconfig = {
    extends: relative(out, join(root, 'tsconfig.base.json')),
    compilerOptions: { noEmit: true, strict: true, noUnusedLocals: false, types: ['node'] },
    files: tsFiles.map((f) => relative(out, f)),
  };
  writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.json'), '--pretty', 'false'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // Map "node_modules/.cache/doc-samples/<slug>.ts(12,3)" back to the doc's line.
    for (const line of `${error.stdout}`.split('\n').filter(Boolean)) {
      const m = /doc-samples\/(\w+)\.ts\((\d+),(\d+)\): (.*)/.exec(line);
      if (!m) {
        problems.push(line);
        continue;
      }
      const header = readFileSync(join(out, `${m[1]}.ts`), 'utf8').split('\n')[0].replace('// from ', '');
      const [doc, first] = header.split(':');
      problems.push(`${doc}:${Number(first) + Number(m[2]) - 2}: ${m[4]}`);
    }
  }
}

if (configs.length) {
  const { startEmulator } = await import('@nextstep/emulator');
  for (const { where, slug, value } of configs) {
    counts.config++;
    const dir = join(out, slug);
    mkdirSync(dir, { recursive: true });
    // Trigger paths name the reader's own modules: write minimal ones so the config loads.
    const triggers = value.pools.flatMap((p) => Object.values(p.triggers ?? {})).filter((t) => typeof t === 'string');
    for (const t of triggers) {
      const [file, name = 'default'] = t.split('#');
      const path = join(dir, file);
      mkdirSync(dirname(path), { recursive: true });
      const prev = (() => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return '';
        }
      })();
      writeFileSync(path, `${prev}export ${name === 'default' ? 'default' : `const ${name} =`} (event) => event;\n`);
    }
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(value));
    try {
      const emu = await startEmulator({ port: 0, config });
      await emu.close();
    } catch (error) {
      problems.push(`${where}: the emulator refuses this config: ${error.message}`);
    }
  }
}

console.log(`doc samples: ${counts.ts} TypeScript blocks compiled (${counts.skipped} skipped), ${counts.json} JSON blocks parsed (${counts.config} emulator configs loaded), ${counts.sh} shell blocks checked, in ${files.length} files`);
if (problems.length) {
  for (const p of problems) console.error(`FAIL ${p}`);
  console.error(`${problems.length} doc sample problem(s)`);
  process.exit(1);
}
