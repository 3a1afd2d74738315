/**
 * `@nextstep/plugin-custom-challenge`: Cognito custom-auth challenges in a nextstep
 * sign-in, dispatched to handlers by kind.
 * @module
 */
export { customChallenge, invalidAnswer, CUSTOM_CHALLENGE_STEP } from './custom-challenge.js';
export type { CustomChallengeOptions, CustomChallengePlugin } from './custom-challenge.js';
export type { ChallengeKindHandler, CustomAnswer, CustomChallenge } from './kinds.js';
export type { CustomChallengeStep } from '@nextstep/core/plugin';
