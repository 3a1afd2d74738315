/**
 * Runs a hook's taps without generating code.
 *
 * tapable turns the taps of a hook into JavaScript source and compiles it with
 * `new Function`. This module gives the same behaviour by walking the taps at call time.
 * Its shape follows tapable's code generator on purpose: `series` and `callTap` take the same callbacks that generator takes, except that each callback
 * *does* the step instead of *printing* it, so every ordering and error rule of the
 * generated code (which interceptor sees what, when a tap's error is rethrown, how async
 * callbacks and promise taps continue the chain) carries over one to one.
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

/** An interceptor, as tapable's Hook stores it (a copy of what `intercept` got). */
interface Interceptor {
  context?: boolean;
  call?: AnyFn;
  tap?: AnyFn;
  error?: AnyFn;
  result?: AnyFn;
  done?: AnyFn;
}

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

/**
 * What tapable bakes into generated code at compile time: the number and kinds of taps,
 * which interceptors have which methods, who wants a context object. Calls read the
 * functions and objects themselves, as the generated code does.
 */
interface Plan {
  readonly kind: HookKind;
  readonly argc: number;
  readonly types: readonly FullTap['type'][];
  readonly tapContext: readonly boolean[];
  readonly fns: readonly AnyFn[];
  /** Index of the first tap that is not sync, or -1. */
  readonly firstAsync: number;
  readonly needContext: boolean;
  readonly interceptorCount: number;
  readonly interceptorContext: readonly boolean[];
  readonly withCall: readonly number[];
  readonly withTap: readonly number[];
  readonly withError: readonly number[];
  readonly withResult: readonly number[];
  readonly withDone: readonly number[];
}

/** The state of one call: tapable's local variables `_context`, `_taps`, `_interceptors` and the arguments. */
interface Run {
  readonly plan: Plan;
  /** Current argument values; waterfall hooks replace `args[0]`. */
  readonly args: unknown[];
  readonly context: object | undefined;
  readonly taps: FullTap[];
  readonly interceptors: Interceptor[];
}

type Step = () => unknown;
type DoneBreak = (skipDone: boolean) => unknown;
type OnTapError = (index: number, error: unknown, next: Step, doneBreak: DoneBreak) => unknown;
type OnTapResult = (index: number, result: unknown, next: Step, doneBreak: DoneBreak) => unknown;

/** The outcome handlers of the whole call (tapable's ContentOptions). */
interface Sinks {
  onError(error: unknown): unknown;
  onResult(result: unknown): unknown;
  onDone(): unknown;
  rethrowIfPossible: boolean;
}

/** The outcome handlers of one tap (tapable's CallTapOptions). */
interface TapHandlers {
  onError(error: unknown): unknown;
  onResult: ((result: unknown) => unknown) | undefined;
  onDone: Step | undefined;
  rethrowIfPossible: boolean;
}

interface SeriesOptions {
  onError: OnTapError;
  onResult?: OnTapResult;
  onDone: Step;
  rethrowIfPossible: boolean;
}

function indicesWith(interceptors: readonly Interceptor[], method: keyof Interceptor): number[] {
  const found: number[] = [];
  interceptors.forEach((interceptor, index) => {
    if (interceptor[method]) found.push(index);
  });
  return found;
}

function makePlan(kind: HookKind, options: CompileOptions): Plan {
  const { taps, interceptors } = options;
  // Read `fn` first: a broken tap list then fails with the same TypeError as in tapable.
  const fns = taps.map((tap) => tap.fn);
  return {
    kind,
    argc: options.args.length,
    fns,
    types: taps.map((tap) => tap.type),
    tapContext: taps.map((tap) => Boolean(tap.context)),
    firstAsync: taps.findIndex((tap) => tap.type !== 'sync'),
    needContext: taps.some((tap) => tap.context),
    interceptorCount: interceptors.length,
    interceptorContext: interceptors.map((interceptor) => Boolean(interceptor.context)),
    withCall: indicesWith(interceptors, 'call'),
    withTap: indicesWith(interceptors, 'tap'),
    withError: indicesWith(interceptors, 'error'),
    withResult: indicesWith(interceptors, 'result'),
    withDone: indicesWith(interceptors, 'done'),
  };
}

/**
 * Replacement for tapable's `compile`: returns the function tapable installs as the
 * hook's `call`, `callAsync` or `promise` until the next tap or interceptor is added.
 */
export function compileHook(hook: HookState, kind: HookKind, options: CompileOptions): AnyFn {
  const plan = makePlan(kind, options);
  // tapable keeps the tap functions of the current compilation on the hook.
  hook._x = plan.fns as AnyFn[];
  switch (options.type) {
    case 'sync':
      return function callSync(...given: unknown[]) {
        const run = startRun(hook, plan, given);
        return content(run, {
          onError: (error) => {
            throw error;
          },
          onResult: (result) => result,
          onDone: () => undefined,
          rethrowIfPossible: true,
        });
      };
    case 'async':
      return function callAsync(...given: unknown[]) {
        // Like the generated function, the callback is the parameter after the hook's arguments.
        const callback = given[plan.argc] as AnyFn;
        const run = startRun(hook, plan, given);
        content(run, {
          onError: (error) => {
            callback(error);
          },
          onResult: (result) => {
            callback(null, result);
          },
          onDone: () => {
            callback();
          },
          rethrowIfPossible: false,
        });
      };
    case 'promise':
      return function callPromise(...given: unknown[]) {
        const run = startRun(hook, plan, given);
        return new Promise((resolve, reject) => {
          // An error raised before the executor returns is delivered one tick later, as tapable does.
          let synchronous = true;
          const fail = (error: unknown) => {
            if (synchronous)
              resolve(
                Promise.resolve().then(() => {
                  throw error;
                }),
              );
            else reject(error);
          };
          content(run, {
            onError: fail,
            onResult: (result) => {
              resolve(result);
            },
            onDone: () => {
              resolve(undefined);
            },
            rethrowIfPossible: false,
          });
          synchronous = false;
        });
      };
  }
}

function startRun(hook: HookState, plan: Plan, given: unknown[]): Run {
  const args = new Array<unknown>(plan.argc);
  for (let i = 0; i < plan.argc; i++) args[i] = given[i];
  return {
    plan,
    args,
    context: plan.needContext ? {} : undefined,
    taps: hook.taps,
    interceptors: hook.interceptors,
  };
}

function interceptorArgs(run: Run, index: number, rest: readonly unknown[]): unknown[] {
  return run.plan.interceptorContext[index] ? [run.context, ...rest] : [...rest];
}

/** Calls the `call` interceptors, then runs the kind's body with outcome handlers that notify interceptors first. */
function content(run: Run, sinks: Sinks): unknown {
  const { plan } = run;
  if (plan.interceptorCount === 0) return body(run, sinks);
  for (const k of plan.withCall) run.interceptors[k]!.call!(...interceptorArgs(run, k, run.args));
  return body(run, {
    onError: (error) => {
      for (const k of plan.withError) run.interceptors[k]!.error!(error);
      return sinks.onError(error);
    },
    onResult: (result) => {
      for (const k of plan.withResult) run.interceptors[k]!.result!(result);
      return sinks.onResult(result);
    },
    onDone: () => {
      for (const k of plan.withDone) run.interceptors[k]!.done!();
      return sinks.onDone();
    },
    rethrowIfPossible: sinks.rethrowIfPossible,
  });
}

function body(run: Run, s: Sinks): unknown {
  const stopOnError: OnTapError = (_i, error, _next, doneBreak) => {
    s.onError(error);
    return doneBreak(true);
  };
  const bail: OnTapResult = (_i, result, next) => (result !== undefined ? s.onResult(result) : next());
  const waterfall: OnTapResult = (_i, result, next) => {
    if (result !== undefined) run.args[0] = result;
    return next();
  };
  const rethrowIfPossible = s.rethrowIfPossible;
  switch (run.plan.kind) {
    case 'SyncHook':
      return series(run, { onError: (_i, error) => s.onError(error), onDone: s.onDone, rethrowIfPossible });
    case 'SyncBailHook':
      return series(run, { onError: (_i, error) => s.onError(error), onResult: bail, onDone: s.onDone, rethrowIfPossible });
    case 'AsyncSeriesWaterfallHook':
      return series(run, {
        onError: stopOnError,
        onResult: waterfall,
        onDone: () => s.onResult(run.args[0]),
        rethrowIfPossible: false,
      });
  }
}

/** Taps one after another; each continues the chain from its own outcome handler. */
function series(run: Run, o: SeriesOptions): unknown {
  const { plan } = run;
  const count = plan.types.length;
  if (count === 0) return o.onDone();
  const doneBreak: DoneBreak = (skipDone) => (skipDone ? undefined : o.onDone());
  const onResult = o.onResult;
  const step = (i: number): unknown => {
    if (i === count) return o.onDone();
    const next = () => step(i + 1);
    return callTap(run, i, {
      onError: (error) => o.onError(i, error, next, doneBreak),
      onResult: onResult && ((result) => onResult(i, result, next, doneBreak)),
      onDone: onResult ? undefined : next,
      // Sync taps before the first async one may throw straight through a sync call.
      rethrowIfPossible: o.rethrowIfPossible && (plan.firstAsync < 0 || i < plan.firstAsync),
    });
  };
  return step(0);
}

function settle(h: TapHandlers, result: unknown): unknown {
  if (h.onResult) return h.onResult(result);
  if (h.onDone) return h.onDone();
  return undefined;
}

/** Calls tap `i` by its kind and routes its outcome to the handlers. */
function callTap(run: Run, i: number, h: TapHandlers): unknown {
  const { plan } = run;
  if (plan.withTap.length > 0) {
    const tap = run.taps[i];
    for (const k of plan.withTap) run.interceptors[k]!.tap!(...interceptorArgs(run, k, [tap]));
  }
  const fn = plan.fns[i]!;
  const args = plan.tapContext[i] ? [run.context, ...run.args] : [...run.args];
  switch (plan.types[i]) {
    case 'sync': {
      if (h.rethrowIfPossible) return settle(h, fn(...args));
      let result: unknown;
      try {
        result = fn(...args);
      } catch (error) {
        return h.onError(error);
      }
      return settle(h, result);
    }
    case 'async': {
      // The callback's arity matches tapable's (a tap may look at it).
      const callback = h.onResult
        ? function tapCallback(error: unknown, result: unknown) {
            return error ? h.onError(error) : h.onResult!(result);
          }
        : function tapCallback(error: unknown) {
            return error ? h.onError(error) : settle(h, undefined);
          };
      fn(...args, callback);
      return undefined;
    }
    case 'promise': {
      const promise = fn(...args);
      if (!promise || !promise.then)
        throw new Error('Tap function (tapPromise) did not return promise (returned ' + promise + ')');
      let hasResult = false;
      promise.then(
        function onFulfilled(result: unknown) {
          hasResult = true;
          return settle(h, result);
        },
        function onRejected(error: unknown) {
          if (hasResult) throw error;
          return h.onError(!error ? new Error('Tap function (tapPromise) rejects "' + error + '" value') : error);
        },
      );
      return undefined;
    }
    default:
      return undefined;
  }
}
