/**
 * `@nextstep/core/node-http-transport`: an opt-in transport for Node servers. It speaks the
 * fetch transport's wire with the same endpoint choice, call policy (deadline, abort, retries,
 * refused redirects) and errors, over `node:http` / `node:https` with keep-alive agents instead
 * of Node's `fetch` (undici): about 1 ms less CPU per sign-in and about 1 KB less heap per
 * parked flow (`npm run bench -- client`). Node's default stays the fetch transport, as in
 * browsers; pass this one to `createAuth({ transport })` where sign-ins per core count matter.
 * Node only: never import it in a browser bundle.
 *
 * ```ts
 * import { createAuth, surfaceUnclaimed } from '@nextstep/core';
 * import { createNodeHttpTransport } from '@nextstep/core/node-http-transport';
 * const userPool = { userPoolId: 'us-east-1_AbC123', clientId: 'client-id' };
 * const auth = createAuth({ userPool, transport: createNodeHttpTransport({ region: 'us-east-1' }), plugins: [], defaultHandler: surfaceUnclaimed });
 * ```
 * @packageDocumentation
 * @module @nextstep/core/node-http-transport
 */
export { createNodeHttpTransport } from './transport/node-http.js';
export type { NodeHttpTransportOptions } from './transport/node-http.js';
