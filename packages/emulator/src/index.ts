/**
 * `@nextstep/emulator`: a local Amazon Cognito user-pools server for tests and offline
 * development. It speaks AWS JSON 1.1, verifies SRP for real, checks TOTP and delivered
 * codes, runs custom-auth triggers, signs RS256 tokens, and injects faults on request.
 * @module
 */
export { startEmulator } from './emulator.js';
export type { CreatedPool, Emulator, EmulatorOptions } from './emulator.js';
export type { Clock } from './clock.js';
export type { Outbox, OutboxFilter, OutboxMessage, OutboxPurpose } from './outbox.js';
export type { FaultKind, FaultSpec, Faults } from './faults.js';
export type {
  ClientConfig,
  EmulatorConfig,
  FirstAuthFactor,
  MfaChallengeName,
  PoolConfig,
  TriggerFunction,
  TriggersConfig,
  UserConfig,
  UserStatus,
} from './config.js';
export type { TokenPolicyConfig, TokenUnit } from './token-policy.js';
export { loadConfigFile } from './config.js';
export { MAX_BODY_BYTES } from './http.js';
