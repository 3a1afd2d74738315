/**
 * `@nextstep/core/plugin`: the plugin contract, versioned by {@link PLUGIN_API_VERSION}.
 * Everything a plugin author needs: the types of plugins, steps, handlers and outcomes,
 * error builders and answer checks.
 *
 * ```ts
 * import { definePlugin, PLUGIN_API_VERSION, checkCode } from '@nextstep/core/plugin';
 * export const pin = () =>
 *   definePlugin<{ signInStep: 'ACME_PIN'; digits: number }>({
 *     name: '@acme/pin',
 *     api: PLUGIN_API_VERSION,
 *     steps: [{ type: 'ACME_PIN', handler: {
 *       plugin: '@acme/pin',
 *       view: () => ({ signInStep: 'ACME_PIN', digits: 4 }),
 *       answer: async (answer) => ({ kind: 'respond', challengeResponses: { ANSWER: checkCode(answer, [4], 'PIN') } }),
 *     } }],
 *   });
 * ```
 * @packageDocumentation
 * @module @nextstep/core/plugin
 */
import type { NextstepPlugin, StepView } from './types.js';

export { PLUGIN_API_VERSION } from './plugin-api.js';
export { AuthError, isAuthError } from './errors.js';
export type { AuthErrorOptions } from './errors.js';
export { validationError, configError } from './fail.js';
export { answerText, checkCode } from './validate.js';
export { parseJsonList } from './mfa-table.js';
export { startSrp } from './srp/session.js';
export type { SrpSession, SrpClaim, SrpClaimInput } from './srp/session.js';
export { deviceSecret } from './srp/device-verifier.js';
export type { DeviceSecret } from './srp/device-verifier.js';
export type {
  AppStep,
  AuthErrorKind,
  AuthFlowType,
  AuthHooks,
  AuthTokens,
  ChallengeInput,
  CodeDeliveryDetails,
  CognitoAuthResponse,
  CognitoCall,
  CognitoCallResult,
  CognitoCallFailure,
  CognitoCallRecovery,
  SignInCompletion,
  CognitoOperation,
  CognitoTransport,
  ConfirmSignInOptions,
  CustomChallengeStep,
  EmailCodeStep,
  EmailSetupStep,
  SmsCodeStep,
  TotpCodeStep,
  TotpSetupDetails,
  TotpSetupStep,
  FlowInfo,
  FlowSecrets,
  Logger,
  NextStep,
  NextstepPlugin,
  PluginHooks,
  PluginHost,
  PluginSteps,
  StepAnswer,
  StepContext,
  StepDescriptor,
  StepHandler,
  StepOutcome,
  StepRegistration,
  StepView,
} from './types.js';
export type { HookMap, SyncBailHook, SyncHook, AsyncSeriesWaterfallHook } from './hooks/index.js';

/**
 * Types a plugin with the steps it shows the app, `V` (a union of `{ signInStep: ... }`
 * shapes), so `createAuth` adds them to the app's step union. Returns the plugin as given.
 */
export function definePlugin<V extends StepView = never>(plugin: NextstepPlugin<V>): NextstepPlugin<V> {
  return plugin;
}
