/**
 * Server-side sign-in: flow stores, sealed (encrypted) snapshots and flows by id.
 * @module
 */
export { createKeyring, SEALED_VALUE_ERRORS } from './keyring.js';
export type { Keyring, KeyringKey, KeyringOptions } from './keyring.js';
export { memoryFlowStore } from './memory-flow-store.js';
export type { MemoryFlowStoreOptions } from './memory-flow-store.js';
export { serverFlows } from './server-flows.js';
export type { ServerFlowResult, ServerFlows, ServerFlowsOptions } from './server-flows.js';
export type { FlowClaim, FlowStore } from './types.js';
