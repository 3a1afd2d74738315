/**
 * Where a remembered device's keys and secret live between sign-ins: a small async store
 * keyed by user. The device secret is as sensitive as a password: keep it where the app
 * keeps its refresh tokens.
 * @module
 */

/** What the plugin keeps for one user's device. Plain JSON. */
export interface StoredDevice {
  /** `nextstep.device/1`. */
  readonly format: 'nextstep.device/1';
  /** Cognito's DeviceKey (`region_uuid`). */
  readonly deviceKey: string;
  /** Cognito's DeviceGroupKey: the pool name of device SRP. */
  readonly deviceGroupKey: string;
  /** The device password whose verifier ConfirmDevice stored. Never logged. */
  readonly secret: string;
  /** True when the pool waits for the user's consent (UserConfirmationNecessary) and it has not been given. */
  readonly awaitingConsent: boolean;
}

/**
 * A device store: one device per user key (`<userPoolId>.<username>`, lower-cased).
 * Implement it over Redis or a database for servers holding many users.
 */
export interface DeviceStore {
  /** The device stored for a user key, or undefined. */
  get(key: string): Promise<StoredDevice | undefined>;
  /** Saves (replaces) the device of a user key. */
  set(key: string, device: StoredDevice): Promise<void>;
  /** Forgets the device of a user key; no error when there is none. */
  remove(key: string): Promise<void>;
}

/** A device store in a `Map` (the default): terminal apps, tests, one process. */
export function memoryDeviceStore(): DeviceStore {
  const map = new Map<string, StoredDevice>();
  return {
    get: async (key) => map.get(key),
    set: async (key, device) => void map.set(key, device),
    remove: async (key) => void map.delete(key),
  };
}

/** The part of the Web Storage API {@link webStorageDeviceStore} uses. */
export type DeviceWebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A device store on `localStorage` (a remembered device should outlive the tab): one key
 * per user, `<prefix>.device.<key>`. Script on the page can read it: keep a strict CSP.
 */
export function webStorageDeviceStore(storage: DeviceWebStorage, options: { prefix?: string } = {}): DeviceStore {
  const head = `${options.prefix ?? 'nextstep'}.device.`;
  return {
    async get(key) {
      const text = storage.getItem(head + key);
      if (!text) return undefined;
      try {
        const value = JSON.parse(text) as StoredDevice;
        return value?.format === 'nextstep.device/1' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, device) {
      storage.setItem(head + key, JSON.stringify(device));
    },
    async remove(key) {
      storage.removeItem(head + key);
    },
  };
}

/** The store key of a user of a pool. Usernames compare case-insensitively. */
export function deviceKeyOf(userPoolId: string, username: string): string {
  return `${userPoolId}.${username.toLowerCase()}`;
}
