// Browser bundle sizes: core alone, core with each plugin, all four, the TOTP QR entry, and
// Amplify's signIn + confirmSignIn, built the same way in the same run (esbuild --bundle
// --minify --format=esm --platform=browser; our packages through their TypeScript sources).
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { checkBudget, loadBudgets } from './budgets.js';
import type { BenchSection } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const POOL = `{ userPoolId: 'us-east-1_abcdefghi', clientId: 'abcdefghijklmnopqrstuvwxyz' }`;

/** The same little app for every core entry: sign in, answer one step if asked. */
function coreEntry(imports: string, plugins: string, extra = '', transport = ''): string {
  return `import { createAuth, surfaceUnclaimed } from '@nextstep/core';
${imports}
const auth = createAuth({ userPool: ${POOL}, plugins: [${plugins}], defaultHandler: surfaceUnclaimed${transport} });
export async function run(username, password, code) {
  const flow = await auth.signIn({ username, password });
  ${extra}
  if (!flow.isSignedIn) await flow.confirm(code);
  return flow.output();
}
`;
}

const PLUGINS = {
  sms: [`import { sms } from '@nextstep/plugin-sms';`, 'sms()'],
  totp: [`import { totp } from '@nextstep/plugin-totp';`, 'totp()'],
  email: [`import { email } from '@nextstep/plugin-email';`, 'email()'],
  custom: [`import { customChallenge } from '@nextstep/plugin-custom-challenge';`, 'customChallenge()'],
} as const;

function entries(): { name: string; code: string; core: boolean }[] {
  const list = [{ name: 'core alone', code: coreEntry('', ''), core: true }];
  for (const [name, [imp, call]] of Object.entries(PLUGINS)) {
    list.push({ name: `core + ${name}`, code: coreEntry(imp, call), core: true });
  }
  const all = Object.values(PLUGINS);
  list.push({ name: 'core + all four', code: coreEntry(all.map((p) => p[0]).join('\n'), all.map((p) => p[1]).join(', ')), core: true });
  list.push({
    name: 'core + totp + qr',
    code: coreEntry(
      `${PLUGINS.totp[0]}\nimport { toSvg } from '@nextstep/plugin-totp/qr';`,
      PLUGINS.totp[1],
      `if (flow.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') globalThis.qr = toSvg(flow.nextStep.totpSetupDetails);`,
    ),
    core: true,
  });
  // Browsers get core's fetch transport by default (the `browser` condition of
  // #default-transport); an app may choose the AWS SDK transport instead: measure that too.
  list.push({
    name: 'core alone, AWS SDK transport',
    code: coreEntry(
      `import { createSdkTransport } from '@nextstep/core/sdk-transport';`,
      '',
      '',
      `, transport: createSdkTransport({ region: 'us-east-1' })`,
    ),
    core: true,
  });
  // sessions (#10): sign-in plus every session and account call (refresh, stores, sign-out).
  list.push({
    name: 'core + session calls',
    code: coreEntry(
      `import { fetchAuthSession, getCurrentUser, signOut, fetchUserAttributes, updateUserAttributes, confirmUserAttribute, sendUserAttributeVerificationCode, deleteUserAttributes, updatePassword, deleteUser, fetchMFAPreference, updateMFAPreference, autoSignIn, webStorageStore } from '@nextstep/core';
export const session = { fetchAuthSession, getCurrentUser, signOut, fetchUserAttributes, updateUserAttributes, confirmUserAttribute, sendUserAttributeVerificationCode, deleteUserAttributes, updatePassword, deleteUser, fetchMFAPreference, updateMFAPreference, autoSignIn, webStorageStore };`,
      '',
    ),
    core: true,
  });
  // devices and passkeys (#11): each plugin with its account calls.
  list.push({
    name: 'core + device (+ rememberDevice, forgetDevice, fetchDevices)',
    code: coreEntry(
      `import { device, rememberDevice, forgetDevice, fetchDevices, webStorageDeviceStore } from '@nextstep/plugin-device';
export const devices = { rememberDevice, forgetDevice, fetchDevices };`,
      'device({ store: webStorageDeviceStore(localStorage) })',
    ),
    core: true,
  });
  list.push({
    name: 'core + webauthn (+ passkey calls)',
    code: coreEntry(
      `import { webauthn, associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential } from '@nextstep/plugin-webauthn';
export const passkeys = { associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential };`,
      'webauthn()',
    ),
    core: true,
  });
  list.push({
    name: 'aws-amplify 6.22.1 signIn + device and passkey calls',
    code: `import { Amplify } from 'aws-amplify';
import { signIn, confirmSignIn, rememberDevice, forgetDevice, fetchDevices, associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential } from 'aws-amplify/auth';
Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_abcdefghi', userPoolClientId: 'abcdefghijklmnopqrstuvwxyz' } } });
export const calls = { rememberDevice, forgetDevice, fetchDevices, associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential };
export async function run(username, password, code) {
  const r = await signIn({ username, password });
  return r.nextStep.signInStep === 'DONE' ? r : confirmSignIn({ challengeResponse: code });
}
`,
    core: false,
  });
  list.push({
    name: 'aws-amplify 6.22.1 signIn + confirmSignIn',
    code: `import { Amplify } from 'aws-amplify';
import { signIn, confirmSignIn } from 'aws-amplify/auth';
Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_abcdefghi', userPoolClientId: 'abcdefghijklmnopqrstuvwxyz' } } });
export async function run(username, password, code) {
  const r = await signIn({ username, password });
  if (!r.isSignedIn) return confirmSignIn({ challengeResponse: code });
  return r;
}
`,
    core: false,
  });
  return list;
}

interface Built {
  bytes: Uint8Array;
  text: string;
  meta: Metafile;
}

async function bundle(file: string): Promise<Built> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@nextstep/source'],
    nodePaths: [join(root, 'node_modules')],
    absWorkingDir: root,
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: join(dirname(file), 'out.js'),
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  return { bytes: out.contents, text: out.text, meta: result.metafile };
}

/** Bytes of the output that came from inputs whose path matches. */
function bytesFrom(meta: Metafile, test: (path: string) => boolean): number {
  let n = 0;
  for (const out of Object.values(meta.outputs)) {
    for (const [path, info] of Object.entries(out.inputs)) if (test(path)) n += info.bytesInOutput;
  }
  return n;
}

const kb = (n: number) => (n / 1024).toFixed(1);

export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'nextstep-bundle-'));
  const rows: BenchSection['rows'] = [];
  const notes: string[] = [];
  const built: Record<string, Built & { gzip: number; brotli: number }> = {};
  const budgets = loadBudgets();
  try {
    for (const [i, entry] of entries().entries()) {
      const file = join(dir, `entry-${i}.mjs`);
      writeFileSync(file, entry.code);
      let b: Built;
      try {
        b = await bundle(file);
      } catch (error) {
        rows.push({ entry: entry.name, 'min (B)': 'BUILD FAILED', 'gzip -9 (B)': '', 'brotli (B)': '', 'vs Amplify (gzip)': '' });
        const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text ?? (error as Error).message.split('\n')[0];
        notes.push(`FAIL: ${entry.name}: build failed: ${first}`);
        process.exitCode = 1;
        continue;
      }
      const gzip = gzipSync(b.bytes, { level: 9 }).length;
      const brotli = brotliCompressSync(b.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      built[entry.name] = { ...b, gzip, brotli };
      const newFunction = (b.text.match(/new Function\b/g) ?? []).length;
      const sdk = bytesFrom(b.meta, (p) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(p));
      const budget = entry.core ? checkBudget(budgets, entry.name, gzip) : { cell: '', goalCell: '' };
      if (budget.failure) {
        notes.push(budget.failure);
        process.exitCode = 1;
      }
      rows.push({
        entry: entry.name,
        'min (B)': b.bytes.length,
        'gzip -9 (B)': gzip,
        'brotli (B)': brotli,
        'vs Amplify (gzip)': '',
        'AWS SDK share': entry.core ? `${Math.round((100 * sdk) / b.bytes.length)} %` : '',
        'new Function': newFunction,
        [`budget (${budgets.enforce})`]: budget.cell,
        goal: budget.goalCell,
      });
      if (entry.core && newFunction > 0) {
        notes.push(`FAIL: "${entry.name}" contains \`new Function\` ${newFunction}× (breaks under a CSP without 'unsafe-eval').`);
        process.exitCode = 1;
      }
    }
    const amplify = built['aws-amplify 6.22.1 signIn + confirmSignIn'];
    if (amplify) {
      for (const row of rows) {
        const b = built[String(row.entry)];
        if (b) row['vs Amplify (gzip)'] = (b.gzip / amplify.gzip).toFixed(2);
      }
    }

    // What an app does not import, it does not carry.
    const alone = built['core alone'];
    if (alone) {
      const pluginBytes = bytesFrom(alone.meta, (p) => p.includes('packages/plugin-'));
      notes.push(`core alone carries ${pluginBytes} bytes of plugin code (expected 0).`);
      if (pluginBytes > 0) process.exitCode = 1;
      const sdk = bytesFrom(alone.meta, (p) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(p));
      const tapable = bytesFrom(alone.meta, (p) => p.includes('node_modules/tapable/'));
      const own = bytesFrom(alone.meta, (p) => p.includes('packages/core/'));
      notes.push(
        `core alone, minified: AWS SDK client ${kb(sdk)} KiB, tapable ${kb(tapable)} KiB, core's own code ${kb(own)} KiB` +
          (sdk > alone.bytes.length / 2 ? ' — the default AWS SDK transport dominates the size.' : '.'),
      );
    }
    const withSdk = built['core alone, AWS SDK transport'];
    if (withSdk) {
      const sdk = bytesFrom(withSdk.meta, (p) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(p));
      notes.push(`core alone, AWS SDK transport: ${withSdk.gzip} B gzip, of which the SDK client is ${kb(sdk)} KiB minified; the default browser transport (fetch) avoids it.`);
    }
    const totpOnly = built['core + totp'];
    if (totpOnly) {
      const qr = bytesFrom(totpOnly.meta, (p) => p.includes('node_modules/qrcode/'));
      notes.push(`core + totp carries ${qr} bytes of qrcode (expected 0: the QR code is in @nextstep/plugin-totp/qr).`);
      if (qr > 0) process.exitCode = 1;
    }
    for (const [name, base] of [['core + all four', 'core alone'], ['core + totp + qr', 'core + totp']] as const) {
      if (built[name] && built[base]) notes.push(`${name} adds ${built[name].gzip - built[base].gzip} B gzip over ${base}.`);
    }
    notes.push(`Budgets (bench/budgets.json): enforcing ${budgets.enforce}; the run fails when an entry's gzip size is over its enforced budget. Goals: ${Object.entries(budgets.goals).map(([e, g]) => `${e} ≤ ${g} B`).join(', ')}.`);
    notes.push('Sizes: esbuild 0.28 --bundle --minify --format=esm --platform=browser; gzip = zlib level 9; brotli = quality 11. Ratio = our gzip / Amplify gzip in this run.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const amp = built['aws-amplify 6.22.1 signIn + confirmSignIn'];
  const summary = (['core alone', 'core + all four'] as const).flatMap((name) => {
    const b = built[name];
    if (!b || !amp) return [];
    const goal = loadBudgets().goals[name];
    return [{ figure: `browser bundle gzip, ${name === 'core alone' ? 'core alone (signIn + confirm)' : 'core + all four plugins'}${goal ? ` (goal ≤ ${goal.toLocaleString('en-US')} B)` : ''}`, nextstep: `${b.gzip.toLocaleString('en-US')} B`, peer: `Amplify signIn + confirmSignIn ${amp.gzip.toLocaleString('en-US')} B`, ratio: `${(b.gzip / amp.gzip).toFixed(2)}×` }];
  });
  return { title: 'Browser bundle size', rows, notes, summary };
}
