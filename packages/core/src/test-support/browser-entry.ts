// Bundled by browser.test.ts for headless Chromium: SRP and the SDK transport, exposed on window.
import { startSrp } from '../srp/index.js';
import { secretHash } from '../secret-hash.js';
import { createFetchTransport } from '../transport/fetch.js';
import { createSdkTransport } from '../transport/sdk.js';

const w = window as unknown as Record<string, unknown>;
w.nextstepSrp = async (params: { userPoolId: string; userIdForSrp: string; password: string; salt: string; srpB: string; secretBlock: string; now: number }) => {
  const t0 = performance.now();
  const session = await startSrp();
  const claim = await session.claim({ ...params, now: new Date(params.now) });
  return { A: session.A, claim, ms: performance.now() - t0 };
};
w.nextstepSecretHash = secretHash;
w.nextstepSend = async (endpoint: string, operation: string, input: Record<string, unknown>, kind: 'sdk' | 'fetch' = 'sdk') => {
  const transport = (kind === 'sdk' ? createSdkTransport : createFetchTransport)({ region: 'us-east-1', endpoint });
  try {
    return { ok: true, output: await transport.send(operation as never, input) };
  } catch (e) {
    const err = e as { name: string; message: string; kind: string; metadata?: unknown };
    return { ok: false, error: { name: err.name, message: err.message, kind: err.kind, metadata: err.metadata } };
  }
};
w.nextstepReady = true;
