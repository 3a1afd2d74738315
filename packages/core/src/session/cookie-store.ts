/**
 * A token store in cookies, for server-side rendering: one store per request, built on the
 * framework's own get/set cookie functions (Next.js `cookies()`, h3, Express...). Cookies
 * are HttpOnly, Secure and SameSite by default, and a session is split into chunks so no
 * cookie passes the 4 KB browsers keep.
 * @module
 */
import { configError } from '../fail.js';
import type { StoredSession, TokenStore } from './types.js';

/** Cookie attributes, in the spelling most frameworks accept. */
export interface CookieOptions {
  /** Not readable by scripts. */
  httpOnly: boolean;
  /** Sent over HTTPS only. */
  secure: boolean;
  /** The SameSite attribute. */
  sameSite: 'lax' | 'strict' | 'none';
  /** The cookie path. */
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  /** The cookie domain; the request host when absent. */
  domain?: string;
}

/** The framework's cookie functions for this request. */
export interface CookieAccess {
  /** The request cookie's value, or undefined. */
  get(name: string): string | undefined | Promise<string | undefined>;
  /** Sets (or, with `maxAge: 0`, deletes) a response cookie. */
  set(name: string, value: string, options: CookieOptions): void | Promise<void>;
}

/** Options of {@link cookieStore}. */
export interface CookieStoreOptions {
  /** Cookie name prefix; default `nextstep`. */
  prefix?: string;
  /** Default true. Set false only for http://localhost development. */
  secure?: boolean;
  /** Default `lax`. */
  sameSite?: 'lax' | 'strict' | 'none';
  /** Default `/`. */
  path?: string;
  /** Cookie domain; the request host when absent. */
  domain?: string;
  /** Cookie lifetime in seconds; default 30 days (Cognito's default refresh token validity). */
  maxAgeSeconds?: number;
  /** Characters of value per cookie; default 3,800 (name and attributes fit in the rest of 4,096). */
  chunkSize?: number;
}

const USERS = 'users';

/**
 * A {@link TokenStore} in cookies. Cookies: `<prefix>.users` (the user ids),
 * `<prefix>.<userId>` (the chunk count), `<prefix>.<userId>.<i>` (the chunks).
 * Make one per request: it remembers what it set, so a read after a write sees the write.
 */
export function cookieStore(cookies: CookieAccess, options: CookieStoreOptions = {}): TokenStore {
  if (!cookies || typeof cookies.get !== 'function' || typeof cookies.set !== 'function') {
    throw configError('InvalidTokenStore', 'cookieStore needs the framework\u2019s get and set cookie functions.');
  }
  const prefix = options.prefix ?? 'nextstep';
  const chunkSize = options.chunkSize ?? 3800;
  if (!Number.isInteger(chunkSize) || chunkSize < 100 || chunkSize > 4000) {
    throw configError('InvalidTokenStore', 'chunkSize must be a whole number from 100 to 4000.');
  }
  const attributes: CookieOptions = {
    httpOnly: true,
    secure: options.secure ?? true,
    sameSite: options.sameSite ?? 'lax',
    path: options.path ?? '/',
    maxAge: options.maxAgeSeconds ?? 30 * 24 * 3600,
    ...(options.domain ? { domain: options.domain } : {}),
  };
  // What this request wrote: responses' Set-Cookie are not visible to the request's get.
  const written = new Map<string, string | undefined>();
  const read = async (name: string) => (written.has(name) ? written.get(name) : await cookies.get(name));
  const write = async (name: string, value: string | undefined) => {
    written.set(name, value);
    await cookies.set(name, value ?? '', value === undefined ? { ...attributes, maxAge: 0 } : attributes);
  };
  const cookieName = (userId: string, i?: number) => `${prefix}.${encodeURIComponent(userId)}${i === undefined ? '' : `.${i}`}`;
  const users = async () => ((await read(`${prefix}.${USERS}`)) ?? '').split(',').filter(Boolean).map(decodeURIComponent);
  const setUsers = (ids: string[]) => write(`${prefix}.${USERS}`, ids.length ? ids.map(encodeURIComponent).join(',') : undefined);
  const count = async (userId: string) => {
    const n = Number(await read(cookieName(userId)));
    return Number.isInteger(n) && n > 0 && n < 100 ? n : 0;
  };

  return {
    async get(userId) {
      const n = await count(userId);
      if (!n) return undefined;
      let text = '';
      for (let i = 0; i < n; i++) {
        const part = await read(cookieName(userId, i));
        if (part === undefined) return undefined;
        text += part;
      }
      try {
        const value = JSON.parse(decodeURIComponent(text)) as StoredSession;
        return value?.format === 'nextstep.session/1' && value.userId === userId ? value : undefined;
      } catch {
        return undefined;
      }
    },
    async set(userId, session) {
      const text = encodeURIComponent(JSON.stringify(session));
      const before = await count(userId);
      const n = Math.ceil(text.length / chunkSize);
      for (let i = 0; i < n; i++) await write(cookieName(userId, i), text.slice(i * chunkSize, (i + 1) * chunkSize));
      for (let i = n; i < before; i++) await write(cookieName(userId, i), undefined);
      await write(cookieName(userId), String(n));
      const ids = await users();
      if (!ids.includes(userId)) await setUsers([...ids, userId]);
    },
    async remove(userId) {
      const n = await count(userId);
      for (let i = 0; i < n; i++) await write(cookieName(userId, i), undefined);
      if (n) await write(cookieName(userId), undefined);
      const ids = await users();
      if (ids.includes(userId)) await setUsers(ids.filter((id) => id !== userId));
    },
    list: users,
  };
}
