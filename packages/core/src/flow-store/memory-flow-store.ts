/**
 * The default flow store: a Map in this process (one instance, or tests).
 * @module
 */
import type { FlowClaim, FlowStore } from './types.js';

/** Options of {@link memoryFlowStore}. */
export interface MemoryFlowStoreOptions {
  /** Epoch-ms clock for expiry (default `Date.now`). */
  now?: () => number;
}

/**
 * A {@link FlowStore} in memory. JavaScript runs one callback at a time, so a claim is
 * atomic within the process; flows end with the process.
 */
export function memoryFlowStore(options: MemoryFlowStoreOptions = {}): FlowStore {
  const now = options.now ?? (() => Date.now());
  const flows = new Map<string, { value: string | undefined; expiresAt: number }>();
  const live = (id: string) => {
    const entry = flows.get(id);
    if (entry && entry.expiresAt <= now()) {
      flows.delete(id);
      return undefined;
    }
    return entry;
  };
  let saves = 0;
  return {
    async save(flowId, value, ttlMs) {
      // Abandoned flows are swept now and then, not on every save.
      if (++saves % 256 === 0) for (const [id, e] of flows) if (e.expiresAt <= now()) flows.delete(id);
      flows.set(flowId, { value, expiresAt: now() + ttlMs });
    },
    async claim(flowId, leaseMs): Promise<FlowClaim> {
      const entry = live(flowId);
      if (!entry) return { status: 'missing' };
      if (entry.value === undefined) return { status: 'busy' };
      const value = entry.value;
      flows.set(flowId, { value: undefined, expiresAt: Math.min(entry.expiresAt, now() + leaseMs) });
      return { status: 'claimed', value };
    },
    async remove(flowId) {
      flows.delete(flowId);
    },
  };
}
