import { describe, expect, it } from 'vitest';
import { AuthError, CORE_VERSION, createAuth, surfaceUnclaimed, type NextstepPlugin, type StepHandler, type StepRegistration } from './index.js';
import { PLUGIN_API_VERSION } from './plugin.js';

const userPool = { userPoolId: 'us-east-1_Test1', clientId: 'client' };
const info = { id: 'f', username: 'u', authFlow: 'USER_SRP_AUTH', userPoolId: userPool.userPoolId, clientId: 'client' } as const;

function handler(plugin: string): StepHandler {
  return { plugin, view: () => ({ signInStep: 'X' }), answer: async () => ({ kind: 'restart' }) };
}

function plugin(name: string, types: (string | { type: string; stage: number })[], version?: string): NextstepPlugin {
  const steps: StepRegistration[] = types.map((t) =>
    typeof t === 'string' ? { type: t, handler: handler(name) } : { type: t.type, stage: t.stage, handler: handler(name) },
  );
  return { name, api: PLUGIN_API_VERSION, steps, ...(version ? { version } : {}) };
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

describe('createAuth checks and registers plugins', () => {
  it('refuses two plugins registering one step, naming both with versions', () => {
    const err = configErrorOf(() =>
      createAuth({
        userPool,
        defaultHandler: surfaceUnclaimed,
        plugins: [plugin('@acme/totp-a', ['CONFIRM_SIGN_IN_WITH_TOTP_CODE'], '1.0.0'), plugin('@acme/totp-b', ['CONFIRM_SIGN_IN_WITH_TOTP_CODE'], '2.1.0')],
      }),
    );
    expect(err.name).toBe('DuplicateStepClaim');
    expect(err.message).toContain('@acme/totp-a@1.0.0');
    expect(err.message).toContain('@acme/totp-b@2.1.0');
    expect(err.message).toContain('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  });

  it('refuses a plugin registering a built-in step without a stage, naming the built-in', () => {
    const err = configErrorOf(() =>
      createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [plugin('@acme/pw', ['CONFIRM_SIGN_IN_WITH_PASSWORD'])] }),
    );
    expect(err.name).toBe('DuplicateStepClaim');
    expect(err.message).toContain('@nextstep/core/password');
    expect(err.message).toContain('@acme/pw');
  });

  it('a stage reaches the step hook: -10 replaces the built-in handler, 10 runs after it', () => {
    // Regression: the stage was checked but never given to the tap, so the built-in still won.
    const before = createAuth({
      userPool,
      defaultHandler: surfaceUnclaimed,
      plugins: [plugin('@acme/pw', [{ type: 'CONFIRM_SIGN_IN_WITH_PASSWORD', stage: -10 }])],
    });
    const step = { type: 'CONFIRM_SIGN_IN_WITH_PASSWORD', challengeName: 'PASSWORD', parameters: {}, data: {} };
    expect(before.hooks.step.get('CONFIRM_SIGN_IN_WITH_PASSWORD')!.call(step, info)?.plugin).toBe('@acme/pw');
    const after = createAuth({
      userPool,
      defaultHandler: surfaceUnclaimed,
      plugins: [plugin('@acme/pw', [{ type: 'CONFIRM_SIGN_IN_WITH_PASSWORD', stage: 10 }])],
    });
    expect(after.hooks.step.get('CONFIRM_SIGN_IN_WITH_PASSWORD')!.call(step, info)?.plugin).toBe('@nextstep/core/password');
  });

  it('refuses a plugin written for another plugin API, or for the old contract, naming both versions', () => {
    const future = { ...plugin('@acme/future', [], '3.0.0'), api: PLUGIN_API_VERSION + 1 };
    const err = configErrorOf(() => createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [future] }));
    expect(err.name).toBe('IncompatiblePlugin');
    expect(err.message).toContain('@acme/future@3.0.0');
    expect(err.message).toContain(`plugin API ${PLUGIN_API_VERSION + 1}`);
    expect(err.message).toContain(`plugin API ${PLUGIN_API_VERSION}`);
    const old = { name: '@acme/old', core: '^0.1.0', claims: ['X'], apply() {} } as unknown as NextstepPlugin;
    const both = configErrorOf(() => createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [old, future] }));
    expect(both.name).toBe('InvalidPluginConfiguration');
    expect(both.metadata?.problems).toHaveLength(3); // old: no api, no steps; future: api
  });

  it('refuses a registration without a handler', () => {
    const bad = { name: '@acme/bad', api: PLUGIN_API_VERSION, steps: [{ type: 'X', handler: { plugin: 'x' } }] } as unknown as NextstepPlugin;
    expect(configErrorOf(() => createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [bad] })).name).toBe('InvalidPluginConfiguration');
  });

  it('applies plugins after registering their steps, with frozen hooks that have no step hook', () => {
    const seen: unknown[] = [];
    const p: NextstepPlugin = {
      ...plugin('@acme/ok', ['CONFIRM_SIGN_IN_WITH_SMS_CODE']),
      apply(host) {
        seen.push(host.api, 'step' in host.hooks);
        expect(Object.isFrozen(host.hooks)).toBe(true);
      },
    };
    const auth = createAuth({ userPool, defaultHandler: surfaceUnclaimed, plugins: [p] });
    expect(seen).toEqual([PLUGIN_API_VERSION, false]);
    expect(Object.isFrozen(auth.hooks)).toBe(true);
    expect(auth.hooks.step.get('CONFIRM_SIGN_IN_WITH_SMS_CODE')!.call({ type: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', challengeName: 'SMS_MFA', parameters: {}, data: {} }, info)?.plugin).toBe('@acme/ok');
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
