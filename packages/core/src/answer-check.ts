/** The shape every answer must have before any handler sees it. @module */
import { validationError } from './fail.js';
import type { StepAnswer } from './types.js';

/** Answers must be a non-empty string or `{ challengeResponses }` of strings. */
export function checkAnswerShape(answer: unknown): asserts answer is StepAnswer {
  if (answer === undefined || answer === null || (typeof answer === 'string' && answer.trim() === '')) {
    throw validationError('EmptyChallengeResponse', 'The answer to this step is empty.');
  }
  if (typeof answer === 'string') return;
  const responses = typeof answer === 'object' ? (answer as { challengeResponses?: unknown }).challengeResponses : undefined;
  if (!responses || typeof responses !== 'object' || Object.values(responses).some((v) => typeof v !== 'string')) {
    throw validationError('InvalidChallengeResponse', 'An answer is a string, or { challengeResponses } whose values are strings.');
  }
}
