/**
 * The default transport in Node (and Bun, Deno: `#default-transport` picks this file under
 * the `node` condition): core's own node:http transport with keep-alive, no AWS SDK. It
 * speaks the fetch transport's wire with its policy and errors, for about 1.5 ms less CPU per
 * sign-in and 1 KB less heap per parked flow than Node's fetch (bench/client.bench.ts).
 * Other runtimes without a `browser` condition (workers, React Native) get the fetch
 * transport (default-browser.ts). Apps that want the SDK pass `createSdkTransport` from
 * `@nextstep/core/sdk-transport`; `createFetchTransport` stays available everywhere.
 * @module
 */
import type { CognitoTransport, UserPoolConfig } from '../types.js';
import { createNodeHttpTransport } from './node-http.js';
import { transportRegion } from './region.js';

/** The transport `createAuth` uses when none is given, in Node. */
export function defaultTransport(userPool: UserPoolConfig): CognitoTransport {
  return createNodeHttpTransport({
    region: transportRegion(userPool),
    ...(userPool.endpoint ? { endpoint: userPool.endpoint } : {}),
  });
}
