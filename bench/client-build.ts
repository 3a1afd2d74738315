// Bundles bench/client-entry.ts the way core's build does (esbuild, third-party dependencies external, no keepNames), so the
// client bench measures what an adopter runs. Run as source through tsx, core would carry
// tsx's keepNames: every closure renamed by Object.defineProperty, about 256 B of property
// dictionary per closure and a defineProperty call each time one is made.
import { build } from 'esbuild';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'nextstep-bench', 'client.mjs');

/** Builds the bundle (each process builds its own copy, renamed into place) and imports it. */
export async function loadNextstep(): Promise<typeof import('./client-entry.js')> {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.mjs`;
  await build({
    entryPoints: [join(root, 'bench', 'client-entry.ts')],
    outfile: tmp,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    conditions: ['@nextstep/source'],
    // Third-party dependencies stay imports, as in core's build; @nextstep/* is bundled, so
    // plugin-sms and core share one copy of core.
    external: ['tapable', 'tapable/*', '@aws-sdk/*'],
    logLevel: 'warning',
  });
  renameSync(tmp, out);
  return (await import(pathToFileURL(out).href)) as typeof import('./client-entry.js');
}
