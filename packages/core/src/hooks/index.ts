/**
 * tapable's hooks, without code generation.
 *
 * tapable compiles every hook caller with `new Function`, which a page whose
 * Content-Security-Policy lacks `'unsafe-eval'` (and Node started with
 * `--disallow-code-generation-from-strings`) refuses. These constructors are drop-in
 * replacements: the same constructor arguments, the same `tap` / `tapAsync` / `tapPromise`
 * / `intercept` / `withOptions` / `isUsed` / `call` / `callAsync` / `promise`, the same
 * ordering (`stage`, `before`), results, errors and interceptor calls, and tapable's own
 * types. They are tapable `Hook` objects whose `compile` interprets the taps instead of
 * generating source; a bundle of this module contains no code generator at all.
 *
 * ```ts
 * import { HookMap, SyncBailHook, AsyncSeriesWaterfallHook } from '@nextstep/core';
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
export const SyncHook = defineHook('SyncHook', { sync: true }) as typeof tapable.SyncHook;
/** A {@link SyncHook} instance type, as tapable's `SyncHook`. */
export type SyncHook<T, R = void, AdditionalOptions = UnsetAdditionalOptions> = tapable.SyncHook<T, R, AdditionalOptions>;

/** Runs taps in order until one returns something other than `undefined`; `call` returns that. */
export const SyncBailHook = defineHook('SyncBailHook', { sync: true }) as typeof tapable.SyncBailHook;
/** A {@link SyncBailHook} instance type, as tapable's `SyncBailHook`. */
export type SyncBailHook<T, R, AdditionalOptions = UnsetAdditionalOptions> = tapable.SyncBailHook<T, R, AdditionalOptions>;

/** Passes the first argument through the taps; a tap returning non-`undefined` replaces it. */
export const SyncWaterfallHook = defineHook('SyncWaterfallHook', {
  sync: true,
  waterfall: true,
}) as typeof tapable.SyncWaterfallHook;
/** A {@link SyncWaterfallHook} instance type, as tapable's `SyncWaterfallHook`. */
export type SyncWaterfallHook<
  T,
  R = T extends any[] ? T[0] : T,
  AdditionalOptions = UnsetAdditionalOptions,
> = tapable.SyncWaterfallHook<T, R, AdditionalOptions>;

/** Restarts from the first tap whenever a tap returns something other than `undefined`. */
export const SyncLoopHook = defineHook('SyncLoopHook', { sync: true }) as typeof tapable.SyncLoopHook;
/** A {@link SyncLoopHook} instance type, as tapable's `SyncLoopHook`. */
export type SyncLoopHook<T, AdditionalOptions = UnsetAdditionalOptions> = tapable.SyncLoopHook<T, AdditionalOptions>;

/** Runs sync, callback and promise taps one after another; the first error stops it. */
export const AsyncSeriesHook = defineHook('AsyncSeriesHook', { sync: false }) as typeof tapable.AsyncSeriesHook;
/** An {@link AsyncSeriesHook} instance type, as tapable's `AsyncSeriesHook`. */
export type AsyncSeriesHook<T, AdditionalOptions = UnsetAdditionalOptions> = tapable.AsyncSeriesHook<T, AdditionalOptions>;

/** Async series until a tap produces something other than `undefined`. */
export const AsyncSeriesBailHook = defineHook('AsyncSeriesBailHook', {
  sync: false,
}) as typeof tapable.AsyncSeriesBailHook;
/** An {@link AsyncSeriesBailHook} instance type, as tapable's `AsyncSeriesBailHook`. */
export type AsyncSeriesBailHook<T, R, AdditionalOptions = UnsetAdditionalOptions> = tapable.AsyncSeriesBailHook<
  T,
  R,
  AdditionalOptions
>;

/** Async series passing the first argument along, as {@link SyncWaterfallHook}. */
export const AsyncSeriesWaterfallHook = defineHook('AsyncSeriesWaterfallHook', {
  sync: false,
  waterfall: true,
}) as typeof tapable.AsyncSeriesWaterfallHook;
/** An {@link AsyncSeriesWaterfallHook} instance type, as tapable's `AsyncSeriesWaterfallHook`. */
export type AsyncSeriesWaterfallHook<
  T,
  R = T extends any[] ? T[0] : T,
  AdditionalOptions = UnsetAdditionalOptions,
> = tapable.AsyncSeriesWaterfallHook<T, R, AdditionalOptions>;

/** Async series that restarts whenever a tap produces something other than `undefined`. */
export const AsyncSeriesLoopHook = defineHook('AsyncSeriesLoopHook', {
  sync: false,
}) as typeof tapable.AsyncSeriesLoopHook;
/** An {@link AsyncSeriesLoopHook} instance type, as tapable's `AsyncSeriesLoopHook`. */
export type AsyncSeriesLoopHook<T, AdditionalOptions = UnsetAdditionalOptions> = tapable.AsyncSeriesLoopHook<
  T,
  AdditionalOptions
>;

/** Starts every tap at once and finishes when all have; the first error finishes it. */
export const AsyncParallelHook = defineHook('AsyncParallelHook', { sync: false }) as typeof tapable.AsyncParallelHook;
/** An {@link AsyncParallelHook} instance type, as tapable's `AsyncParallelHook`. */
export type AsyncParallelHook<T, AdditionalOptions = UnsetAdditionalOptions> = tapable.AsyncParallelHook<T, AdditionalOptions>;

/**
 * Starts every tap at once; the outcome is the result or error of the earliest tap (in tap
 * order) that has one, once all taps before it finished without one.
 */
export const AsyncParallelBailHook = defineHook('AsyncParallelBailHook', {
  sync: false,
}) as typeof tapable.AsyncParallelBailHook;
/** An {@link AsyncParallelBailHook} instance type, as tapable's `AsyncParallelBailHook`. */
export type AsyncParallelBailHook<T, R, AdditionalOptions = UnsetAdditionalOptions> = tapable.AsyncParallelBailHook<
  T,
  R,
  AdditionalOptions
>;

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
