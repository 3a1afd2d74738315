import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.js';
import { leaks, sanitizeError, secretsOf } from './redact.js';

// Passwords often hold `"` and `\`: JSON text escapes them, so the search must read fields raw.
const PASSWORD = 'pa"ss\\word-1';

describe('sanitizeError', () => {
  it('finds a secret with quotes and backslashes in metadata, and redacts it', () => {
    const error = new AuthError('X', 'm', { kind: 'service', metadata: { pw: PASSWORD, nested: { list: [`at ${PASSWORD}`] } } });
    const secrets = secretsOf({ PASSWORD });
    expect(leaks(error, secrets)).toBe(true);
    const clean = sanitizeError(error, secrets, { message: 'failed' });
    expect(clean).not.toBe(error);
    expect(JSON.stringify(clean.metadata)).not.toContain('word-1');
    expect(clean.metadata).toEqual({ pw: '[redacted]', nested: { list: ['at [redacted]'] } });
    expect(clean.name).toBe('X');
  });

  it('finds a secret used as a metadata key, and redacts the key', () => {
    const error = new AuthError('X', 'm', { kind: 'service', metadata: { [PASSWORD]: 1 } });
    const clean = sanitizeError(error, secretsOf({ PASSWORD }), { message: 'failed' });
    expect(Object.keys(clean.metadata ?? {})).toEqual(['[redacted]']);
  });

  it('reads an error kept in a field of another error, message included', () => {
    const inner = new Error(`bad ${PASSWORD}`);
    const outer = Object.assign(new Error('outer'), { original: inner });
    expect(leaks(outer, secretsOf({ PASSWORD }))).toBe(true);
  });

  it('survives a field whose getter throws, and cycles', () => {
    const odd = new Error('odd');
    Object.defineProperty(odd, 'boom', { enumerable: true, get: () => { throw new Error('no'); } });
    const cyclic: Record<string, unknown> = { s: 'x' };
    cyclic.self = cyclic;
    Object.assign(odd, { cyclic });
    expect(leaks(odd, secretsOf({ PASSWORD }))).toBe(false);
  });

  it('keeps a clean AuthError as it is', () => {
    const error = new AuthError('CodeMismatchException', 'Invalid code.', { kind: 'service', metadata: { httpStatusCode: 400 } });
    expect(sanitizeError(error, secretsOf({ PASSWORD }), { message: 'failed' })).toBe(error);
  });
});
