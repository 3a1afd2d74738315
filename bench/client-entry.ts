// What the client bench measures of nextstep, bundled by bench/client-build.ts as core's
// build bundles it (esbuild, no keepNames), rather than run as tsx-transpiled source.
export { createAuth, createFetchTransport, surfaceUnclaimed } from '../packages/core/src/index.js';
export { createSdkTransport } from '../packages/core/src/transport/sdk.js';
export { createNodeHttpTransport } from '../packages/core/src/node-http-transport.js';
export { sms } from '../packages/plugin-sms/src/index.js';
