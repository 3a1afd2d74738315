/** What core's built-in plugins need from createAuth. @module */
export interface BuiltinEnv {
  /** True when some plugin claims the step type (an MFA type is installed when its step is claimed). */
  installed(stepType: string): boolean;
  /** `createAuth`'s autoSelectSingleMfa. */
  readonly autoSelectSingleMfa: boolean;
}

/** The core range built-in plugins declare: they ship with core, so any core. */
export const BUILTIN_CORE_RANGE = '*';
