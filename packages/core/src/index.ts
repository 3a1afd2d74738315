/**
 * `@nextstep/core`: multi-step sign-in for Amazon Cognito user pools. Every Cognito answer
 * becomes a typed next step; plugins register the steps they handle; a required default
 * handler receives every step nobody handles. This is the app entry; plugin authors use
 * `@nextstep/core/plugin`.
 *
 * ```ts
 * import { createAuth, surfaceUnclaimed } from '@nextstep/core';
 * const auth = createAuth({ userPool: { userPoolId, clientId }, plugins: [], defaultHandler: surfaceUnclaimed });
 * let out = await auth.signIn({ username: 'ada', password });
 * while (!out.isSignedIn) out = await out.confirm(await ask(out.nextStep));
 * ```
 * @packageDocumentation
 * @module @nextstep/core
 */
export { createAuth, Auth } from './auth.js';
export { Flow } from './flow.js';
export type { ActiveSignIn, SignedIn, SignInResult } from './sign-in-result.js';
export { runSignIn } from './runner.js';
export type { Prompter, PromptAnswer, PromptContext, RunSignInOptions, StepPrompt } from './runner.js';
export { surfaceUnclaimed, failUnclaimed } from './default-handlers.js';
export { AuthError, isAuthError } from './errors.js';
export type { AuthErrorOptions } from './errors.js';
export { CORE_VERSION } from './version.js';
export type * from './types.js';
export type { HookMap, SyncBailHook, SyncHook, AsyncSeriesWaterfallHook } from './hooks/index.js';
export { createFetchTransport } from './transport/fetch.js';
export type { FetchTransportOptions } from './transport/fetch.js';
export { regionFromPoolId, isUserPoolId } from './transport/region.js';
// sessions (#10): stores, session and account calls (free functions: unused ones tree-shake away).
export * from './session/index.js';
// servers (#14): flow stores, sealed snapshots, flows by id.
export * from './flow-store/index.js';
