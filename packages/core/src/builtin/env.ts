/** What core's built-in plugins need from createAuth. @module */
import { PLUGIN_API_VERSION } from '../plugin-api.js';

export interface BuiltinEnv {
  /** True when some plugin registered a handler for the step type (an MFA type is installed when its code step is). */
  installed(stepType: string): boolean;
  /** `createAuth`'s autoSelectSingleMfa. */
  readonly autoSelectSingleMfa: boolean;
}

/** The plugin API built-in plugins are written for: the one they ship with. */
export const BUILTIN_API = PLUGIN_API_VERSION;
