/**
 * tapable's hooks, without code generation.
 *
 * tapable compiles every hook caller with `new Function`, which a page whose
 * Content-Security-Policy lacks `'unsafe-eval'` (and Node started with
 * `--disallow-code-generation-from-strings`) refuses. These constructors are drop-in
 * replacements for the three kinds core constructs (SyncHook, SyncBailHook and
 * AsyncSeriesWaterfallHook, plus tapable's HookMap): the same constructor arguments, the
 * same `tap` / `tapAsync` / `tapPromise` / `intercept` / `withOptions` / `isUsed` / `call` /
 * `callAsync` / `promise`, the same ordering (`stage`, `before`), results, errors and
 * interceptor calls, and tapable's own types. They are tapable `Hook` objects whose `compile` interprets the taps instead of
 * generating source; a bundle of this module contains no code generator at all.
 *
 * ```ts
 * import { HookMap, SyncBailHook } from './hooks/index.js';
 * const step = new HookMap((key: string) => new SyncBailHook<[Descriptor], Handler | undefined>(['descriptor']));
 * step.for('CONFIRM_SIGN_IN_WITH_TOTP_CODE').tap('MyPlugin', (descriptor) => handler);
 * ```
 * @module
 */
// The internal modules' declarations, also for packages that compile core's sources.
/// <reference path="./tapable-internals.d.ts" />
import type * as tapable from 'tapable';
import TapableHookMap from 'tapable/lib/HookMap.js';
import { defineHook } from './define-hook.js';

/**
 * The default of tapable's `AdditionalOptions` type parameter (it is not exported by
 * tapable; this declaration is structurally the same, so the types are interchangeable).
 */
export interface UnsetAdditionalOptions {
  _UnsetAdditionalOptions: true;
}

/** Runs every tap in order; `call` returns nothing. */
export const SyncHook = defineHook('SyncHook') as typeof tapable.SyncHook;
/** A {@link SyncHook} instance type, as tapable's `SyncHook`. */
export type SyncHook<T, R = void, AdditionalOptions = UnsetAdditionalOptions> = tapable.SyncHook<T, R, AdditionalOptions>;

/** Runs taps in order until one returns something other than `undefined`; `call` returns that. */
export const SyncBailHook = defineHook('SyncBailHook') as typeof tapable.SyncBailHook;
/** A {@link SyncBailHook} instance type, as tapable's `SyncBailHook`. */
export type SyncBailHook<T, R, AdditionalOptions = UnsetAdditionalOptions> = tapable.SyncBailHook<T, R, AdditionalOptions>;

/** Runs sync, callback and promise taps in order, passing the first argument along; a tap returning non-`undefined` replaces it. */
export const AsyncSeriesWaterfallHook = defineHook('AsyncSeriesWaterfallHook') as typeof tapable.AsyncSeriesWaterfallHook;
/** An {@link AsyncSeriesWaterfallHook} instance type, as tapable's `AsyncSeriesWaterfallHook`. */
export type AsyncSeriesWaterfallHook<
  T,
  R = T extends any[] ? T[0] : T,
  AdditionalOptions = UnsetAdditionalOptions,
> = tapable.AsyncSeriesWaterfallHook<T, R, AdditionalOptions>;

/**
 * tapable's `HookMap`: one hook per key, created on first `for(key)` by the factory.
 * It generates no code itself; give it a factory that builds hooks from this module, e.g.
 * `new HookMap(() => new SyncBailHook(['input']))`.
 */
export const HookMap: typeof tapable.HookMap = TapableHookMap;
/** A {@link HookMap} instance type, as tapable's `HookMap`. */
export type HookMap<H> = tapable.HookMap<H>;

/** A `HookMap` type whose keys are typed, as tapable's `TypedHookMap`. */
export type { TypedHookMap } from 'tapable';
