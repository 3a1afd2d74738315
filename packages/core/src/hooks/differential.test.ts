// Differential test: the same random scenarios run through stock tapable (which compiles
// with new Function; vitest allows it) and through our interpreter; the complete logs of
// tap calls, interceptor calls, results, errors and callbacks must be identical, event for
// event and in the same order (microtasks included, via a deterministic scheduler).
import fc from 'fast-check';
import * as stock from 'tapable';
import { describe, expect, it } from 'vitest';
import * as ours from './index.js';
import type { HookKind } from './interpret.js';

type Kind = HookKind;

// The kinds core constructs (see interpret.ts); the interpreter implements no others.
const SYNC_KINDS: Kind[] = ['SyncHook', 'SyncBailHook'];
const ASYNC_KINDS: Kind[] = ['AsyncSeriesWaterfallHook'];

// ---- scenario model ---------------------------------------------------------------------

type Value = undefined | null | false | 0 | 1 | 'x';
type ErrorSpec = 'error' | 'undefined' | 'zero';
type Timing = 'sync' | 'micro' | { later: number };

type Outcome =
  | { kind: 'sync'; returns: Value }
  | { kind: 'sync'; throws: ErrorSpec }
  | { kind: 'async'; timing: Timing; error?: ErrorSpec; result?: Value; twice?: boolean }
  | { kind: 'promise'; timing: Exclude<Timing, 'sync'>; reject?: ErrorSpec; resolve?: Value }
  | { kind: 'promise'; notAPromise: true }
  /** A thenable that fulfils, then also rejects (no real promise does; tapable guards it). */
  | { kind: 'promise'; badThenable: true; resolve: Value };

interface TapSpec {
  op: 'tap';
  name: string;
  type: 'sync' | 'async' | 'promise';
  stage?: number;
  before?: string | string[];
  context?: boolean;
  /** Outcome of the n-th invocation; afterwards the tap succeeds with undefined. */
  outcomes: Outcome[];
  viaWithOptions?: boolean;
}

interface InterceptorSpec {
  op: 'intercept';
  id: number;
  methods: ('call' | 'tap' | 'loop' | 'error' | 'result' | 'done' | 'register')[];
  context?: boolean;
  /** register returns a wrapped tap instead of undefined. */
  wrap?: boolean;
  /** register turns sync taps named A into promise taps (register may change a tap's type). */
  retype?: boolean;
}

interface CallSpec {
  op: 'call';
  mode: 'sync' | 'async' | 'promise';
  args: number[];
  /** Start the next op without waiting for this call to settle (calls overlap). */
  overlap?: boolean;
}

type Op = TapSpec | InterceptorSpec | CallSpec;

interface Scenario {
  kind: Kind;
  argc: number;
  ops: Op[];
}

// ---- arbitraries ------------------------------------------------------------------------

const NAMES = ['A', 'B', 'C', 'D', 'E'];
const value = fc.constantFrom<Value>(undefined, undefined, undefined, null, false, 0, 1, 'x');
const errorSpec = fc.constantFrom<ErrorSpec>('error', 'error', 'error', 'undefined', 'zero');
const later = fc.integer({ min: 0, max: 3 }).map((later) => ({ later }));
const timing: fc.Arbitrary<Timing> = fc.oneof(fc.constant<Timing>('sync'), fc.constant<Timing>('micro'), later);
const asyncTiming = fc.oneof(fc.constant<'micro'>('micro'), later);

function outcomeFor(type: TapSpec['type']): fc.Arbitrary<Outcome> {
  switch (type) {
    case 'sync':
      return fc.oneof(
        { weight: 4, arbitrary: value.map((returns) => ({ kind: 'sync' as const, returns })) },
        { weight: 1, arbitrary: errorSpec.map((throws) => ({ kind: 'sync' as const, throws })) },
      );
    case 'async':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({ kind: fc.constant('async' as const), timing, result: value }),
        },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('async' as const), timing, error: errorSpec }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('async' as const),
            timing,
            result: value,
            twice: fc.constant(true),
          }),
        },
      );
    case 'promise':
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({ kind: fc.constant('promise' as const), timing: asyncTiming, resolve: value }),
        },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('promise' as const), timing: asyncTiming, reject: errorSpec }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'promise' as const, notAPromise: true as const }) },
        {
          weight: 1,
          arbitrary: value.map((resolve) => ({ kind: 'promise' as const, badThenable: true as const, resolve })),
        },
      );
  }
}

function tapSpec(sync: boolean): fc.Arbitrary<TapSpec> {
  const type = sync
    ? fc.constant<'sync'>('sync')
    : fc.constantFrom<TapSpec['type']>('sync', 'async', 'promise');
  return type.chain((t) =>
    fc.record(
      {
        op: fc.constant('tap' as const),
        name: fc.constantFrom(...NAMES),
        type: fc.constant(t),
        stage: fc.integer({ min: -2, max: 2 }),
        before: fc.oneof(fc.constantFrom(...NAMES, 'Z'), fc.subarray([...NAMES, 'Z'], { maxLength: 3 })),
        context: fc.boolean(),
        outcomes: fc.array(outcomeFor(t), { maxLength: 3 }),
        viaWithOptions: fc.boolean(),
      },
      { requiredKeys: ['op', 'name', 'type', 'outcomes'] },
    ),
  );
}

let interceptorIds = 0;
const interceptorSpec: fc.Arbitrary<InterceptorSpec> = fc
  .record(
    {
      methods: fc.subarray(['call', 'tap', 'loop', 'error', 'result', 'done', 'register'] as const, {
        minLength: 1,
      }),
      context: fc.boolean(),
      wrap: fc.boolean(),
      retype: fc.boolean(),
    },
    { requiredKeys: ['methods'] },
  )
  .map((spec) => ({ op: 'intercept' as const, id: ++interceptorIds % 100, ...spec, methods: [...spec.methods] }));

function scenario(kinds: Kind[]): fc.Arbitrary<Scenario> {
  return fc.constantFrom(...kinds).chain((kind) => {
    const sync = SYNC_KINDS.includes(kind);
    const waterfall = kind.includes('Waterfall');
    const modes: CallSpec['mode'][] = sync ? ['sync', 'async', 'promise'] : ['async', 'promise'];
    return fc.integer({ min: waterfall ? 1 : 0, max: 3 }).chain((argc) => {
      const call: fc.Arbitrary<CallSpec> = fc.record({
        op: fc.constant('call' as const),
        mode: fc.constantFrom(...modes),
        // Sometimes fewer or more values than the hook has arguments.
        args: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: Math.max(0, argc - 1), maxLength: argc + 1 }),
        overlap: fc.boolean(),
      });
      const op = fc.oneof(
        { weight: 5, arbitrary: tapSpec(sync) as fc.Arbitrary<Op> },
        { weight: 1, arbitrary: interceptorSpec as fc.Arbitrary<Op> },
        { weight: 1, arbitrary: call as fc.Arbitrary<Op> },
      );
      return fc
        .tuple(fc.array(op, { maxLength: 8 }), fc.array(call, { minLength: 1, maxLength: 2 }))
        .map(([ops, calls]) => ({ kind, argc, ops: [...ops, ...calls] }));
    });
  });
}

// ---- execution --------------------------------------------------------------------------

/** Jobs run in (delay, insertion) order, one at a time after microtasks settle: deterministic. */
class Scheduler {
  private jobs: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;
  later(delay: number, run: () => void) {
    this.jobs.push({ at: delay, seq: this.seq++, run });
  }
  async drain(): Promise<void> {
    for (let rounds = 0; rounds < 10_000; rounds++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.jobs.length === 0) return;
      this.jobs.sort((a, b) => a.at - b.at || a.seq - b.seq);
      this.jobs.shift()!.run();
    }
    throw new Error('scheduler did not settle');
  }
}

function describeValue(v: unknown): string {
  if (v instanceof Error) return `${v.constructor.name}(${v.message})`;
  if (v === undefined) return 'undefined';
  if (typeof v === 'object' && v !== null) return `object{${Object.keys(v).join(',')}}`;
  return `${typeof v}:${String(v)}`;
}

function makeError(spec: ErrorSpec, label: string): unknown {
  if (spec === 'undefined') return undefined;
  if (spec === 'zero') return 0;
  return new Error(`E ${label}`);
}

type Impl = typeof stock;

/**
 * Some tapable paths leave a rejected promise nobody can handle (an error after the
 * hook's promise settled). Those are behaviour too: while a scenario runs, they are
 * logged instead of reaching the test runner's handler, then the handlers are restored.
 */
async function execute(impl: Impl, sc: Scenario): Promise<string[]> {
  const log: string[] = [];
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const onUnhandled = (reason: unknown) => log.push(`unhandled rejection ${describeValue(reason)}`);
  process.on('unhandledRejection', onUnhandled);
  try {
    return await executeLogged(impl, sc, log);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    for (const listener of saved) process.on('unhandledRejection', listener);
  }
}

async function executeLogged(impl: Impl, sc: Scenario, log: string[]): Promise<string[]> {
  const sched = new Scheduler();
  const argNames = ['a', 'b', 'c'].slice(0, sc.argc);
  const Ctor = (impl as any)[sc.kind];
  let hook: any;
  try {
    hook = new Ctor(argNames, 'hook');
  } catch (error) {
    return [`construct threw ${describeValue(error)}`];
  }
  let tapSeq = 0;

  // A throw that escapes into a microtask or a job is logged, so that it is compared too.
  const guarded = (run: () => void) => () => {
    try {
      run();
    } catch (error) {
      log.push(`job threw ${describeValue(error)}`);
    }
  };
  const schedule = (t: Timing, run: () => void) => {
    if (t === 'sync') run();
    else if (t === 'micro') queueMicrotask(guarded(run));
    else sched.later(t.later, guarded(run));
  };
  // True while hook.call / callAsync / promise runs synchronously (see notAPromise).
  let insideCall = false;

  const makeFn = (spec: TapSpec, id: string) => {
    let n = 0;
    return (...received: unknown[]) => {
      const index = n++;
      const label = `${id}#${index}`;
      const shown = received.map((r) => (typeof r === 'function' ? `fn/${r.length}` : describeValue(r)));
      log.push(`tap ${label} (${shown.join(', ')})`);
      if (spec.context && typeof received[0] === 'object' && received[0] !== null) {
        (received[0] as Record<string, unknown>)[label] = true;
      }
      const outcome = spec.outcomes[index];
      switch (spec.type) {
        case 'sync': {
          if (outcome && outcome.kind === 'sync' && 'throws' in outcome) throw makeError(outcome.throws, label);
          return outcome && outcome.kind === 'sync' && 'returns' in outcome ? outcome.returns : undefined;
        }
        case 'async': {
          const callback = received[received.length - 1] as (...a: unknown[]) => unknown;
          const o = outcome && outcome.kind === 'async' ? outcome : { kind: 'async' as const, timing: 'sync' as const };
          schedule(o.timing, () => {
            const give = () => {
              log.push(`tap ${label} calls back`);
              const back =
                o.error !== undefined ? callback(makeError(o.error, label)) : callback(null, (o as { result?: Value }).result);
              log.push(`tap ${label} callback returned ${describeValue(back)}`);
            };
            give();
            if (o.twice) give();
          });
          return undefined;
        }
        case 'promise': {
          if (outcome && outcome.kind === 'promise' && 'notAPromise' in outcome) {
            // Thrown inside a then-handler, tapable's error would be an unhandled rejection
            // that no test can observe; so only misbehave during the synchronous part.
            if (insideCall) return 42;
            log.push(`tap ${label} would not return a promise, but is late`);
            return Promise.resolve(undefined);
          }
          if (outcome && outcome.kind === 'promise' && 'badThenable' in outcome) {
            return {
              then(onFulfilled: (v: unknown) => unknown, onRejected: (e: unknown) => unknown) {
                schedule('micro', () => {
                  log.push(`tap ${label} thenable fulfils`);
                  onFulfilled(outcome.resolve);
                  try {
                    onRejected(new Error(`late ${label}`));
                  } catch (error) {
                    log.push(`tap ${label} late rejection threw ${describeValue(error)}`);
                  }
                });
              },
            };
          }
          const o =
            outcome && outcome.kind === 'promise' && !('notAPromise' in outcome) && !('badThenable' in outcome)
              ? outcome
              : { kind: 'promise' as const, timing: 'micro' as const, resolve: undefined };
          return new Promise((resolve, reject) => {
            schedule(o.timing, () => {
              log.push(`tap ${label} settles`);
              if (o.reject !== undefined) reject(makeError(o.reject, label));
              else resolve(o.resolve);
            });
          });
        }
      }
    };
  };

  const doTap = (spec: TapSpec) => {
    const id = `${spec.name}${tapSeq++}`;
    const options: Record<string, unknown> = { name: spec.name };
    if (spec.stage !== undefined) options.stage = spec.stage;
    if (spec.before !== undefined) options.before = spec.before;
    if (spec.context) options.context = true;
    const method = spec.type === 'sync' ? 'tap' : spec.type === 'async' ? 'tapAsync' : 'tapPromise';
    const target = spec.viaWithOptions ? hook.withOptions({ stage: 1 }) : hook;
    try {
      target[method](options, makeFn(spec, id));
      log.push(`tapped ${id}: ${hook.taps.map((t?: { name: string }) => t?.name ?? '-').join(',')}`);
    } catch (error) {
      log.push(`tap ${id} threw ${describeValue(error)}`);
    }
  };

  const doIntercept = (spec: InterceptorSpec) => {
    const tag = `I${spec.id}`;
    const interceptor: Record<string, unknown> = { name: tag };
    if (spec.context) interceptor.context = true;
    const show = (args: unknown[]) => args.map((a) => describeValue(a)).join(', ');
    for (const method of spec.methods) {
      switch (method) {
        case 'register':
          interceptor.register = (tap?: { name: string; type: string; fn: (...a: unknown[]) => unknown }) => {
            log.push(`${tag}.register ${tap ? `${tap.name}/${tap.type}` : '-'}`);
            if (!spec.wrap || !tap) return undefined;
            const inner = tap.fn;
            if (spec.retype && tap.type === 'sync' && tap.name === 'A') {
              return {
                ...tap,
                type: 'promise',
                fn: (...a: unknown[]) => {
                  log.push(`${tag} promise wrapper of ${tap.name}`);
                  return new Promise((resolve) => resolve(inner(...a)));
                },
              };
            }
            return {
              ...tap,
              fn: (...a: unknown[]) => {
                log.push(`${tag} wrapper of ${tap.name}`);
                return inner(...a);
              },
            };
          };
          break;
        case 'tap':
          interceptor.tap = (...a: unknown[]) => {
            const tap = a[a.length - 1] as { name: string; type: string };
            log.push(`${tag}.tap ${show(a.slice(0, -1))} ${tap.name}/${tap.type}`);
          };
          break;
        default:
          interceptor[method] = (...a: unknown[]) => {
            log.push(`${tag}.${method}(${show(a)})`);
          };
      }
    }
    hook.intercept(interceptor);
    log.push(`intercepted ${tag}: ${hook.taps.map((t?: { name: string }) => t?.name ?? '-').join(',')}`);
  };

  const doCall = async (spec: CallSpec) => {
    log.push(`call ${spec.mode} [${spec.args.join(',')}]`);
    insideCall = true;
    try {
      switch (spec.mode) {
        case 'sync':
          log.push(`returned ${describeValue(hook.call(...spec.args))}`);
          break;
        case 'async': {
          const all: unknown[] = [...spec.args];
          // The callback always sits right after the hook's arguments.
          while (all.length < sc.argc) all.push(undefined);
          all.length = sc.argc;
          const r = hook.callAsync(...all, (...given: unknown[]) => {
            log.push(`callback (${given.map(describeValue).join(', ')})`);
          });
          log.push(`callAsync returned ${describeValue(r)}`);
          break;
        }
        case 'promise':
          hook.promise(...spec.args).then(
            (result: unknown) => log.push(`resolved ${describeValue(result)}`),
            (error: unknown) => log.push(`rejected ${describeValue(error)}`),
          );
          break;
      }
    } catch (error) {
      log.push(`threw ${describeValue(error)}`);
    }
    insideCall = false;
    if (!spec.overlap) await sched.drain();
  };

  for (const op of sc.ops) {
    if (op.op === 'tap') doTap(op);
    else if (op.op === 'intercept') doIntercept(op);
    else await doCall(op);
  }
  await sched.drain();
  log.push(`isUsed ${hook.isUsed()}`);
  return log;
}

// HOOKS_DIFF_RUNS=5000 for a longer hunt; the default keeps the suite at a few seconds.
const RUNS = Number(process.env.HOOKS_DIFF_RUNS) || 0;

// Edges random generation rarely reaches, always checked.
const SYNC_EXAMPLES: Scenario[] = [
  {
    // A register interceptor turns tap A into a promise tap; B, after it, throws in a sync call.
    kind: 'SyncHook',
    argc: 1,
    ops: [
      { op: 'intercept', id: 1, methods: ['register', 'error', 'done'], wrap: true, retype: true },
      { op: 'tap', name: 'A', type: 'sync', outcomes: [] },
      { op: 'tap', name: 'B', type: 'sync', outcomes: [{ kind: 'sync', throws: 'error' }] },
      { op: 'call', mode: 'sync', args: [1] },
    ],
  },
];
const ASYNC_EXAMPLES: Scenario[] = [
  {
    // A calls back twice: two chains run on, each through B, the late one after the first ended.
    kind: 'AsyncSeriesWaterfallHook',
    argc: 1,
    ops: [
      { op: 'tap', name: 'A', type: 'async', outcomes: [{ kind: 'async', timing: 'sync', result: undefined, twice: true }] },
      {
        op: 'tap',
        name: 'B',
        type: 'async',
        outcomes: [
          { kind: 'async', timing: { later: 1 }, result: 1 },
          { kind: 'async', timing: { later: 2 }, result: undefined },
        ],
      },
      { op: 'call', mode: 'async', args: [0] },
    ],
  },
];

describe('our hooks behave exactly as stock tapable', () => {
  it('sync hooks: call, callAsync and promise, with random taps and interceptors', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(SYNC_KINDS), async (sc) => {
        const expected = await execute(stock, sc);
        const actual = await execute(ours as unknown as Impl, sc);
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS || 400, examples: SYNC_EXAMPLES.map((sc) => [sc] as [Scenario]) },
    );
  });

  it('async hooks: sync, callback and promise taps, timings, errors and interceptors', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(ASYNC_KINDS), async (sc) => {
        const expected = await execute(stock, sc);
        const actual = await execute(ours as unknown as Impl, sc);
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS || 600, examples: ASYNC_EXAMPLES.map((sc) => [sc] as [Scenario]) },
    );
  });
});
