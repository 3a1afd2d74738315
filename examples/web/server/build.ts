/** Builds the page with Vite's JS API (the same config `vite build` uses). */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The example's directory. */
export const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `vite build` into `outDir` (default `examples/web/dist`) and returns that directory. */
export async function buildPage(outDir = fileURLToPath(new URL('../dist', import.meta.url))): Promise<string> {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root: WEB_ROOT,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
