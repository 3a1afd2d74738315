/**
 * The default transport in browser bundles, and in runtimes that match neither `browser` nor
 * `node` (workers, React Native): the fetch transport (about 2 KB gzip) instead of the AWS SDK
 * (about 55 KB gzip). Node gets its node:http variant (default-node.ts).
 * Apps that want the SDK in a browser pass `createSdkTransport` from
 * `@nextstep/core/sdk-transport`.
 * @module
 */
import type { CognitoTransport, UserPoolConfig } from '../types.js';
import { createFetchTransport } from './fetch.js';
import { transportRegion } from './region.js';

/** The transport `createAuth` uses when none is given, in browsers and fetch-only runtimes. */
export function defaultTransport(userPool: UserPoolConfig): CognitoTransport {
  return createFetchTransport({
    region: transportRegion(userPool),
    ...(userPool.endpoint ? { endpoint: userPool.endpoint } : {}),
  });
}
