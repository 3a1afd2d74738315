/**
 * The default token store: a Map in this process. Sessions end with the process.
 * @module
 */
import type { StoredSession, TokenStore } from './types.js';

/** A {@link TokenStore} in memory (the default of `createAuth`). */
export function memoryStore(): TokenStore {
  const sessions = new Map<string, StoredSession>();
  return {
    async get(userId) {
      return sessions.get(userId);
    },
    async set(userId, session) {
      sessions.set(userId, session);
    },
    async remove(userId) {
      sessions.delete(userId);
    },
    async list() {
      return [...sessions.keys()];
    },
  };
}
