// Pure pieces of the transports' policy: where a call goes, Retry-After, operation names.
import { describe, expect, it } from 'vitest';
import { endpointFor } from './call-options.js';
import { retryAfterOf } from './errors.js';
import { isOperationName } from './operations.js';

describe('endpointFor', () => {
  const pool = { endpoint: 'http://127.0.0.1:9229', region: 'eu-west-1' };
  it("takes the transport's own endpoint first", () => {
    expect(endpointFor({ endpoint: 'https://proxy.example/' }, pool)).toBe('https://proxy.example/');
  });
  it("takes the pool's endpoint over any region (an emulator-pointed pool never goes to AWS)", () => {
    expect(endpointFor({ region: 'us-east-1' }, pool)).toBe('http://127.0.0.1:9229/');
    expect(endpointFor({}, pool)).toBe('http://127.0.0.1:9229/');
  });
  it("falls back to AWS's endpoint for the transport's region, else the pool's", () => {
    expect(endpointFor({ region: 'us-east-1' }, { region: 'eu-west-1' })).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
    expect(endpointFor({}, { region: 'eu-west-1' })).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(endpointFor({}, undefined)).toBeUndefined();
  });
  it('ignores a pool endpoint that is not http(s) and a region that is not one', () => {
    expect(endpointFor({}, { endpoint: 'file:///etc/passwd', region: 'us-east-1' })).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
    expect(endpointFor({}, { region: 'evil.example/x#' })).toBeUndefined();
  });
});

describe('retryAfterOf', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterOf('3', now)).toBe(3000);
    expect(retryAfterOf(' 1.5 ', now)).toBe(1500);
    expect(retryAfterOf('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterOf('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('is undefined when absent or unreadable', () => {
    for (const v of [undefined, null, '', 'soon', '-1', '1e9x']) expect(retryAfterOf(v as never, now)).toBeUndefined();
  });
});

describe('isOperationName', () => {
  it("accepts Cognito's operation names and nothing else", () => {
    for (const ok of ['InitiateAuth', 'ListDevices', 'AdminGetUser', 'GetTokensFromRefreshToken']) expect(isOperationName(ok)).toBe(true);
    for (const bad of ['', 'toString', '../InitiateAuth', 'Initiate Auth', 'InitiateAuth\r\nX: y', 'A', 42, null]) expect(isOperationName(bad)).toBe(false);
  });
});

describe('deadline', () => {
  it('accepts any positive finite timeoutMs: fractions and huge values are rounded into a timer range', async () => {
    const { deadline } = await import('./policy.js');
    const timeoutSignal = (ms: number) => deadline(ms).signal;
    for (const ms of [5e-324, 0.5, 1.5, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const signal = timeoutSignal(ms);
      expect(signal).toBeInstanceOf(AbortSignal);
      if (ms > 1000) expect(signal.aborted).toBe(false);
    }
    const tiny = timeoutSignal(5e-324);
    await new Promise((r) => setTimeout(r, 20));
    expect(tiny.aborted).toBe(true);
  });
});
