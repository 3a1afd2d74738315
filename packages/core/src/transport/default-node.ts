/**
 * The default transport outside browsers (Node 20+, Deno, Bun, workers): the fetch
 * transport, as in browsers. Every runtime core supports has `fetch`, so core needs no AWS SDK
 * at all; apps that want the SDK's transport pass `createSdkTransport` from
 * `@nextstep/core/sdk-transport` (the SDK is then an optional peer dependency they install).
 * @module
 */
import type { CognitoTransport, UserPoolConfig } from '../types.js';
import { createFetchTransport } from './fetch.js';
import { transportRegion } from './region.js';

/** The transport `createAuth` uses when none is given (Node, Deno, Bun, workers). */
export function defaultTransport(userPool: UserPoolConfig): CognitoTransport {
  return createFetchTransport({ region: transportRegion(userPool), endpoint: userPool.endpoint || undefined });
}
