/**
 * Builds hook constructors the way tapable does (a plain tapable `Hook` whose `compile`
 * is set per kind), with our interpreter as `compile`.
 * @internal
 * @module
 */
// The internal modules' declarations, also for packages that compile core's sources.
/// <reference path="./tapable-internals.d.ts" />
import Hook from 'tapable/lib/Hook.js';
import { compileHook, type CompileOptions, type HookKind } from './interpret.js';

/** Returns a constructor for `kind`, callable with or without `new`, as tapable's are. */
export function defineHook(kind: HookKind): unknown {
  // Sync hooks refuse tapAsync/tapPromise; the async kind (a waterfall) has no `call` and needs an argument to pass along.
  const sync = kind != 'AsyncSeriesWaterfallHook';
  function compile(this: any, options: CompileOptions) {
    return compileHook(this, kind, options);
  }
  const refuse = (method: string) => () => {
    throw new Error(`${method} is not supported on a ${kind}`);
  };
  const tapAsync = refuse('tapAsync');
  const tapPromise = refuse('tapPromise');

  function constructHook(args: readonly string[] = [], name: string | undefined = undefined) {
    if (!sync && args.length < 1) throw new Error('Waterfall hooks must have at least one argument');
    const hook = new Hook(args, name);
    hook.constructor = constructHook;
    if (sync) {
      hook.tapAsync = tapAsync;
      hook.tapPromise = tapPromise;
    } else {
      hook._call = undefined;
      hook.call = undefined;
    }
    hook.compile = compile;
    return hook;
  }
  Object.defineProperty(constructHook, 'name', { value: kind });
  // As tapable: instances come from `Hook`, so the constructor has no prototype of its own.
  (constructHook as { prototype: unknown }).prototype = null;
  return constructHook;
}
