/**
 * Runs a hook's taps without generating code.
 *
 * tapable turns the taps of a hook into JavaScript source and compiles it with
 * `new Function`. This module gives the same behaviour by walking the taps at call time.
 * It follows tapable's code generator (HookCodeFactory: `callTapsSeries`, `callTap`, the
 * kinds' `content`) step for step, so every ordering and error rule of the generated code
 * (which interceptor sees what, when a tap's error is rethrown, how callbacks and promise
 * taps continue the chain, what each function returns) carries over. One generic series
 * walk serves the three kinds core builds; they differ only in what a tap's result does.
 * @internal
 * @module
 */

/**
 * tapable's hook kinds this interpreter implements: the ones core constructs (SyncBailHook
 * maps for challenges and steps, AsyncSeriesWaterfallHook for requests and responses,
 * SyncHook for events). Other kinds would need their own tested walk; add them with a use.
 */
export type HookKind = 'SyncHook' | 'SyncBailHook' | 'AsyncSeriesWaterfallHook';

/** How the hook was called: `call`, `callAsync` or `promise`. */
export type CallMode = 'sync' | 'async' | 'promise';

type AnyFn = (...args: any[]) => any;

/** A registered tap, as tapable's Hook stores it. */
interface FullTap {
  name: string;
  type: 'sync' | 'async' | 'promise';
  fn: AnyFn;
  context?: boolean;
}

type Method = 'call' | 'tap' | 'error' | 'result' | 'done';

/** An interceptor, as tapable's Hook stores it (a copy of what `intercept` got). */
type Interceptor = { context?: boolean } & { [M in Method]?: AnyFn };

/** What tapable's Hook passes to `compile`. */
export interface CompileOptions {
  taps: FullTap[];
  interceptors: Interceptor[];
  args: readonly string[];
  type: CallMode;
}

/** The fields of a tapable Hook instance the interpreter reads. */
export interface HookState {
  taps: FullTap[];
  interceptors: Interceptor[];
  _x?: AnyFn[];
}

type Sink = (value?: unknown) => unknown;

/**
 * Replacement for tapable's `compile`: returns the function tapable installs as the
 * hook's `call`, `callAsync` or `promise` until the next tap or interceptor is added.
 */
export function compileHook(hook: HookState, kind: HookKind, { taps, interceptors, args, type }: CompileOptions): AnyFn {
  // What tapable bakes into the generated code: the tap functions (read first, so that a
  // broken tap list fails with tapable's TypeError; tapable keeps them on the hook), the
  // taps' kinds and context flags, which interceptors have which method. Calls read the
  // interceptor and tap objects themselves, as the generated code does.
  const fns = (hook._x = taps.map((tap) => tap.fn));
  const types = taps.map((tap) => tap.type);
  const tapContext = taps.map((tap) => tap.context);
  const needContext = tapContext.some(Boolean);
  const firstAsync = types.findIndex((t) => t != 'sync');
  const interceptorContext = interceptors.map((i) => i.context);
  const withMethod = Object.fromEntries(
    (['call', 'tap', 'error', 'result', 'done'] as const).map((method) => [method, interceptors.flatMap((i, k) => (i[method] ? [k] : []))]),
  ) as Record<Method, number[]>;
  const argc = args.length;
  const bail = kind == 'SyncBailHook';
  const waterfall = kind == 'AsyncSeriesWaterfallHook';

  /** One call: `onError`, `onResult`, `onDone` are the mode's outcomes (tapable's ContentOptions). */
  const run = (given: unknown[], onError: Sink, onResult: Sink, onDone: Sink, rethrowIfPossible: boolean): unknown => {
    const values = Array.from({ length: argc }, (_, i) => given[i]);
    const context = needContext ? {} : undefined;
    const liveTaps = hook.taps;
    const live = hook.interceptors;
    const withContext = (on: unknown, rest: unknown[]) => (on ? [context, ...rest] : rest);
    const notify = (method: Method, rest: unknown[]) => {
      for (const k of withMethod[method]) live[k]![method]!(...(method == 'call' || method == 'tap' ? withContext(interceptorContext[k], rest) : rest));
    };
    if (interceptors.length) {
      notify('call', values);
      const [error, result, done] = [onError, onResult, onDone];
      onError = (e) => (notify('error', [e]), error(e));
      onResult = (r) => (notify('result', [r]), result(r));
      onDone = () => (notify('done', []), done());
    }
    // The waterfall ends with its first argument as the result; the others end "done".
    const end = () => (waterfall ? onResult(values[0]) : onDone());
    const step = (i: number): unknown => {
      if (i == fns.length) return end();
      const next = () => step(i + 1);
      if (withMethod.tap.length) notify('tap', [liveTaps[i]]);
      const fn = fns[i]!;
      const tapArgs = withContext(tapContext[i], values);
      // The kind's rule for a tap's result; SyncHook has none and goes straight on.
      const settle = bail
        ? (r: unknown) => (r !== undefined ? onResult(r) : next())
        : waterfall
          ? (r: unknown) => (r !== undefined && (values[0] = r), next())
          : next;
      switch (types[i]) {
        case 'sync': {
          let r: unknown;
          // Sync taps before the first async one may throw straight through a sync call.
          if (rethrowIfPossible && (firstAsync < 0 || i < firstAsync)) r = fn(...tapArgs);
          else
            try {
              r = fn(...tapArgs);
            } catch (e) {
              return onError(e);
            }
          return settle(r);
        }
        case 'async':
          // The callback's arity matches tapable's (a tap may look at it): SyncHook's takes no result.
          fn(...tapArgs, bail || waterfall ? (e: unknown, r: unknown) => (e ? onError(e) : settle(r)) : (e: unknown) => (e ? onError(e) : next()));
          return;
        case 'promise': {
          const promise = fn(...tapArgs);
          if (!promise || !promise.then) throw new Error('Tap function (tapPromise) did not return promise (returned ' + promise + ')');
          let hasResult = false;
          promise.then(
            (r: unknown) => ((hasResult = true), settle(r)),
            (e: unknown) => {
              if (hasResult) throw e;
              return onError(!e ? new Error('Tap function (tapPromise) rejects "' + e + '" value') : e);
            },
          );
        }
      }
    };
    return step(0);
  };

  if (type == 'sync')
    return (...given: unknown[]) =>
      run(
        given,
        (e) => {
          throw e;
        },
        (r) => r,
        () => undefined,
        true,
      );
  if (type == 'async')
    return (...given: unknown[]) => {
      // Like the generated function, the callback is the parameter after the hook's arguments.
      const callback = given[argc] as AnyFn;
      run(
        given,
        (e) => void callback(e),
        (r) => void callback(null, r),
        () => void callback(),
        false,
      );
    };
  return (...given: unknown[]) =>
    new Promise((resolve, reject) => {
      // An error raised before the executor returns is delivered one tick later, as tapable does.
      let synchronous = true;
      run(
        given,
        (e) =>
          synchronous
            ? resolve(
                Promise.resolve().then(() => {
                  throw e;
                }),
              )
            : reject(e),
        resolve,
        () => resolve(undefined),
        false,
      );
      synchronous = false;
    });
}
