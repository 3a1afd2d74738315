// A browser keeps the user signed in across a reload with webStorageStore(localStorage),
// refreshes after expiry, and signs out: core bundled for the browser (fetch transport),
// run in headless Chromium under a strict CSP, against the emulator.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, collectProblems } from '../../../../test/support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, PASSWORD, POOL, startCoreFixture, type CoreFixture } from '../test-support/pool.js';


describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('sessions in a browser (headless Chromium, localStorage)', () => {
  let fx: CoreFixture;
  let server: Server;
  let origin = '';
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const problems: string[] = [];

  beforeAll(async () => {
    fx = await startCoreFixture();
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../test-support/session-browser-entry.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@nextstep/source'],
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const bundle = result.outputFiles[0]!.text;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', async () => {
        if (req.method === 'GET' && req.url === '/') {
          res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; script-src 'self'; connect-src 'self'" });
          res.end('<!doctype html><meta charset="utf-8"><title>sessions</title><script type="module" src="/bundle.js"></script>');
        } else if (req.method === 'GET' && req.url === '/bundle.js') {
          res.writeHead(200, { 'content-type': 'text/javascript' });
          res.end(bundle);
        } else if (req.method === 'POST') {
          // Same origin for the page: forward Cognito calls to the emulator.
          const answer = await fetch(fx.emu.endpoint, { method: 'POST', headers: { 'content-type': String(req.headers['content-type']), 'x-amz-target': String(req.headers['x-amz-target']) }, body });
          const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1' };
          for (const h of ['x-amzn-errortype', 'x-amzn-requestid']) if (answer.headers.get(h)) headers[h] = answer.headers.get(h)!;
          res.writeHead(answer.status, headers);
          res.end(await answer.text());
        } else {
          res.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'nextstep-session-chromium-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    collectProblems(page, problems);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await fx?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  type State = { signedIn: boolean; username?: string; iat?: number; refreshed: string[]; keys: string[] };
  const load = async () => {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { nsReady?: boolean }).nsReady === true, undefined, { timeout: 20_000 });
    const offset = fx.emu.clock.now() - Date.now();
    await page.evaluate(([p, c, o]) => (window as unknown as { nsSetUp(p: string, c: string, o: number): void }).nsSetUp(p as string, c as string, o as number), [POOL, CLIENT, offset] as const);
  };
  const state = () => page.evaluate(() => (window as unknown as { nsState(): Promise<State> }).nsState());

  it('signed in across a reload; refreshed after expiry; signed out across a reload', async () => {
    await load();
    expect(await state()).toMatchObject({ signedIn: false, keys: [] });
    expect(await page.evaluate(([u, p]) => (window as unknown as { nsSignIn(u: string, p: string): Promise<boolean> }).nsSignIn(u!, p!), ['alice', PASSWORD])).toBe(true);
    const first = await state();
    expect(first).toMatchObject({ signedIn: true, username: 'alice' });
    expect(first.keys).toHaveLength(1);

    await load(); // a reload: a new page, a new Auth, the same localStorage
    const reloaded = await state();
    expect(reloaded).toMatchObject({ signedIn: true, username: 'alice', iat: first.iat, refreshed: [] });

    // An hour later (the emulator's clock, which the page follows): the next read refreshes.
    fx.emu.clock.advance(3600_000 + 1000);
    await load();
    const later = await state();
    expect(later).toMatchObject({ signedIn: true, username: 'alice', refreshed: ['alice'] });
    expect(later.iat).toBeGreaterThan(first.iat!);
    await load();
    expect(await state()).toMatchObject({ signedIn: true, iat: later.iat, refreshed: [] });

    const out = await page.evaluate(() => (window as unknown as { nsSignOut(): Promise<{ revoked: boolean }> }).nsSignOut());
    expect(out).toEqual({ revoked: true });
    await load();
    expect(await state()).toMatchObject({ signedIn: false, keys: [] });
    expect(problems).toEqual([]);
  }, 60_000);
});
