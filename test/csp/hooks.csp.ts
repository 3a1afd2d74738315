// Run by `npm run test:csp`: node --disallow-code-generation-from-strings --test test/csp/*.csp.ts
// (Node's test runner: vitest's module runner itself evaluates code from strings).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as stock from 'tapable';
import {
  AsyncParallelBailHook,
  AsyncParallelHook,
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesLoopHook,
  AsyncSeriesWaterfallHook,
  HookMap,
  SyncBailHook,
  SyncHook,
  SyncLoopHook,
  SyncWaterfallHook,
} from '../../packages/core/src/hooks/index.js';

describe('the CSP flag is in force', () => {
  it('refuses new Function and eval', () => {
    assert.throws(() => new Function('return 1'), EvalError);
    // Indirect eval, so that no bundler or loader treats it specially.
    const indirectEval = globalThis.eval;
    assert.throws(() => indirectEval('1'), EvalError);
  });

  it('breaks stock tapable at its first call', () => {
    const hook = new stock.SyncHook<[number]>(['n']);
    hook.tap('t', () => undefined);
    assert.throws(() => hook.call(1), EvalError);
    const asyncHook = new stock.AsyncSeriesHook<[]>([]);
    assert.throws(() => asyncHook.promise(), EvalError);
  });
});

describe('our hooks under the flag', () => {
  it('sync kinds: order, bail, waterfall, loop, interceptors, errors', () => {
    const log: string[] = [];
    const hook = new SyncHook<[string]>(['s']);
    hook.intercept({
      call: (s) => void log.push(`call ${s}`),
      tap: (tap) => void log.push(`tap ${tap.name}`),
      register: (tap) => ({ ...tap, name: tap.name.toUpperCase() }),
    });
    hook.tap('b', (s) => void log.push(`b ${s}`));
    hook.tap({ name: 'a', before: 'B' }, (s) => void log.push(`a ${s}`));
    hook.call('x');
    assert.deepEqual(log, ['call x', 'tap A', 'a x', 'tap B', 'b x']);

    const bail = new SyncBailHook<[number], string>(['n']);
    bail.tap('small', (n) => (n < 10 ? 'small' : undefined) as string);
    bail.tap({ name: 'any', stage: 5 }, () => 'any');
    assert.equal(bail.call(3), 'small');
    assert.equal(bail.call(30), 'any');

    const water = new SyncWaterfallHook<[number]>(['n']);
    water.tap('inc', (n) => n + 1);
    water.tap('keep', () => undefined as unknown as number);
    water.tap('double', (n) => n * 2);
    assert.equal(water.call(4), 10);

    let turns = 0;
    const loop = new SyncLoopHook<[]>([]);
    loop.tap('until3', () => (++turns < 3 ? true : undefined) as undefined);
    loop.call();
    assert.equal(turns, 3);

    const failing = new SyncHook<[]>([]);
    failing.tap('boom', () => {
      throw new Error('boom');
    });
    assert.throws(() => failing.call(), /boom/);
  });

  it('async kinds: series, bail, waterfall, loop, parallel, parallel bail', async () => {
    const order: string[] = [];
    const series = new AsyncSeriesHook<[string]>(['s']);
    series.tapAsync('cb', (s, callback) => setTimeout(() => (order.push(`cb ${s}`), callback()), 5));
    series.tapPromise('promise', async (s) => void order.push(`promise ${s}`));
    series.tap('sync', (s) => void order.push(`sync ${s}`));
    await series.promise('x');
    assert.deepEqual(order, ['cb x', 'promise x', 'sync x']);

    const bail = new AsyncSeriesBailHook<[number], string>(['n']);
    bail.tapPromise('none', async () => undefined as unknown as string);
    bail.tapAsync('claim', (n, callback) => callback(null, `claimed ${n}`));
    assert.equal(await bail.promise(7), 'claimed 7');

    const water = new AsyncSeriesWaterfallHook<[{ input: Record<string, unknown> }]>(['call']);
    water.tapPromise('metadata', async (call) => ({ input: { ...call.input, ClientMetadata: { app: 'csp' } } }));
    const out = await water.promise({ input: { AuthFlow: 'USER_SRP_AUTH' } });
    assert.deepEqual(out.input, { AuthFlow: 'USER_SRP_AUTH', ClientMetadata: { app: 'csp' } });

    let passes = 0;
    const loop = new AsyncSeriesLoopHook<[]>([]);
    loop.tapPromise('again', async () => (++passes < 4 ? 1 : undefined) as unknown as void);
    await loop.promise();
    assert.equal(passes, 4);

    const parallel = new AsyncParallelHook<[]>([]);
    const started: string[] = [];
    parallel.tapAsync('slow', (callback) => (started.push('slow'), setTimeout(callback, 10)));
    parallel.tapPromise('fast', async () => void started.push('fast'));
    await parallel.promise();
    assert.deepEqual(started, ['slow', 'fast']);

    const first = new AsyncParallelBailHook<[], string>([]);
    first.tapAsync('late but first', (callback) => setTimeout(() => callback(null, 'first'), 15));
    first.tapPromise('early but second', async () => 'second');
    assert.equal(await first.promise(), 'first');

    const failing = new AsyncSeriesHook<[]>([]);
    failing.tapPromise('rejects', () => Promise.reject(new Error('nope')));
    await assert.rejects(failing.promise(), /nope/);
    const viaCallback = await new Promise<unknown>((resolve) => failing.callAsync((error) => resolve(error)));
    assert.match(String(viaCallback), /nope/);
  });

  it('HookMap with a factory of our hooks', () => {
    const map = new HookMap((key: string) => new SyncBailHook<[string], string | undefined>(['input'], key));
    map.for('SOFTWARE_TOKEN_MFA').tap('totp', (input) => `TOTP step for ${input}`);
    assert.equal(map.for('SOFTWARE_TOKEN_MFA').call('ada'), 'TOTP step for ada');
    assert.equal(map.for('SMS_MFA').call('ada'), undefined);
  });
});
