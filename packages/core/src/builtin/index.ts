/** Core's own steps, registered as plugins through the same hooks as everyone's. @module */
import type { NextstepPlugin } from '../types.js';
import { accountStepsPlugin } from './account-steps.js';
import { challengeMapPlugin } from './challenge-map.js';
import { donePlugin } from './done.js';
import type { BuiltinEnv } from './env.js';
import { firstFactorPlugin } from './first-factor.js';
import { mfaSelectionPlugin } from './mfa-selection.js';
import { newPasswordPlugin } from './new-password.js';
import { passwordPlugin } from './password.js';

/** The built-in plugins, applied before the app's. */
export function builtinPlugins(env: BuiltinEnv): NextstepPlugin[] {
  return [
    challengeMapPlugin(),
    passwordPlugin(),
    newPasswordPlugin(),
    mfaSelectionPlugin(env),
    firstFactorPlugin(),
    accountStepsPlugin(),
    donePlugin(),
  ];
}

export type { BuiltinEnv };
