import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import { checkEmailAddress, email, EMAIL_CODE_STEP, EMAIL_SETUP_STEP } from './index.js';
import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';

const codeStep = descriptor(EMAIL_CODE_STEP, 'EMAIL_OTP', {
  CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
  CODE_DELIVERY_DESTINATION: 'a***@e***',
});
const setupStep = descriptor(EMAIL_SETUP_STEP, 'MFA_SETUP', { MFAS_CAN_SETUP: '["EMAIL_OTP"]' });

describe('email plugin', () => {
  it('reports the version in package.json and the plugin API it implements', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    const plugin = email();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.api).toBe(PLUGIN_API_VERSION);
  });

  it('registers the code and setup steps', () => {
    expect(email().steps.map((r) => r.type)).toEqual([EMAIL_CODE_STEP, EMAIL_SETUP_STEP]);
    expect(email().name).toBe('@nextstep/plugin-email');
  });

  it('shows where the code went', () => {
    const h = handlerFor(email(), codeStep)!;
    expect(h.view(fakeContext(codeStep))).toEqual({
      signInStep: EMAIL_CODE_STEP,
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***' },
    });
  });

  it('accepts 6- or 8-digit codes and refuses others locally', async () => {
    const h = handlerFor(email(), codeStep)!;
    const ctx = fakeContext(codeStep);
    expect(() => h.validate!('123456', ctx)).not.toThrow();
    expect(() => h.validate!('12345678', ctx)).not.toThrow();
    for (const bad of ['1234567', '12345', 'abcdef', '', undefined]) expect(() => h.validate!(bad, ctx)).toThrow(AuthError);
    await expect(h.answer('12345678', ctx)).resolves.toEqual({
      kind: 'respond',
      challengeName: 'EMAIL_OTP',
      challengeResponses: { EMAIL_OTP_CODE: '12345678' },
    });
    const only6 = handlerFor(email({ codeLengths: [6] }), codeStep)!;
    expect(() => only6.validate!('12345678', ctx)).toThrow(expect.objectContaining({ name: 'InvalidConfirmationCode' }));
  });

  it('sends the address as EMAIL in MFA_SETUP after checking it locally', async () => {
    const h = handlerFor(email(), setupStep)!;
    const ctx = fakeContext(setupStep);
    expect(h.view(ctx)).toEqual({ signInStep: EMAIL_SETUP_STEP });
    await expect(h.answer(' ada@example.com ', ctx)).resolves.toEqual({
      kind: 'respond',
      challengeName: 'MFA_SETUP',
      challengeResponses: { EMAIL: 'ada@example.com' },
    });
    expect(() => h.validate!('not-an-address', ctx)).toThrow(expect.objectContaining({ name: 'InvalidEmailAddress', kind: 'validation' }));
  });

  it('checks addresses without echoing them', () => {
    for (const good of ['a@b.co', 'first.last+tag@sub.example.org', 'x@xn--bcher-kva.example']) {
      expect(checkEmailAddress(good)).toBe(good);
    }
    for (const bad of ['', '@example.com', 'a@', 'a@b', 'a b@example.com', 'a@@example.com', 'a@exa..mple.com', `${'x'.repeat(65)}@example.com`]) {
      try {
        checkEmailAddress(bad);
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect((e as AuthError).kind).toBe('validation');
        if (bad) expect((e as AuthError).message).not.toContain(bad);
      }
    }
  });
});
