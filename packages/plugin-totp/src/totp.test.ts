import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError } from '@nextstep/core';
import { TOTP, URI } from 'otpauth';
import { buildSetupUri, totp, TOTP_CODE_STEP, TOTP_SETUP_STEP } from './index.js';
import { context, descriptor, handlerFor } from './test-support/host.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const codeStep = descriptor(TOTP_CODE_STEP, 'SOFTWARE_TOKEN_MFA');
const setupStep = descriptor(TOTP_SETUP_STEP, 'MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });

describe('totp plugin', () => {
  it('reports the version in package.json and the core range it supports', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    const plugin = totp();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.core).toBe(pkg.peerDependencies['@nextstep/core']);
  });

  it('claims the code and setup steps', () => {
    expect(totp().claims).toEqual([TOTP_CODE_STEP, TOTP_SETUP_STEP]);
    expect(handlerFor(totp(), codeStep)).toBeDefined();
    expect(handlerFor(totp(), setupStep)).toBeDefined();
  });

  it('refuses a code that cannot be a TOTP code, locally', () => {
    const h = handlerFor(totp(), codeStep)!;
    for (const bad of ['12345', '1234567', 'abcdef', '', undefined]) {
      expect(() => h.validate!(bad, context(codeStep))).toThrow(AuthError);
    }
    expect(() => h.validate!('012345', context(codeStep))).not.toThrow();
  });

  it('answers SOFTWARE_TOKEN_MFA with the code', async () => {
    const h = handlerFor(totp(), codeStep)!;
    await expect(h.answer('012345', context(codeStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'SOFTWARE_TOKEN_MFA',
      challengeResponses: { SOFTWARE_TOKEN_MFA_CODE: '012345' },
    });
  });

  it('shows the shared secret and builds a setup URI that authenticator apps read', () => {
    const h = handlerFor(totp({ issuer: 'Acme' }), setupStep)!;
    const view = h.view(context(setupStep, { state: { sharedSecret: SECRET } }));
    if (view.signInStep !== TOTP_SETUP_STEP) throw new Error('wrong step');
    expect(view.totpSetupDetails.sharedSecret).toBe(SECRET);

    const byDefault = view.totpSetupDetails.getSetupUri('');
    expect(byDefault.protocol).toBe('otpauth:');
    expect(byDefault.href.startsWith('otpauth://totp/Acme:alice?')).toBe(true);

    const uri = view.totpSetupDetails.getSetupUri('My App', 'alice@example.com');
    expect(uri.href.startsWith('otpauth://totp/My%20App:alice%40example.com?')).toBe(true);
    expect(uri.searchParams.get('secret')).toBe(SECRET);
    expect(uri.searchParams.get('issuer')).toBe('My App');
    // A parser of such URIs (otpauth's full build) gets back the same generator.
    const parsed = URI.parse(uri.href) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.issuer).toBe('My App');
    expect(parsed.label).toBe('alice@example.com');
    expect(parsed.digits).toBe(6);
    expect(parsed.period).toBe(30);
    expect(parsed.secret.base32).toBe(SECRET);
  });

  it('validates setup URI inputs', () => {
    expect(() => buildSetupUri('not base32!', 'Acme', 'alice')).toThrow(expect.objectContaining({ name: 'InvalidTotpSecret' }));
    expect(() => buildSetupUri(SECRET, 'Ac:me', 'alice')).toThrow(expect.objectContaining({ name: 'InvalidTotpLabel' }));
    expect(() => totp({ issuer: '' })).toThrow(expect.objectContaining({ kind: 'config' }));
  });
});
