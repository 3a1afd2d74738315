// SRP, SECRET_HASH and the SDK transport bundled for the browser (esbuild, platform browser)
// and run in headless Chromium under `script-src 'self'`: the BigInt path is chosen, no
// node:crypto reaches the bundle, and the SDK sends unsigned requests without credentials.
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, collectProblems } from '../../../../test/support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSignature, makeChallenge, makeVerifier } from '../test-support/srp-server.js';
import { formatTimestamp } from './timestamp.js';

const haveChromium = existsSync(CHROMIUM);

describe.skipIf(!haveChromium && !process.env.CI)('SRP and transport in a browser bundle (headless Chromium)', () => {
  let bundle = '';
  let server: Server;
  let origin = '';
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
  const replies: { status: number; body: unknown }[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../test-support/browser-entry.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@nextstep/source'],
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0]!.text;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (req.method === 'GET' && req.url === '/') {
          res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.1:*" });
          res.end('<!doctype html><meta charset="utf-8"><title>srp</title><script type="module" src="/bundle.js"></script>');
        } else if (req.method === 'GET' && req.url === '/bundle.js') {
          res.writeHead(200, { 'content-type': 'text/javascript' });
          res.end(bundle);
        } else if (req.url === '/favicon.ico') {
          res.writeHead(204).end();
        } else if (req.method === 'POST') {
          seen.push({ headers: req.headers, body });
          const reply = replies.shift() ?? { status: 200, body: {} };
          res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${seen.length}` });
          res.end(JSON.stringify(reply.body));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'nextstep-core-chromium-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    collectProblems(page, problems);
    await page.goto(origin + '/');
    await page.waitForFunction(() => (window as unknown as { nextstepReady?: boolean }).nextstepReady === true, undefined, { timeout: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('bundles the BigInt path only: no node:crypto, no Diffie-Hellman', () => {
    expect(bundle).not.toMatch(/node:crypto|createDiffieHellman/);
    expect(bundle.length).toBeGreaterThan(1000);
  });

  it('computes a PASSWORD_VERIFIER claim the server accepts, under a strict CSP', async () => {
    const ver = makeVerifier('AbC123', 'user-ü-1', 'pässwörd 🔑', '00beef');
    for (let i = 0; i < 3; i++) {
      const ch = makeChallenge(ver);
      const now = Date.UTC(2025, 1, 3 + i, 4, 5, 6);
      const out = await page.evaluate(
        (p) => (window as unknown as { nextstepSrp(p: unknown): Promise<{ A: string; claim: Record<string, string>; ms: number }> }).nextstepSrp(p),
        { userPoolId: 'eu-west-1_AbC123', userIdForSrp: 'user-ü-1', password: 'pässwörd 🔑', salt: ch.params.SALT, srpB: ch.params.SRP_B, secretBlock: ch.params.SECRET_BLOCK, now },
      );
      expect(out.claim.TIMESTAMP).toBe(formatTimestamp(new Date(now)));
      expect(out.claim.PASSWORD_CLAIM_SIGNATURE).toBe(expectedSignature(ver, ch, out.A, out.claim.TIMESTAMP!));
    }
    expect(problems).toEqual([]);
  });

  it('computes SECRET_HASH with Web Crypto', async () => {
    const got = await page.evaluate(() => (window as unknown as { nextstepSecretHash(a: string, b: string, c: string): Promise<string> }).nextstepSecretHash('s3cret', 'bob', 'client'));
    expect(got).toBe(createHmac('sha256', 's3cret').update('bobclient').digest('base64'));
  });

  it('the fetch transport bundles far smaller than the SDK transport', async () => {
    const size = async (code: string) => {
      const r = await build({ stdin: { contents: code, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' }, bundle: true, format: 'esm', platform: 'browser', conditions: ['@nextstep/source'], minify: true, write: false, logLevel: 'silent' });
      return gzipSync(r.outputFiles[0]!.contents, { level: 9 }).length;
    };
    const [srp, sdk, fetchT] = await Promise.all([
      size("import { startSrp } from './index.js'; (globalThis as any).x = startSrp;"),
      size("import { createSdkTransport } from '../transport/sdk.js'; (globalThis as any).x = createSdkTransport;"),
      size("import { createFetchTransport } from '../transport/fetch.js'; (globalThis as any).x = createFetchTransport;"),
    ]);
    console.info(`gzip -9 bytes: SRP ${srp}, SDK transport ${sdk}, fetch transport ${fetchT}`);
    expect(srp).toBeLessThan(6_000);
    expect(fetchT).toBeLessThan(3_600); // p15 (issue #15): deadline, cancellation, Retry-After, redirect and truncation handling
    expect(fetchT * 10).toBeLessThan(sdk);
  });

  it.each(['sdk', 'fetch'] as const)('%s transport: unsigned requests without credentials, throttling retried, exception names kept', async (kind) => {
    const send = (operation: string, input: Record<string, unknown>) =>
      page.evaluate(
        ([endpoint, op, inp, k]) => (window as unknown as { nextstepSend(e: string, o: string, i: unknown, k: string): Promise<{ ok: boolean; output?: Record<string, unknown>; error?: Record<string, unknown> }> }).nextstepSend(endpoint as string, op as string, inp, k as string),
        [origin, operation, input, kind] as const,
      );
    problems.length = 0;
    seen.length = 0;
    replies.push({ status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } });
    replies.push({ status: 200, body: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: 'ab' } } });
    const ok = await send('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', SRP_A: 'ab' } });
    expect(ok).toEqual({ ok: true, output: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: 'ab' } } });
    expect(seen).toHaveLength(2);
    for (const s of seen) {
      expect(s.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
      expect(s.headers.authorization).toBeUndefined();
      expect(s.headers['x-amz-security-token']).toBeUndefined();
    }
    replies.push({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    const bad = await send('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'Pw-Secret-1' } });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', kind: 'service', metadata: { httpStatusCode: 400 } });
    expect(JSON.stringify(bad)).not.toContain('Pw-Secret-1');
    // The browser logs every 4xx response; anything else (CSP violations, page errors) is a problem.
    expect(problems.filter((p) => !p.includes('the server responded with a status of 400'))).toEqual([]);
    // Nothing listens on the port of a closed server: the browser's fetch fails outright.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadEndpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await page.evaluate(
      ([endpoint, k]) => (window as unknown as { nextstepSend(e: string, o: string, i: unknown, k: string): Promise<{ ok: boolean; error?: Record<string, unknown> }> }).nextstepSend(endpoint as string, 'GetUser', { AccessToken: 't' }, k as string),
      [deadEndpoint, kind] as const,
    );
    expect(down).toMatchObject({ ok: false, error: { kind: 'network', name: 'NetworkError' } });
  });
});
