import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import { TOTP, URI } from 'otpauth';
import { buildSetupUri, totp, TOTP_CODE_STEP, TOTP_SETUP_STEP } from './index.js';
import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const codeStep = descriptor(TOTP_CODE_STEP, 'SOFTWARE_TOKEN_MFA');
const setupStep = descriptor(TOTP_SETUP_STEP, 'MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });

describe('totp plugin', () => {
  it('reports the version in package.json and the plugin API it implements', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    const plugin = totp();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.api).toBe(PLUGIN_API_VERSION);
  });

  it('registers the code and setup steps', () => {
    expect(totp().steps.map((r) => r.type)).toEqual([TOTP_CODE_STEP, TOTP_SETUP_STEP]);
    expect(handlerFor(totp(), codeStep)).toBeDefined();
    expect(handlerFor(totp(), setupStep)).toBeDefined();
  });

  it('refuses a code that cannot be a TOTP code, locally', () => {
    const h = handlerFor(totp(), codeStep)!;
    for (const bad of ['12345', '1234567', 'abcdef', '', undefined]) {
      expect(() => h.validate!(bad, fakeContext(codeStep))).toThrow(AuthError);
    }
    expect(() => h.validate!('012345', fakeContext(codeStep))).not.toThrow();
  });

  it('answers SOFTWARE_TOKEN_MFA with the code', async () => {
    const h = handlerFor(totp(), codeStep)!;
    await expect(h.answer('012345', fakeContext(codeStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'SOFTWARE_TOKEN_MFA',
      challengeResponses: { SOFTWARE_TOKEN_MFA_CODE: '012345' },
    });
  });

  it('shows the shared secret and builds a setup URI that authenticator apps read', () => {
    const h = handlerFor(totp({ issuer: 'Acme' }), setupStep)!;
    const view = h.view(fakeContext(setupStep, { state: { sharedSecret: SECRET } }));
    if (view.signInStep !== TOTP_SETUP_STEP) throw new Error('wrong step');
    expect(view.totpSetupDetails.sharedSecret).toBe(SECRET);

    const byDefault = view.totpSetupDetails.getSetupUri('');
    expect(byDefault.protocol).toBe('otpauth:');
    expect(byDefault.href).toBe(`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`);

    // Amplify JS v6's exact text for ordinary names: label unencoded, secret then issuer.
    const uri = view.totpSetupDetails.getSetupUri('ParityApp', 'ada@example.com');
    expect(uri.href).toBe(`otpauth://totp/ParityApp:ada@example.com?secret=${SECRET}&issuer=ParityApp`);
    // A parser of such URIs (otpauth's full build) gets back Cognito's generator: SHA1, 6 digits, 30 s.
    const parsed = URI.parse(uri.href) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.issuer).toBe('ParityApp');
    expect(parsed.label).toBe('ada@example.com');
    expect(parsed.algorithm).toBe('SHA1');
    expect(parsed.digits).toBe(6);
    expect(parsed.period).toBe(30);
    expect(parsed.secret.base32).toBe(SECRET);
  });

  it('gives the same URI text as Amplify JS v6 for ordinary names', () => {
    // Amplify's template, for comparison (a fact of its output, not its code).
    const amplify = (app: string, account: string) => new URL(`otpauth://totp/${app}:${account}?secret=${SECRET}&issuer=${app}`).href;
    for (const [app, account] of [['Acme', 'alice'], ['My App', 'ada lovelace'], ['Ünïcode', 'josé@exämple.com'], ['a.b-c_d', 'x~y!']]) {
      expect(buildSetupUri(SECRET, app!, account!).href).toBe(amplify(app!, account!));
    }
  });

  it('percent-encodes characters that would break the URI, and parsers read the names back', () => {
    const cases: Array<[string, string]> = [
      ['Acme: West', 'ada/lovelace'],
      ['R&D #1', 'who?me'],
      ['100% Co', 'a+b'],
      ['Tab\tCo', 'x:y'],
    ];
    for (const [app, account] of cases) {
      const uri = buildSetupUri(SECRET, app, account);
      expect(uri.pathname.split(':')).toHaveLength(2); // exactly one ':' separates issuer and account
      expect([...uri.searchParams.keys()]).toEqual(['secret', 'issuer']);
      expect(uri.searchParams.get('issuer')).toBe(app);
      expect(uri.searchParams.get('secret')).toBe(SECRET);
      expect(uri.hash).toBe('');
      expect(uri.host).toBe('totp');
      const [issuerPart, accountPart] = uri.pathname.slice(1).split(':');
      expect(decodeURIComponent(issuerPart!)).toBe(app);
      expect(decodeURIComponent(accountPart!)).toBe(account);
    }
    expect(buildSetupUri(SECRET, 'R&D #1', 'who?me').href).toBe(
      `otpauth://totp/R%26D%20%231:who%3Fme?secret=${SECRET}&issuer=R%26D%20%231`,
    );
  });

  it('validates setup URI inputs', () => {
    expect(() => buildSetupUri('not base32!', 'Acme', 'alice')).toThrow(expect.objectContaining({ name: 'InvalidTotpSecret' }));
    expect(() => totp({ issuer: '' })).toThrow(expect.objectContaining({ kind: 'config' }));
  });
});
