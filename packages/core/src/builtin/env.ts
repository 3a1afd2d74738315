/** What core's built-in plugins need from createAuth, and the helpers they share. @module */
import { PLUGIN_API_VERSION } from '../plugin-api.js';
import type { ChallengeInput, PluginHooks, StepDescriptor } from '../types.js';

export interface BuiltinEnv {
  /** True when some plugin registered a handler for the step type (an MFA type is installed when its code step is). */
  installed(stepType: string): boolean;
  /** `createAuth`'s autoSelectSingleMfa. */
  readonly autoSelectSingleMfa: boolean;
}

/** The plugin API built-in plugins are written for: the one they ship with. */
export const BUILTIN_API = PLUGIN_API_VERSION;

/** The step descriptor for a challenge: its name and parameters as Cognito sent them. */
export function descriptor(input: Pick<ChallengeInput, 'challengeName' | 'parameters'>, type: string, data: Record<string, unknown> = {}): StepDescriptor {
  return { type, challengeName: input.challengeName, parameters: input.parameters, data };
}

/** The step descriptor for a challenge, with Cognito's AvailableChallenges when it sent them (USER_AUTH). */
export function offeredDescriptor(input: ChallengeInput, type: string, data: Record<string, unknown> = {}): StepDescriptor {
  return {
    type,
    challengeName: input.challengeName,
    parameters: input.parameters,
    ...(input.availableChallenges ? { availableChallenges: input.availableChallenges } : {}),
    data,
  };
}

/** Taps `hooks.challenge` for each challenge name, mapping it to the step `type` (with fresh `data`). */
export function mapChallenges(
  hooks: PluginHooks,
  plugin: string,
  challenges: readonly string[],
  type: string,
  data: (challenge: string) => Record<string, unknown> = () => ({}),
): void {
  for (const challenge of challenges) hooks.challenge.for(challenge).tap(plugin, (input) => descriptor(input, type, data(challenge)));
}
