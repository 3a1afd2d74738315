/**
 * The session settings an Auth (or its per-request view) carries in its engine.
 * @module
 */
import type { TokenStore } from './types.js';

/** Internal: where an Auth keeps sessions and how it picks the user. */
export interface SessionConfig {
  readonly store: TokenStore;
  /** `one`: one user at a time, calls name no user. `many`: servers, every call names the user. */
  readonly mode: 'one' | 'many';
  /** A view from `auth.withStore(store)`: the store is this request's, its user is the one. */
  readonly scoped: boolean;
  /** Refresh with GetTokensFromRefreshToken (the app client rotates refresh tokens). */
  readonly rotation: boolean;
}
