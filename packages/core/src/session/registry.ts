/**
 * Session functions are free functions (so an app that never calls them bundles none of
 * them); they reach an Auth's engine through this registry, filled by the Auth constructor.
 * @module
 */
import type { Engine } from '../engine.js';
import { configError } from '../fail.js';
import type { Flow } from '../flow.js';

interface Registered {
  readonly engine: Engine;
  /** Makes a flow the Auth's latest (for `confirmSignIn` after `autoSignIn`). */
  readonly adopt: (flow: Flow<any>) => void;
}

const AUTHS = new WeakMap<object, Registered>();

/** @internal Called by the Auth constructor. */
export function registerAuth(auth: object, engine: Engine, adopt: (flow: Flow<any>) => void): void {
  AUTHS.set(auth, { engine, adopt });
}

/** @internal The engine of an Auth (or of a view from `withStore`). */
export function registered(auth: object): Registered {
  const found = auth && typeof auth === 'object' ? AUTHS.get(auth) : undefined;
  if (!found) throw configError('InvalidAuth', 'Pass an Auth from createAuth (or auth.withStore(store)).');
  return found;
}
