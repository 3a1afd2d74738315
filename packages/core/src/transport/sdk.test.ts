// Wire-level checks of both transports (AWS SDK and fetch) against a small real HTTP server
// that answers as Cognito does (AWS JSON 1.1). End-to-end runs against the emulator are in
// srp/srp-emulator.test.ts.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAuthError, type AuthError } from '../errors.js';
import { regionFromPoolId, isUserPoolId } from './region.js';
import { createFetchTransport } from './fetch.js';
import { createSdkTransport } from './sdk.js';

interface Seen {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string>; raw?: string };

let server: Server;
let endpoint: string;
let seen: Seen[] = [];
let replies: Reply[] = [];

beforeAll(async () => {
  // The SDK must not need credentials: point every credential source at nothing.
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) delete process.env[key];
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
  process.env.AWS_CONFIG_FILE = '/nonexistent/config';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(raw || '{}') });
      const reply = replies.shift() ?? { status: 200, body: {} };
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${seen.length}`, ...reply.headers });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  replies = [];
});

const SECRET_INPUT = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Hunter2-Secret!' } };

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (e) {
    expect(isAuthError(e)).toBe(true);
    const err = e as AuthError;
    const text = `${err.message} ${JSON.stringify(err.metadata)} ${String(err.cause)} ${err.stack}`;
    expect(text).not.toContain('Hunter2-Secret!');
    return err;
  }
  throw new Error('expected a failure');
}

const factories = { createSdkTransport, createFetchTransport } as const;

describe.each(Object.entries(factories))('%s', (factoryName, createTransport) => {
  it('sends AWS JSON 1.1 without credentials or a signature, and returns Cognito JSON only', async () => {
    replies.push({ status: 200, body: { ChallengeName: 'SMS_MFA', Session: 'sess', ChallengeParameters: { CODE_DELIVERY_DESTINATION: '+*******4114' } } });
    const t = createTransport({ region: 'us-east-1', endpoint });
    const out = await t.send('InitiateAuth', SECRET_INPUT);
    expect(out).toEqual({ ChallengeName: 'SMS_MFA', Session: 'sess', ChallengeParameters: { CODE_DELIVERY_DESTINATION: '+*******4114' } });
    expect(seen).toHaveLength(1);
    const { headers, body } = seen[0]!;
    expect(headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-amz-security-token']).toBeUndefined();
    expect(headers['x-amz-date']).toBeUndefined();
    expect(body).toEqual(SECRET_INPUT);
  });

  it('sends every operation core uses under its Cognito name, unsigned', async () => {
    const t = createTransport({ region: 'eu-west-1', endpoint });
    const ops = {
      RespondToAuthChallenge: { ClientId: 'c', ChallengeName: 'SMS_MFA', Session: 's', ChallengeResponses: { USERNAME: 'u', SMS_MFA_CODE: '123456' } },
      AssociateSoftwareToken: { Session: 's' },
      VerifySoftwareToken: { Session: 's', UserCode: '123456' },
      SetUserMFAPreference: { AccessToken: 't', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
      GetUser: { AccessToken: 't' },
      SignUp: { ClientId: 'c', Username: 'u', Password: 'p' },
      ConfirmSignUp: { ClientId: 'c', Username: 'u', ConfirmationCode: '123456' },
      ResendConfirmationCode: { ClientId: 'c', Username: 'u' },
      ForgotPassword: { ClientId: 'c', Username: 'u' },
      ConfirmForgotPassword: { ClientId: 'c', Username: 'u', ConfirmationCode: '1', Password: 'p' },
    } as const;
    for (const [op, input] of Object.entries(ops)) {
      replies.push({ status: 200, body: op === 'GetUser' ? { Username: 'u', UserAttributes: [] } : {} });
      await t.send(op as keyof typeof ops, input);
      const last = seen.at(-1)!;
      expect(last.headers['x-amz-target']).toBe(`AWSCognitoIdentityProviderService.${op}`);
      expect(last.headers.authorization).toBeUndefined();
      expect(last.body).toEqual(input);
    }
  });

  it("keeps Cognito's exception name, message, status and request id, and never the input", async () => {
    replies.push({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    const t = createTransport({ region: 'us-east-1', endpoint });
    const err = await failure(t.send('InitiateAuth', SECRET_INPUT));
    expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', kind: 'service' });
    expect(err.metadata).toMatchObject({ httpStatusCode: 400, requestId: 'req-1', operation: 'InitiateAuth' });
  });

  it('reads the exception name from x-amzn-errortype and a namespaced __type, and Message', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint });
    replies.push({ status: 400, headers: { 'x-amzn-errortype': 'CodeMismatchException:http://internal.amazon.com/coral/' }, body: { message: 'Invalid code or auth state for the user.' } });
    expect(await failure(t.send('RespondToAuthChallenge', { ClientId: 'c', ChallengeName: 'SMS_MFA', Session: 's', ChallengeResponses: {} }))).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    replies.push({ status: 400, body: { __type: 'com.amazonaws.cognito#UserNotConfirmedException', Message: 'User is not confirmed.' } });
    expect(await failure(t.send('InitiateAuth', SECRET_INPUT))).toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.', kind: 'service' });
  });

  it('retries throttling (TooManyRequestsException) with the standard strategy, up to maxAttempts', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint });
    replies.push({ status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } });
    replies.push({ status: 200, body: { AuthenticationResult: { AccessToken: 'a', ExpiresIn: 3600, TokenType: 'Bearer' } } });
    const out = await t.send('InitiateAuth', SECRET_INPUT);
    expect(out.AuthenticationResult.TokenType).toBe('Bearer');
    expect(seen).toHaveLength(2);
    // Retries are core's own policy for both transports (the SDK makes one attempt per try).
    if (factoryName === 'createSdkTransport') expect(seen[1]!.headers['amz-sdk-request']).toMatch(/max=1/);

    seen = [];
    const once = createTransport({ region: 'us-east-1', endpoint, maxAttempts: 1 });
    replies.push({ status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } });
    const err = await failure(once.send('InitiateAuth', SECRET_INPUT));
    expect(err).toMatchObject({ name: 'TooManyRequestsException', kind: 'service' });
    expect(seen).toHaveLength(1);
  });

  it('retries a 5xx, then reports InternalErrorException as a service error', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint, maxAttempts: 2 });
    for (let i = 0; i < 2; i++) replies.push({ status: 500, body: { __type: 'InternalErrorException', message: 'Internal error' } });
    const err = await failure(t.send('InitiateAuth', SECRET_INPUT));
    expect(err).toMatchObject({ name: 'InternalErrorException', kind: 'service', metadata: { httpStatusCode: 500, attempts: 2 } });
    expect(seen).toHaveLength(2);
  });

  it('reports a non-JSON error page (a proxy\'s 502) as a service error with its status', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint, maxAttempts: 1 });
    replies.push({ status: 502, body: null, raw: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } });
    const err = await failure(t.send('InitiateAuth', SECRET_INPUT));
    expect(err).toMatchObject({ name: 'UnexpectedResponse', kind: 'service', metadata: { httpStatusCode: 502 } });
    expect(err.message).not.toContain('Bad Gateway');
    replies.push({ status: 200, body: null, raw: '{"ChallengeName": "SMS_' });
    expect(await failure(t.send('InitiateAuth', SECRET_INPUT))).toMatchObject({ name: 'UnexpectedResponse', metadata: { httpStatusCode: 200 } });
  });

  it('returns {} for an empty 200 answer', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint });
    replies.push({ status: 200, body: null, raw: '' });
    expect(await t.send('ConfirmSignUp', { ClientId: 'c', Username: 'u', ConfirmationCode: '1' })).toEqual({});
  });

  it('does not retry an ordinary client error', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint });
    replies.push({ status: 400, body: { __type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' } });
    await failure(t.send('InitiateAuth', SECRET_INPUT));
    expect(seen).toHaveLength(1);
  });

  it('reports an unreachable endpoint as kind network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const t = createTransport({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 });
    const err = await failure(t.send('InitiateAuth', SECRET_INPUT));
    expect(err).toMatchObject({ name: 'NetworkError', kind: 'network', metadata: { code: 'ECONNREFUSED', attempts: 2 } });
  });

  it('sends operations core has no command for, unsigned, under their Cognito name', async () => {
    const t = createTransport({ region: 'us-east-1', endpoint });
    replies.push({ status: 200, body: { Devices: [] } });
    expect(await t.send('ListDevices', { AccessToken: 't' })).toEqual({ Devices: [] });
    expect(seen.at(-1)!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.ListDevices');
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    replies.push({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Access Token has been revoked' } });
    expect(await failure(t.send('GlobalSignOut', { AccessToken: 't' }))).toMatchObject({ name: 'NotAuthorizedException', kind: 'service', metadata: { httpStatusCode: 400 } });
  });

  it('rejects bad options and names that are not operations before any network call', async () => {
    expect(() => createTransport({ region: '' })).toThrow(expect.objectContaining({ kind: 'config' }));
    expect(() => createTransport({ region: 'us-east-1', endpoint: 'not a url' })).toThrow(expect.objectContaining({ name: 'InvalidTransportConfig' }));
    expect(() => createTransport({ region: 'us-east-1', endpoint: 'ftp://x' })).toThrow(expect.objectContaining({ kind: 'config' }));
    expect(() => createTransport({ region: 'us-east-1', maxAttempts: 1.5 })).toThrow(expect.objectContaining({ kind: 'config' }));
    expect(() => createTransport({ region: 'us-east-1', maxAttempts: 0 })).toThrow(expect.objectContaining({ kind: 'config' }));
    const t = createTransport({ region: 'us-east-1', endpoint });
    await expect(t.send('../AdminGetUser' as never, {})).rejects.toMatchObject({ name: 'UnsupportedOperation', kind: 'validation' });
    await expect(t.send('toString' as never, {})).rejects.toMatchObject({ name: 'UnsupportedOperation' });
    await expect(t.send('GetUser', null as never)).rejects.toMatchObject({ kind: 'validation' });
    expect(seen).toHaveLength(0);
  });
});

describe('regionFromPoolId', () => {
  it('reads the region of a pool id', () => {
    expect(regionFromPoolId('us-east-1_AbC123')).toBe('us-east-1');
    expect(regionFromPoolId('ap-southeast-2_x')).toBe('ap-southeast-2');
    expect(regionFromPoolId('us-gov-west-1_Z9')).toBe('us-gov-west-1');
    expect(isUserPoolId('eu-central-1_Q')).toBe(true);
  });
  it('rejects anything else with a config error', () => {
    for (const bad of ['', 'us-east-1', '_AbC', 'us-east-1_', 'US-EAST-1_abc', 'us-east-1_a b', 42 as never]) {
      expect(() => regionFromPoolId(bad)).toThrow(expect.objectContaining({ name: 'InvalidUserPoolId', kind: 'config' }));
      expect(isUserPoolId(bad)).toBe(false);
    }
  });
});
