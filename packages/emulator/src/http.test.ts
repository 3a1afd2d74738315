import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ config: { pools: [{ id: 'us-east-1_http', clients: [{ id: 'c' }], users: [{ username: 'u', password: 'Passw0rd!' }] }] } });
});
afterAll(() => emu.close());

async function post(body: string | Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(emu.endpoint + '/', { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
const target = (op: string) => ({ 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` });

describe('AWS JSON 1.1 protocol', () => {
  it('answers errors with __type, message, x-amzn-errortype and a request id', async () => {
    const r = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'nope' } }), target('InitiateAuth'));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(r.headers.get('x-amzn-errortype')?.split(':')[0]).toBe('NotAuthorizedException');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('malformed JSON → SerializationException', async () => {
    const r = await post('{"AuthFlow":', target('InitiateAuth'));
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('SerializationException');
    const arr = await post('[1,2]', target('InitiateAuth'));
    expect(arr.body.__type).toBe('SerializationException');
  });

  it('unknown operation and missing x-amz-target → UnknownOperationException', async () => {
    expect((await post('{}', target('StealAllTheThings'))).body.__type).toBe('UnknownOperationException');
    expect((await post('{}', target('toString'))).body.__type).toBe('UnknownOperationException');
    expect((await post('{}')).body.__type).toBe('UnknownOperationException');
    expect((await post('{}', { 'x-amz-target': 'SomethingElse.InitiateAuth' })).body.__type).toBe('UnknownOperationException');
  });

  it('missing parameters → InvalidParameterException, wrong-typed → SerializationException (as Cognito), secrets not echoed', async () => {
    const missing = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH' }), target('InitiateAuth'));
    expect(missing.body.__type).toBe('InvalidParameterException');
    expect(missing.body.message).toContain('clientId');
    const wrongType = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 42 }), target('InitiateAuth'));
    expect(wrongType.body.__type).toBe('SerializationException');
    const mapType = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 5 } }), target('InitiateAuth'));
    expect(mapType.body.__type).toBe('SerializationException');
    const noPassword = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u' } }), target('InitiateAuth'));
    expect(noPassword.body).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
    const badFlow = await post(JSON.stringify({ AuthFlow: 'MAGIC', ClientId: 'c' }), target('InitiateAuth'));
    expect(badFlow.body.__type).toBe('InvalidParameterException');
    const secretish = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'x'.repeat(200) + 'SuperSecret' }), target('InitiateAuth'));
    expect(secretish.body.message).not.toContain('SuperSecret');
    const unknownClient = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nope', AuthParameters: { USERNAME: 'u', PASSWORD: 'p' } }), target('InitiateAuth'));
    expect(unknownClient.body.__type).toBe('ResourceNotFoundException');
  });

  it('rejects bodies over 1 MB with 413 without buffering them, and keeps serving', async () => {
    const big = new Uint8Array(2 * 1024 * 1024).fill(0x20);
    const r = await post(big, target('InitiateAuth'));
    expect(r.status).toBe(413);
    // Chunked upload without content-length: the limit applies while streaming.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(emu.endpoint + '/', { method: 'POST', headers: { ...target('InitiateAuth'), 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    const ok = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'Passw0rd!' } }), target('InitiateAuth'));
    expect(ok.status).toBe(200);
    expect(ok.body.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('answers CORS preflight and exposes the error headers', async () => {
    const pre = await fetch(emu.endpoint + '/', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('amz-sdk-invocation-id');
    const r = await post('{}', { ...target('InitiateAuth'), origin: 'http://localhost:5173' });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
    expect(r.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
  });

  it('serves health, JWKS and the emulator helper routes', async () => {
    expect(await (await fetch(emu.endpoint + '/health')).json()).toEqual({ status: 'ok' });
    const jwks = (await (await fetch(`${emu.endpoint}/us-east-1_http/.well-known/jwks.json`)).json()) as { keys: { kty: string; alg: string; kid: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect((await fetch(`${emu.endpoint}/us-east-1_nope/.well-known/jwks.json`)).status).toBe(404);
    const before = emu.clock.now();
    const clock = await fetch(emu.endpoint + '/_emulator/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
    expect(clock.status).toBe(200);
    expect(emu.clock.now() - before).toBeGreaterThanOrEqual(60_000);
    const outbox = (await (await fetch(emu.endpoint + '/_emulator/outbox?username=u')).json()) as { messages: unknown[] };
    expect(Array.isArray(outbox.messages)).toBe(true);
    expect((await fetch(emu.endpoint + '/_emulator/totp?userPoolId=us-east-1_http&username=u')).status).toBe(404);
  });
});
