import { describe, expect, it } from 'vitest';
import { AuthError, CORE_VERSION, createAuth, surfaceUnclaimed, type NextstepPlugin } from './index.js';

const userPool = { userPoolId: 'us-east-1_Test1', clientId: 'client' };

function plugin(name: string, claims: NextstepPlugin['claims'], core = '*', version?: string): NextstepPlugin {
  return { name, core, claims, ...(version ? { version } : {}), apply() {} };
}

function configErrorOf(fn: () => unknown): AuthError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).kind).toBe('config');
    return err as AuthError;
  }
  throw new Error('expected a config error');
}

describe('CORE_VERSION', () => {
  it('is the version in package.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CORE_VERSION).toBe(pkg.version);
  });
});

describe('createAuth checks plugins', () => {
  it('refuses two plugins claiming one step, naming both with versions', () => {
    const err = configErrorOf(() =>
      createAuth({
        userPool,
        defaultHandler: surfaceUnclaimed,
        plugins: [plugin('@acme/totp-a', ['CONFIRM_SIGN_IN_WITH_TOTP_CODE'], '*', '1.0.0'), plugin('@acme/totp-b', ['CONFIRM_SIGN_IN_WITH_TOTP_CODE'], '*', '2.1.0')],
      }),
    );
    expect(err.name).toBe('DuplicateStepClaim');
    expect(err.message).toContain('@acme/totp-a@1.0.0');
    expect(err.message).toContain('@acme/totp-b@2.1.0');
    expect(err.message).toContain('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  });

  it('refuses a plugin claiming a built-in step unstaged, and accepts a staged claim', () => {
    const err = configErrorOf(() =>
      createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [plugin('@acme/pw', ['CONFIRM_SIGN_IN_WITH_PASSWORD'])] }),
    );
    expect(err.message).toContain('@nextstep/core/password');
    expect(() =>
      createAuth({
        userPool,
        defaultHandler: surfaceUnclaimed,
        plugins: [plugin('@acme/pw', [{ step: 'CONFIRM_SIGN_IN_WITH_PASSWORD', stage: -10 }])],
      }),
    ).not.toThrow();
  });

  it('refuses an incompatible core range, naming both versions', () => {
    const err = configErrorOf(() =>
      createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [plugin('@acme/future', [], '^9.0.0', '3.0.0')] }),
    );
    expect(err.name).toBe('IncompatiblePlugin');
    expect(err.message).toContain('@acme/future@3.0.0');
    expect(err.message).toContain('^9.0.0');
    expect(err.message).toContain(CORE_VERSION);
  });

  it('refuses an unreadable range and lists every problem', () => {
    const err = configErrorOf(() =>
      createAuth({
        userPool,
        defaultHandler: surfaceUnclaimed,
        plugins: [plugin('@acme/bad', [], 'not a range'), plugin('@acme/old', [], '<0.1.0')],
      }),
    );
    expect(err.name).toBe('InvalidPluginConfiguration');
    expect(err.metadata?.problems).toHaveLength(2);
  });

  it('accepts compatible plugins and applies them after the built-ins', () => {
    const seen: string[] = [];
    const p: NextstepPlugin = {
      name: '@acme/ok',
      core: `^${CORE_VERSION}`,
      claims: ['CONFIRM_SIGN_IN_WITH_SMS_CODE'],
      apply(host) {
        seen.push(host.coreVersion);
        expect(Object.isFrozen(host.hooks)).toBe(true);
      },
    };
    const auth = createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [p] });
    expect(seen).toEqual([CORE_VERSION]);
    expect(Object.isFrozen(auth.hooks)).toBe(true);
  });

  it('refuses a missing default handler at runtime too (for JavaScript callers)', () => {
    const err = configErrorOf(() => createAuth({ userPool } as never));
    expect(err.name).toBe('MissingDefaultHandler');
  });

  it('checks the user pool config', () => {
    expect(configErrorOf(() => createAuth({ userPool: { userPoolId: 'nope', clientId: 'x' }, defaultHandler: surfaceUnclaimed })).name).toBe(
      'InvalidUserPoolId',
    );
    expect(configErrorOf(() => createAuth({ userPool: { ...userPool, clientId: '' }, defaultHandler: surfaceUnclaimed })).name).toBe(
      'InvalidClientId',
    );
  });
});
