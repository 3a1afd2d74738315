// Run by `npm run test:csp`: node --disallow-code-generation-from-strings --test test/csp/*.csp.ts
// (Node's test runner: vitest's module runner itself evaluates code from strings).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as stock from 'tapable';
// Core's hooks module (not a public entry: apps and plugins tap the hooks core builds).
import { AsyncSeriesWaterfallHook, HookMap, SyncBailHook, SyncHook } from '../../packages/core/src/hooks/index.js';

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
  it('sync kinds: order, bail, interceptors, errors', () => {
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

    const failing = new SyncHook<[]>([]);
    failing.tap('boom', () => {
      throw new Error('boom');
    });
    assert.throws(() => failing.call(), /boom/);
  });

  it('the async waterfall: sync, callback and promise taps, errors through promise and callAsync', async () => {
    const order: string[] = [];
    const water = new AsyncSeriesWaterfallHook<[{ input: Record<string, unknown> }]>(['call']);
    water.tapAsync('cb', (call, callback) => setTimeout(() => (order.push('cb'), callback(null, call)), 5));
    water.tapPromise('metadata', async (call) => (order.push('promise'), { input: { ...call.input, ClientMetadata: { app: 'csp' } } }));
    water.tap('sync', (call) => (order.push('sync'), undefined as unknown as typeof call));
    const out = await water.promise({ input: { AuthFlow: 'USER_SRP_AUTH' } });
    assert.deepEqual(out.input, { AuthFlow: 'USER_SRP_AUTH', ClientMetadata: { app: 'csp' } });
    assert.deepEqual(order, ['cb', 'promise', 'sync']);

    const failing = new AsyncSeriesWaterfallHook<[number]>(['n']);
    failing.tapPromise('rejects', () => Promise.reject(new Error('nope')));
    await assert.rejects(failing.promise(1), /nope/);
    const viaCallback = await new Promise<unknown>((resolve) => failing.callAsync(1, (error) => resolve(error)));
    assert.match(String(viaCallback), /nope/);
  });

  it('HookMap with a factory of our hooks', () => {
    const map = new HookMap((key: string) => new SyncBailHook<[string], string | undefined>(['input'], key));
    map.for('SOFTWARE_TOKEN_MFA').tap('totp', (input) => `TOTP step for ${input}`);
    assert.equal(map.for('SOFTWARE_TOKEN_MFA').call('ada'), 'TOTP step for ada');
    assert.equal(map.for('SMS_MFA').call('ada'), undefined);
  });
});
