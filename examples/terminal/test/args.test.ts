import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args.js';
import { decodeJwtPayload } from '../src/jwt.js';

describe('parseArgs', () => {
  it('defaults to the interactive app on the embedded emulator', () => {
    expect(parseArgs([])).toEqual({ mode: 'interactive', target: { kind: 'emulator' } });
  });
  it('reads --demo and --help', () => {
    expect(parseArgs(['--demo'])).toEqual({ mode: 'demo' });
    expect(parseArgs(['-h'])).toEqual({ mode: 'help' });
    expect(parseArgs(['--demo', '--help'])).toEqual({ mode: 'help' });
  });
  it('reads a remote target, with the region taken from the pool id', () => {
    expect(parseArgs(['--endpoint', 'http://127.0.0.1:9229', '--user-pool-id', 'eu-west-1_AbC123', '--client-id=abc123', '--client-secret', 's3cr3t'])).toEqual({
      mode: 'interactive',
      target: { kind: 'remote', endpoint: 'http://127.0.0.1:9229', region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123', clientId: 'abc123', clientSecret: 's3cr3t' },
    });
    const real = parseArgs(['--user-pool-id', 'us-east-1_X1', '--client-id', 'c', '--region', 'us-east-2']);
    expect(real).toMatchObject({ target: { region: 'us-east-2' } });
    expect(real).not.toHaveProperty('target.endpoint');
  });
  it('refuses bad command lines with a clear message', () => {
    expect(() => parseArgs(['--nope'])).toThrow(UsageError);
    expect(() => parseArgs(['--endpoint', 'http://x'])).toThrow(/--user-pool-id and --client-id/);
    expect(() => parseArgs(['--user-pool-id', 'nounderscore', '--client-id', 'c'])).toThrow(/<region>_<id>/);
    expect(() => parseArgs(['--user-pool-id', 'us-east-1_A', '--client-id', 'c', '--endpoint', 'ftp://x'])).toThrow(/http or https/);
    expect(() => parseArgs(['--user-pool-id', 'us-east-1_A', '--client-id'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--demo', '--client-id', 'c'])).toThrow(/--demo/);
  });
  it('never echoes a client secret in an error', () => {
    try {
      parseArgs(['--client-secret', 'TOPSECRET', '--client-secret', 'TOPSECRET']);
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('TOPSECRET');
    }
  });
});

describe('decodeJwtPayload', () => {
  it('decodes a base64url payload', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'u-1', 'cognito:username': 'sam', name: 'Zoë ~?>' })).toString('base64url');
    expect(decodeJwtPayload(`e30.${payload}.sig`)).toEqual({ sub: 'u-1', 'cognito:username': 'sam', name: 'Zoë ~?>' });
  });
  it('refuses what is not a JWT', () => {
    expect(() => decodeJwtPayload('abc')).toThrow(TypeError);
    expect(() => decodeJwtPayload(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toThrow(/object/);
    expect(() => decodeJwtPayload('a.bm90IGpzb24.c')).toThrow(/JSON/);
  });
});
