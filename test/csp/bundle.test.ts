// Static side of the CSP promise: the browser bundle of core and every step plugin
// contains no code generation from strings at all (not merely none that runs).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CODEGEN = /new Function\b|\bFunction\(|\beval\(|set(?:Timeout|Interval)\(\s*["'`]/;

async function browserBundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@nextstep/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('browser bundles', () => {
  it('core and all step plugins: no new Function, no eval', async () => {
    const bundle = await browserBundle(
      ['core', 'plugin-sms', 'plugin-totp', 'plugin-email', 'plugin-custom-challenge']
        .map((pkg) => `export * from '@nextstep/${pkg}';`)
        .join('\n'),
    );
    expect(bundle).toContain('USER_SRP_AUTH');
    expect(bundle.match(CODEGEN)?.[0]).toBeUndefined();
  });

  it('the same check catches stock tapable', async () => {
    const bundle = await browserBundle(`export { SyncHook } from 'tapable';`);
    expect(bundle.match(CODEGEN)?.[0]).toBe('new Function');
  });
});
