import { describe, expect, it } from 'vitest';
import { deviceKeyOf, memoryDeviceStore, webStorageDeviceStore, type StoredDevice } from './store.js';

const device: StoredDevice = { format: 'nextstep.device/1', deviceKey: 'us-east-1_k', deviceGroupKey: '-g', secret: 's3cret', awaitingConsent: false };

/** A Web Storage object over a Map (the real one is exercised in Chromium). */
function mapStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

describe('device stores', () => {
  it('keys users case-insensitively per pool', () => {
    expect(deviceKeyOf('us-east-1_P', 'Ada')).toBe(deviceKeyOf('us-east-1_P', 'ada'));
    expect(deviceKeyOf('us-east-1_P', 'ada')).not.toBe(deviceKeyOf('us-east-1_Q', 'ada'));
  });
  it.each([['memory', () => memoryDeviceStore()], ['web storage', () => webStorageDeviceStore(mapStorage())]] as const)('%s: set, get, remove', async (_n, make) => {
    const store = make();
    await store.set('k', device);
    expect(await store.get('k')).toEqual(device);
    await store.remove('k');
    expect(await store.get('k')).toBeUndefined();
  });
  it('web storage: one key per user under the prefix; garbage reads as no device', async () => {
    const storage = mapStorage();
    const store = webStorageDeviceStore(storage, { prefix: 'app' });
    await store.set('u', device);
    expect([...storage.map.keys()]).toEqual(['app.device.u']);
    storage.map.set('app.device.v', '{not json');
    storage.map.set('app.device.w', JSON.stringify({ format: 'other' }));
    expect(await store.get('v')).toBeUndefined();
    expect(await store.get('w')).toBeUndefined();
  });
});
