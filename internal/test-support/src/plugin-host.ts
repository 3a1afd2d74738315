// Test-only helpers for the step plugins' unit tests: run a plugin's apply against a minimal hook host and
// build a StepContext for pure checks (view, validate). Any Cognito call from such a
// context fails the test: network behaviour is tested end to end against the emulator.
import type { NextstepPlugin, StepContext, StepDescriptor, StepHandler, ConfirmSignInOptions } from '@nextstep/core';

type Tap = (step: StepDescriptor, info: unknown) => StepHandler | undefined;

export function handlerFor(plugin: NextstepPlugin, step: StepDescriptor): StepHandler | undefined {
  const taps = new Map<string, Tap[]>();
  const hooks = {
    step: { for: (key: string) => ({ tap: (_name: string, fn: Tap) => void taps.set(key, [...(taps.get(key) ?? []), fn]) }) },
    challenge: { for: () => ({ tap: () => undefined }) },
  };
  plugin.apply({ hooks, coreVersion: '0.1.0', logger: { debug() {} } } as never);
  for (const tap of taps.get(step.type) ?? []) {
    const h = tap(step, { id: 'f', username: 'u', authFlow: 'USER_SRP_AUTH', userPoolId: 'p', clientId: 'c' });
    if (h !== undefined) return h;
  }
  return undefined;
}

export function descriptor(type: string, challengeName: string, parameters: Record<string, string> = {}): StepDescriptor {
  return { type, challengeName, parameters, data: {} };
}

export function context(step: StepDescriptor, extra: { options?: ConfirmSignInOptions; password?: string; state?: Record<string, unknown> } = {}): StepContext {
  return {
    step,
    username: 'alice',
    userPoolId: 'us-east-1_test',
    clientId: 'client',
    session: 'session',
    state: extra.state ?? {},
    cognito: { send: () => Promise.reject(new Error('no Cognito calls in unit tests')) },
    secretHash: async () => undefined,
    secrets: extra.password === undefined ? {} : { password: extra.password },
    logger: { debug() {} },
    options: extra.options ?? {},
    setSession() {
      throw new Error('no session changes in unit tests');
    },
    restart: () => Promise.reject(new Error('no restarts in unit tests')),
  };
}
