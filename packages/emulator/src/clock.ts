/**
 * The emulator's clock: real time plus an offset tests can move, so session expiry,
 * TOTP windows, lockout and token lifetimes can be exercised without waiting.
 */
export interface Clock {
  /** Current emulator time, epoch milliseconds. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to `epochMs`; it keeps ticking in real time from there. */
  set(epochMs: number): void;
}

/** Creates a movable clock that starts at real time. */
export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError('advance(ms) needs a finite number');
      offset += ms;
    },
    set(epochMs: number) {
      if (!Number.isFinite(epochMs)) throw new TypeError('set(epochMs) needs a finite number');
      offset = epochMs - Date.now();
    },
  };
}
