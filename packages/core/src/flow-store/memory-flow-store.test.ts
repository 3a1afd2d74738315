// The memory flow store: claim is exclusive, a lease lapses, a TTL expires.
import { describe, expect, it } from 'vitest';
import { memoryFlowStore } from './memory-flow-store.js';

describe('memoryFlowStore', () => {
  it('one claim wins; others are busy until the flow is saved back; TTL and lease expire', async () => {
    let now = 1_000;
    const store = memoryFlowStore({ now: () => now });
    await store.save('f1', 'sealed-1', 10_000);
    const claims = await Promise.all([store.claim('f1', 5_000), store.claim('f1', 5_000), store.claim('f1', 5_000)]);
    expect(claims.filter((c) => c.status === 'claimed')).toEqual([{ status: 'claimed', value: 'sealed-1' }]);
    expect(claims.filter((c) => c.status === 'busy')).toHaveLength(2);
    await store.save('f1', 'sealed-2', 10_000);
    expect(await store.claim('f1', 5_000)).toEqual({ status: 'claimed', value: 'sealed-2' });
    now += 5_001; // the holder never came back
    expect(await store.claim('f1', 5_000)).toEqual({ status: 'missing' });
    await store.save('f2', 'x', 100);
    now += 100;
    expect(await store.claim('f2', 5_000)).toEqual({ status: 'missing' });
    await store.save('f3', 'y', 100);
    await store.remove('f3');
    expect(await store.claim('f3', 5_000)).toEqual({ status: 'missing' });
  });
});
