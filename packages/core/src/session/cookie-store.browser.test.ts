// The cookie store on a real server and a real browser: a node:http "SSR" server signs in
// through auth.withStore(cookieStore(...)) per request; headless Chromium keeps the chunked
// HttpOnly cookies and sends them back; page script cannot read them; sign-out clears them.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../../../../test/support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieStore, getCurrentUser, signOut, type CookieOptions } from '../index.js';
import { PASSWORD, startCoreFixture, type CoreFixture } from '../test-support/pool.js';


/** The framework part: cookies of the request, Set-Cookie of the response. */
function cookiesOf(req: IncomingMessage, res: ServerResponse) {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  const out: string[] = [];
  return {
    get: (name: string) => jar.get(name),
    set: (name: string, value: string, o: CookieOptions) => {
      out.push(`${name}=${value}; Path=${o.path}; Max-Age=${o.maxAge}${o.httpOnly ? '; HttpOnly' : ''}${o.secure ? '; Secure' : ''}; SameSite=${o.sameSite[0]!.toUpperCase()}${o.sameSite.slice(1)}`);
      res.setHeader('set-cookie', out);
    },
  };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('cookieStore with a server and headless Chromium', () => {
  let fx: CoreFixture;
  let server: Server;
  let origin = '';
  let context: BrowserContext;
  let profile = '';

  beforeAll(async () => {
    fx = await startCoreFixture();
    // Many users on one server: each request names its store.
    const auth = fx.auth({ sessions: 'many' });
    server = createServer((req, res) => {
      const request = auth.withStore(cookieStore(cookiesOf(req, res), { secure: false }));
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (text: string) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'none'" });
        res.end(`<!doctype html><title>ssr</title><p id="out">${text}</p>`);
      };
      (async () => {
        if (url.pathname === '/sign-in') {
          const flow = await request.signIn({ username: url.searchParams.get('u')!, password: PASSWORD });
          send(flow.isSignedIn ? 'signed in' : flow.nextStep.signInStep);
        } else if (url.pathname === '/me') {
          send(await getCurrentUser(request).then((u) => u.username, (e: Error) => e.name));
        } else if (url.pathname === '/sign-out') {
          send(JSON.stringify(await signOut(request)));
        } else {
          res.writeHead(404).end();
        }
      })().catch((e: Error) => send(`error ${e.name}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'nextstep-cookie-chromium-'));
    context = await launchChromium(profile);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await fx?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('signs in server-side into chunked HttpOnly cookies, reads them back per request, signs out', async () => {
    const page = await context.newPage();
    const text = async (path: string) => {
      await page.goto(origin + path);
      return page.locator('#out').textContent();
    };
    expect(await text('/me')).toBe('UserUnAuthenticatedException');
    expect(await text('/sign-in?u=alice')).toBe('signed in');
    const cookies = (await context.cookies(origin)).filter((c) => c.name.startsWith('nextstep.'));
    expect(cookies.length).toBeGreaterThan(2);
    for (const c of cookies) {
      expect(c.httpOnly, c.name).toBe(true);
      expect(c.sameSite).toBe('Lax');
      expect(c.name.length + c.value.length).toBeLessThan(4096);
    }
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await text('/me')).toBe('alice');
    expect(await text('/sign-out')).toBe('{"revoked":true}');
    expect((await context.cookies(origin)).filter((c) => c.name.startsWith('nextstep.'))).toEqual([]);
    expect(await text('/me')).toBe('UserUnAuthenticatedException');
  }, 60_000);
});
