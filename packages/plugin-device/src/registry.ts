/**
 * Which device store an Auth's plugin uses, so `rememberDevice(auth)` and friends find it.
 * Keyed by one of the Auth's hook objects, which its `withStore` views share.
 * @module
 */
import type { PluginHooks } from '@nextstep/core/plugin';
import type { DeviceStore } from './store.js';

const stores = new WeakMap<object, DeviceStore>();

/** Records the store of the plugin applied to these hooks. */
export function register(hooks: PluginHooks, store: DeviceStore): void {
  stores.set(hooks.completing, store);
}

/** The store of the device plugin of an Auth whose hooks these are, if it has one. */
export function storeOf(hooks: PluginHooks): DeviceStore | undefined {
  return stores.get(hooks.completing);
}
