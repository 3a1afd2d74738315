/**
 * A browser token store on `localStorage` (kept across reloads and restarts) or
 * `sessionStorage` (kept for the tab). Script on the page can read it: keep the strict CSP.
 * @module
 */
import { configError } from '../fail.js';
import type { StoredSession, TokenStore } from './types.js';

/** Options of {@link webStorageStore}. */
export interface WebStorageStoreOptions {
  /** Key prefix; default `nextstep.<clientId>` is recommended, `nextstep` otherwise. */
  prefix?: string;
}

/** The part of the Web Storage API the store uses. */
export type WebStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * A {@link TokenStore} on a Web Storage object: `webStorageStore(localStorage)` or
 * `webStorageStore(sessionStorage)`. One key per user: `<prefix>.session.<userId>`.
 */
export function webStorageStore(storage: WebStorageLike, options: WebStorageStoreOptions = {}): TokenStore {
  if (!storage || typeof storage.getItem !== 'function' || typeof storage.setItem !== 'function') {
    throw configError('InvalidTokenStore', 'webStorageStore needs localStorage or sessionStorage.');
  }
  const head = `${options.prefix ?? 'nextstep'}.session.`;
  return {
    async get(userId) {
      const text = storage.getItem(head + userId);
      if (!text) return undefined;
      try {
        const value = JSON.parse(text) as StoredSession;
        return value?.format === 'nextstep.session/1' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    async set(userId, session) {
      storage.setItem(head + userId, JSON.stringify(session));
    },
    async remove(userId) {
      storage.removeItem(head + userId);
    },
    async list() {
      const ids: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(head)) ids.push(key.slice(head.length));
      }
      return ids;
    },
  };
}
