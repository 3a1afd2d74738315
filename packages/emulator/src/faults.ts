/**
 * Fault injection for testing clients: throttling, 5xx, latency, dropped connections and
 * challenges the client has never heard of.
 */

/** What a fault does. */
export type FaultKind = 'throttle' | 'server-error' | 'latency' | 'drop' | 'unknown-challenge';

/** A fault to inject into the next `times` calls of `operation`. */
export interface FaultSpec {
  /** Cognito operation name (e.g. `InitiateAuth`) or `*` for every operation. */
  operation: string;
  /** What the fault does (see {@link FaultKind}). */
  kind: FaultKind;
  /** How many calls it affects (default 1). */
  times?: number;
  /** HTTP status for `server-error` (default 500). */
  status?: number;
  /** Delay for `latency` (default 1000 ms). */
  latencyMs?: number;
  /** For `unknown-challenge`: the challenge name (default `FUTURE_CHALLENGE`). */
  challengeName?: string;
  /** For `unknown-challenge`: its ChallengeParameters (string values). */
  challengeParameters?: Record<string, string>;
  /** For `unknown-challenge`: the ANSWER that continues the sign-in (any answer when absent). */
  expectedAnswer?: string;
}

/** The fault registry of one emulator. */
export interface Faults {
  /** Queues a fault; throws a TypeError on an invalid spec. */
  add(spec: FaultSpec): void;
  /** Drops every pending fault. */
  clear(): void;
}

export interface FaultStore extends Faults {
  /** Takes the first pending fault of `kinds` for `operation`, consuming one of its `times`. */
  take(operation: string, kinds: readonly FaultKind[]): FaultSpec | undefined;
}

const KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'latency', 'drop', 'unknown-challenge'];

export function createFaults(): FaultStore {
  let pending: { spec: FaultSpec; left: number }[] = [];
  return {
    add(spec) {
      if (!spec || typeof spec.operation !== 'string' || spec.operation === '') throw new TypeError('fault.operation must be an operation name or "*"');
      if (!KINDS.includes(spec.kind)) throw new TypeError(`fault.kind must be one of ${KINDS.join(', ')}`);
      const times = spec.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new TypeError('fault.times must be a positive integer');
      pending.push({ spec: { ...spec }, left: times });
    },
    clear() {
      pending = [];
    },
    take(operation, kinds) {
      const entry = pending.find((p) => (p.spec.operation === '*' || p.spec.operation === operation) && kinds.includes(p.spec.kind));
      if (!entry) return undefined;
      entry.left -= 1;
      if (entry.left <= 0) pending = pending.filter((p) => p !== entry);
      return entry.spec;
    },
  };
}
