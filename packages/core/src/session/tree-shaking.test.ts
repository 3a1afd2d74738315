// An app that never calls the session functions bundles none of them: core alone carries
// only what DONE needs to store the tokens (the memory store, the JWT reader, the record).
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nextstep-session-shake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes each session module contributes to a minified browser bundle of `code`. */
async function sessionBytes(name: string, code: string): Promise<Record<string, number>> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@nextstep/source'],
    nodePaths: [join(root, 'node_modules')],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: join(dir, 'out'),
  });
  const meta: Metafile = result.metafile;
  const out: Record<string, number> = {};
  for (const o of Object.values(meta.outputs)) {
    for (const [path, info] of Object.entries(o.inputs)) {
      const m = /packages\/core\/src\/session\/([\w-]+)\.ts$/.exec(path);
      if (m && info.bytesInOutput > 0) out[m[1]!] = info.bytesInOutput;
    }
  }
  return out;
}

const head = `import { createAuth, surfaceUnclaimed } from '@nextstep/core';
const auth = createAuth({ userPool: { userPoolId: 'us-east-1_x', clientId: 'c' }, defaultHandler: surfaceUnclaimed });
export const go = (u, p) => auth.signIn({ username: u, password: p });
`;

it('core alone carries no session calls, only what stores the tokens at DONE', async () => {
  const bytes = await sessionBytes('alone', head);
  expect(Object.keys(bytes).sort()).toEqual(['jwt', 'memory-store', 'pending-sign-up', 'registry', 'save']);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  expect(total).toBeLessThan(2500);
});

it('calling fetchAuthSession brings the refresh, not the account calls or the other stores', async () => {
  const bytes = await sessionBytes('fetch', `${head}import { fetchAuthSession } from '@nextstep/core';\nexport const s = () => fetchAuthSession(auth);\n`);
  expect(bytes['refresh']).toBeGreaterThan(0);
  expect(bytes['session-calls']).toBeGreaterThan(0);
  for (const absent of ['attributes', 'account-calls', 'cookie-store', 'web-storage-store', 'auto-sign-in']) expect(bytes[absent], absent).toBeUndefined();
});
