/**
 * `@nextstep/plugin-device`: remembered devices in a nextstep sign-in. A confirmed,
 * remembered device answers Cognito's DEVICE_SRP_AUTH by itself and skips MFA.
 * @module
 */
export { device } from './device.js';
export type { DeviceOptions } from './device.js';
export { rememberDevice, forgetDevice, fetchDevices, isDeviceAwaitingConsent } from './calls.js';
export type { AuthDevice, FetchDevicesOutput, ForgetDeviceInput } from './calls.js';
export { memoryDeviceStore, webStorageDeviceStore, deviceKeyOf } from './store.js';
export type { DeviceStore, StoredDevice, DeviceWebStorage } from './store.js';
export { VERSION } from './version.js';
