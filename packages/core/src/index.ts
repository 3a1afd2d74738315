/**
 * `@nextstep/core`: multi-step sign-in for Amazon Cognito user pools. Every Cognito answer
 * becomes a typed next step; plugins claim step types through tapable-style hooks; a
 * required default handler receives every step nobody claims.
 *
 * ```ts
 * import { createAuth, surfaceUnclaimed } from '@nextstep/core';
 * const auth = createAuth({ userPool: { userPoolId, clientId }, plugins: [], defaultHandler: surfaceUnclaimed });
 * const flow = await auth.signIn({ username: 'ada', password });
 * if (!flow.isSignedIn) await flow.confirm(answer);
 * ```
 * @packageDocumentation
 * @module @nextstep/core
 */
export { createAuth, Auth } from './auth.js';
export { Flow } from './flow.js';
export { runSignIn } from './runner.js';
export type { Prompter, PromptAnswer, PromptContext, RunSignInOptions, StepPrompt } from './runner.js';
export { surfaceUnclaimed, failUnclaimed } from './default-handlers.js';
export { AuthError, isAuthError } from './errors.js';
export type { AuthErrorOptions } from './errors.js';
export { CORE_VERSION } from './version.js';
export { satisfies, validRange } from './semver.js';
export { MFA_TYPES, STEP_PLUGINS, mfaTypeOf, parseJsonList } from './mfa-table.js';
export type { MfaTypeInfo } from './mfa-table.js';
export { answerText, assertCode, checkCode } from './validate.js';
export * from './hooks/index.js';
export type * from './types.js';
export { createFetchTransport } from './transport/fetch.js';
export type { FetchTransportOptions } from './transport/fetch.js';
export { regionFromPoolId, isUserPoolId } from './transport/region.js';
export { secretHash } from './secret-hash.js';
export { startSrp, formatTimestamp } from './srp/index.js';
export type * from './srp/index.js';
// sessions (#10): stores, session and account calls (free functions: unused ones tree-shake away).
export * from './session/index.js';
