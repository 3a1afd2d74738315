/**
 * The flow store contract: where a sign-in waits between two HTTP requests, on any instance.
 * @module
 */

/** What {@link FlowStore.claim} found. */
export type FlowClaim =
  /** The flow is now this caller's to answer; nobody else can claim it until it is saved or removed. */
  | {
    /** Claimed. */
    readonly status: 'claimed';
    /** The saved (sealed) flow. */
    readonly value: string;
  }
  /** Another caller holds it (answering right now). */
  | {
    /** Busy. */
    readonly status: 'busy';
  }
  /** No such flow: never saved, expired, finished, failed, or its claim lapsed. */
  | {
    /** Missing. */
    readonly status: 'missing';
  };

/**
 * Flows between steps, by flow id. Values are sealed envelopes (see `createKeyring`): a
 * store never sees a Session or a secret in clear. Implementations must make `claim`
 * atomic across every process that shares the store, and must not log values.
 */
export interface FlowStore {
  /** Saves (or replaces, ending a claim) a flow for `ttlMs` milliseconds. */
  save(flowId: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Takes the flow for answering, atomically: the first caller gets the value, others get
   * `busy` until it is saved again or removed, or until `leaseMs` pass (a crashed holder).
   */
  claim(flowId: string, leaseMs: number): Promise<FlowClaim>;
  /** Forgets a flow; no error when there is none. */
  remove(flowId: string): Promise<void>;
}
