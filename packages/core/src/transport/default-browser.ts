/**
 * The default transport in browser bundles: the fetch transport (about 2 KB gzip) instead of
 * the AWS SDK (about 55 KB gzip). The same as outside browsers (default-node.ts); the two
 * files stay apart so a runtime-specific default can change without touching the other.
 * Apps that want the SDK in a browser pass `createSdkTransport` from
 * `@nextstep/core/sdk-transport`.
 * @module
 */
import type { CognitoTransport, UserPoolConfig } from '../types.js';
import { createFetchTransport } from './fetch.js';
import { transportRegion } from './region.js';

/** The transport `createAuth` uses when none is given, in browsers. */
export function defaultTransport(userPool: UserPoolConfig): CognitoTransport {
  return createFetchTransport({ region: transportRegion(userPool), endpoint: userPool.endpoint || undefined });
}
