// The default transports (#default-transport: the fetch transport in Node as in browsers)
// send plain AWS JSON 1.1 to the pool's endpoint, with none of the AWS SDK's
// headers, so Node needs no SDK installed. Checked against a real HTTP server.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultTransport as browserDefault } from './default-browser.js';
import { defaultTransport as nodeDefault } from './default-node.js';
import { createNodeHttpTransport } from './node-http.js';

let server: Server;
let endpoint: string;
const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
      res.end(JSON.stringify({ Username: 'ada', UserAttributes: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each([
  ['node', nodeDefault],
  ['browser', browserDefault],
] as const)('default transport (%s)', (_name, defaultTransport) => {
  it('sends to the pool endpoint, without the AWS SDK', async () => {
    seen.length = 0;
    const transport = defaultTransport({ userPoolId: 'us-east-1_AbC123', clientId: 'client', endpoint });
    const out = await transport.send('GetUser', { AccessToken: 'not-a-real-token' });
    expect(out).toEqual({ Username: 'ada', UserAttributes: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.GetUser');
    expect(seen[0]!.headers['content-type']).toBe('application/x-amz-json-1.1');
    // The SDK always sends these; the fetch transport never does.
    expect(seen[0]!.headers['amz-sdk-invocation-id']).toBeUndefined();
    expect(seen[0]!.headers['x-amz-user-agent']).toBeUndefined();
    expect(JSON.parse(seen[0]!.body)).toEqual({ AccessToken: 'not-a-real-token' });
  });

  it('accepts an emulator pool id without a region when an endpoint is given', async () => {
    seen.length = 0;
    await defaultTransport({ userPoolId: 'local_AbC', clientId: 'client', endpoint }).send('GetUser', { AccessToken: 't' });
    expect(seen).toHaveLength(1);
  });
});

describe('transports in Node', () => {
  it('the default goes through fetch, as in browsers (#13)', async () => {
    seen.length = 0;
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      await nodeDefault({ userPoolId: 'us-east-1_AbC123', clientId: 'client', endpoint }).send('GetUser', { AccessToken: 't' });
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(String(fetchSpy.mock.calls[0]![0])).toBe(endpoint);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('the opt-in node:http transport never calls fetch and keeps the connection alive between calls', async () => {
    seen.length = 0;
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    server.on('connection', onConnection);
    try {
      const transport = createNodeHttpTransport({ endpoint });
      await transport.send('GetUser', { AccessToken: 't' });
      await transport.send('GetUser', { AccessToken: 't' });
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(seen).toHaveLength(2);
      expect(sockets.size).toBeLessThanOrEqual(1);
    } finally {
      server.off('connection', onConnection);
      fetchSpy.mockRestore();
    }
  });
});
