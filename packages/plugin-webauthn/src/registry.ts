/** Which authenticator an Auth's passkey plugin uses, for the management calls. @module */
import type { PluginHooks } from '@nextstep/core/plugin';
import type { Authenticator } from './authenticator.js';

const authenticators = new WeakMap<object, Authenticator>();

/** Records the authenticator of the plugin applied to these hooks. */
export function register(hooks: PluginHooks, authenticator: Authenticator): void {
  authenticators.set(hooks.completing, authenticator);
}

/** The authenticator of the passkey plugin of an Auth whose hooks these are. */
export function authenticatorOf(hooks: PluginHooks): Authenticator | undefined {
  return authenticators.get(hooks.completing);
}
