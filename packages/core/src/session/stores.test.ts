// The token stores' own logic: keys per user, JSON round trip, and the cookie store's
// chunking under the 4 KB cookie limit with HttpOnly / Secure / SameSite.
import { describe, expect, it } from 'vitest';
import { cookieStore, type CookieOptions } from './cookie-store.js';
import { memoryStore } from './memory-store.js';
import type { StoredSession, TokenStore } from './types.js';
import { webStorageStore } from './web-storage-store.js';

function session(userId: string, size = 1000): StoredSession {
  return {
    format: 'nextstep.session/1',
    userId,
    username: userId,
    signInDetails: { loginId: `${userId}@example.com`, authFlowType: 'USER_SRP_AUTH' },
    accessToken: `eyJ.${'a'.repeat(size)}.sig`,
    idToken: `eyJ.${'b'.repeat(size)}.sig`,
    refreshToken: 'r'.repeat(size),
    clockOffsetMs: -1234,
  };
}

async function contract(store: TokenStore) {
  expect(await store.list()).toEqual([]);
  expect(await store.get('u1')).toBeUndefined();
  await store.set('u1', session('u1'));
  await store.set('u2', session('u2'));
  expect((await store.list()).sort()).toEqual(['u1', 'u2']);
  expect(await store.get('u1')).toEqual(session('u1'));
  await store.set('u1', session('u1', 10));
  expect(await store.get('u1')).toEqual(session('u1', 10));
  await store.remove('u1');
  await store.remove('nobody');
  expect(await store.get('u1')).toBeUndefined();
  expect(await store.list()).toEqual(['u2']);
}

/** A Web Storage over a Map, as the browser's (the browser test runs the real one). */
function mapStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

/** A cookie jar as a framework keeps it between requests, serialising each Set-Cookie. */
function jar() {
  const cookies = new Map<string, string>();
  const headers: string[] = [];
  return {
    cookies,
    headers,
    access: {
      get: (name: string) => cookies.get(name),
      set: (name: string, value: string, o: CookieOptions) => {
        headers.push(
          `${name}=${value}; Path=${o.path}; Max-Age=${o.maxAge}${o.httpOnly ? '; HttpOnly' : ''}${o.secure ? '; Secure' : ''}; SameSite=${o.sameSite}${o.domain ? `; Domain=${o.domain}` : ''}`,
        );
        if (o.maxAge === 0) cookies.delete(name);
        else cookies.set(name, value);
      },
    },
  };
}

describe('token stores', () => {
  it('memoryStore keeps sessions per user', () => contract(memoryStore()));
  it('webStorageStore keeps sessions per user under its prefix, ignoring other keys', async () => {
    const storage = mapStorage();
    storage.setItem('other', 'x');
    await contract(webStorageStore(storage, { prefix: 'app' }));
    expect(storage.getItem('other')).toBe('x');
    storage.setItem('app.session.bad', '{not json');
    expect(await webStorageStore(storage, { prefix: 'app' }).get('bad')).toBeUndefined();
  });
  it('cookieStore keeps sessions per user', () => contract(cookieStore(jar().access)));

  it('cookieStore chunks a large session so every Set-Cookie stays under 4,096 bytes, with HttpOnly, Secure, SameSite', async () => {
    const j = jar();
    const store = cookieStore(j.access);
    const big = session('user-1', 3000);
    await store.set('user-1', big);
    expect(j.headers.length).toBeGreaterThan(3);
    for (const h of j.headers) {
      expect(new TextEncoder().encode(h).length).toBeLessThan(4096);
      expect(h).toMatch(/; HttpOnly; Secure; SameSite=lax$/);
    }
    // The next request sees the cookies the browser sent back.
    expect(await cookieStore(j.access).get('user-1')).toEqual(big);
    // A smaller session deletes the chunks it no longer needs.
    const before = j.cookies.size;
    await store.set('user-1', session('user-1', 10));
    expect(j.cookies.size).toBeLessThan(before);
    expect(await cookieStore(j.access).get('user-1')).toEqual(session('user-1', 10));
    await store.remove('user-1');
    expect([...j.cookies.keys()]).toEqual([]);
  });

  it('cookieStore reads its own writes within a request (responses are not visible to the request)', async () => {
    const sent = new Map<string, string>();
    const store = cookieStore({ get: () => undefined, set: (n, v) => void sent.set(n, v) });
    await store.set('u', session('u'));
    expect(await store.get('u')).toEqual(session('u'));
    expect(await store.list()).toEqual(['u']);
  });

  it('cookieStore options and checks', async () => {
    const j = jar();
    await cookieStore(j.access, { secure: false, sameSite: 'strict', domain: 'example.com', prefix: 'ns' }).set('u', session('u', 5));
    expect(j.headers[0]).toMatch(/^ns\.u\.0=.*; HttpOnly; SameSite=strict; Domain=example.com$/);
    expect(() => cookieStore({} as never)).toThrow(expect.objectContaining({ name: 'InvalidTokenStore' }));
    expect(() => cookieStore(j.access, { chunkSize: 5000 })).toThrow(expect.objectContaining({ name: 'InvalidTokenStore' }));
    // A missing chunk (cookie dropped by the browser) reads as no session, not as garbage.
    const k = jar();
    await cookieStore(k.access).set('u', session('u', 3000));
    k.cookies.delete('nextstep.u.1');
    expect(await cookieStore(k.access).get('u')).toBeUndefined();
  });
});
