// What an app does not import, its browser bundle does not carry: core alone holds no
// plugin code, and the TOTP plugin without its `/qr` entry holds no QR encoder.
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nextstep-shake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inputsOf(name: string, code: string): Promise<string[]> {
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
  // Inputs that contributed bytes to the output (imported but shaken-out modules count 0).
  return Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p));
}

const app = (imports: string, plugins: string) => `import { createAuth, surfaceUnclaimed } from '@nextstep/core';
${imports}
const auth = createAuth({ userPool: { userPoolId: 'us-east-1_x', clientId: 'c' }, plugins: [${plugins}], defaultHandler: surfaceUnclaimed });
export const go = (u, p) => auth.signIn({ username: u, password: p });
`;

describe('bundles carry only what the app imports', () => {
  it('core alone carries no plugin code', async () => {
    const inputs = await inputsOf('core', app('', ''));
    expect(inputs.some((p) => p.includes('packages/core/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('packages/plugin-'))).toEqual([]);
    expect(inputs.filter((p) => p.includes('node_modules/otpauth') || p.includes('node_modules/qrcode'))).toEqual([]);
  });

  it('core + totp carries the TOTP plugin, but no otpauth, no QR encoder and no other plugin', async () => {
    const inputs = await inputsOf('totp', app(`import { totp } from '@nextstep/plugin-totp';`, 'totp()'));
    expect(inputs.some((p) => p.includes('packages/plugin-totp/src/totp.ts'))).toBe(true);
    // The setup URI is a template string: no URI library reaches the bundle.
    expect(inputs.filter((p) => p.includes('node_modules/otpauth/'))).toEqual([]);
    expect(inputs.filter((p) => p.includes('node_modules/qrcode') || p.includes('plugin-totp/src/qr.ts'))).toEqual([]);
    expect(inputs.filter((p) => /packages\/plugin-(sms|email|custom)/.test(p))).toEqual([]);
  });

  it('the /qr entry brings the QR encoder', async () => {
    const inputs = await inputsOf('qr', `import { toSvg } from '@nextstep/plugin-totp/qr';\nexport const svg = toSvg('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP');`);
    expect(inputs.some((p) => p.includes('node_modules/qrcode/'))).toBe(true);
  });
});
