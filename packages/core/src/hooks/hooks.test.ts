import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as stock from 'tapable';
import { describe, expect, it } from 'vitest';
import { AsyncSeriesWaterfallHook, HookMap, SyncBailHook, SyncHook } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function browserBundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('browser bundle', () => {
  it('contains no code generation and is smaller than stock tapable', async () => {
    const names = 'SyncHook, SyncBailHook, AsyncSeriesWaterfallHook, HookMap';
    const ours = await browserBundle(`export { ${names} } from './index.js';`);
    const theirs = await browserBundle(`export { ${names} } from 'tapable';`);
    // The check must be able to fail: stock tapable's bundle does generate code.
    expect(theirs).toMatch(/new Function/);
    expect(ours).not.toMatch(/new Function|\bFunction\(|\beval\(|setTimeout\(["'`]/);
    expect(ours).not.toMatch(/HookCodeFactory|_createCall\("sync"\)\s*;?\s*return new/);
    const oursGzip = gzipSync(ours).length;
    const theirsGzip = gzipSync(theirs).length;
    expect(oursGzip).toBeLessThan(theirsGzip);
    expect(oursGzip).toBeLessThan(3500);
  });
});

describe('drop-in API', () => {
  it('refuses what tapable refuses, with the same messages', () => {
    const pairs: [string, () => unknown, () => unknown][] = [
      ['waterfall without args', () => new AsyncSeriesWaterfallHook([] as any), () => new stock.AsyncSeriesWaterfallHook([] as any)],
      [
        'tapAsync on a sync hook',
        () => (new SyncBailHook<[number], number>(['n']) as any).tapAsync('x', () => {}),
        () => (new stock.SyncBailHook<[number], number>(['n']) as any).tapAsync('x', () => {}),
      ],
      [
        'tapPromise on a sync hook',
        () => (new SyncHook<[]>([]) as any).tapPromise('x', async () => {}),
        () => (new stock.SyncHook<[]>([]) as any).tapPromise('x', async () => {}),
      ],
      ['tap without a name', () => new SyncHook<[]>([]).tap(' ', () => {}), () => new stock.SyncHook<[]>([]).tap(' ', () => {})],
    ];
    for (const [label, mine, theirs] of pairs) {
      let expected: unknown;
      try {
        theirs();
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected, label).toBeTypeOf('string');
      expect(mine, label).toThrow(expected as string);
    }
  });

  it('async hooks have no call, like tapable; constructors work with or without new', () => {
    expect((new AsyncSeriesWaterfallHook<[number]>(['n']) as any).call).toBeUndefined();
    expect((new stock.AsyncSeriesWaterfallHook<[number]>(['n']) as any).call).toBeUndefined();
    const hook = (SyncHook as any)(['a'], 'named');
    expect(hook.name).toBe('named');
    hook.tap('t', (a: number) => a);
    expect(hook.call(1)).toBeUndefined();
    expect(hook.constructor).toBe(SyncHook);
  });

  it('keeps stage and before ordering', () => {
    const order: string[] = [];
    const hook = new SyncHook<[]>([]);
    hook.tap('a', () => order.push('a'));
    hook.tap({ name: 'b', stage: -10 }, () => order.push('b'));
    hook.tap({ name: 'c', before: 'a' }, () => order.push('c'));
    hook.withOptions({ stage: 10 }).tap('d', () => order.push('d'));
    hook.call();
    expect(order).toEqual(['b', 'c', 'a', 'd']);
    expect(hook.isUsed()).toBe(true);
  });

  it('HookMap creates our hooks through its factory and runs them without code generation', () => {
    const map = new HookMap((key: string) => new SyncBailHook<[string], string | undefined>(['input'], key));
    map.intercept({ factory: (key, hook) => (hook.name === key ? hook : hook) });
    map.for('TOTP').tap('plugin-totp', (input) => `totp:${input}`);
    expect(map.for('TOTP').call('x')).toBe('totp:x');
    expect(map.get('SMS')).toBeUndefined();
    expect(map.for('SMS').call('x')).toBeUndefined();
  });

  it('picks up taps added while a call runs on the next call, as tapable does', () => {
    const run = (Ctor: typeof stock.SyncHook) => {
      const log: string[] = [];
      const hook = new Ctor<[number]>(['n']);
      hook.tap('first', (n) => {
        log.push(`first ${n}`);
        if (n === 1) hook.tap('late', (m) => void log.push(`late ${m}`));
        if (n === 1) hook.call(2);
      });
      hook.tap('second', (n) => void log.push(`second ${n}`));
      hook.call(1);
      hook.call(3);
      return log;
    };
    expect(run(SyncHook)).toEqual(run(stock.SyncHook));
  });

  it('an exception from the callAsync callback escapes as in tapable', () => {
    const run = (Ctor: typeof stock.SyncHook) => {
      const outcomes: string[] = [];
      for (const fails of [false, true]) {
        const hook = new Ctor<[]>([]);
        hook.tap('t', () => {
          if (fails) throw new Error('tap failed');
        });
        try {
          hook.callAsync((error) => {
            outcomes.push(`callback ${error ? error.message : 'ok'}`);
            throw new Error('callback failed');
          });
          outcomes.push('returned');
        } catch (error) {
          outcomes.push(`threw ${(error as Error).message}`);
        }
      }
      return outcomes;
    };
    expect(run(SyncHook)).toEqual(run(stock.SyncHook));
    expect(run(SyncHook)).toEqual(['callback ok', 'threw callback failed', 'callback tap failed', 'threw callback failed']);
  });

  it('waterfall and bail results flow through promise() and callAsync()', async () => {
    const water = new AsyncSeriesWaterfallHook<[number]>(['n']);
    water.tap('double', (n) => n * 2);
    water.tapPromise('inc', async (n) => n + 1);
    water.tapAsync('skip', (_n, callback) => callback());
    expect(await water.promise(5)).toBe(11);
    expect(await new Promise((resolve, reject) => water.callAsync(1, (error, result) => (error ? reject(error) : resolve(result))))).toBe(3);

    const bail = new SyncBailHook<[string], string>(['s']);
    bail.tap('pass', () => undefined as unknown as string);
    bail.tap('claim', (s) => `claimed ${s}`);
    bail.tap('never', () => {
      throw new Error('not reached');
    });
    expect(await bail.promise('x')).toBe('claimed x');
    expect(await new Promise((resolve, reject) => bail.callAsync('y', (error, result) => (error ? reject(error) : resolve(result))))).toBe('claimed y');
  });
});
