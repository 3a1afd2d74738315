/**
 * Says, on an error of a flow's answer that no answer came for (a timeout, a cancellation,
 * a lost connection), whether the flow is still answerable: `metadata.flowAnswerable`.
 * @module
 */
import { AuthError } from '../errors.js';
import { afterLostAnswer } from '../transport/policy.js';

/**
 * `error` with `metadata.flowAnswerable` set, for network-kind errors (the ones where the
 * app cannot tell otherwise); other errors are returned as they are.
 */
export function withFlowState(error: AuthError, answerable: boolean): AuthError {
  if (error.kind !== 'network') return error;
  const recovery = answerable
    ? error.metadata?.mayHaveReachedCognito === false
      ? 'Nothing reached Cognito: answer the same step again.'
      : 'Answer the same step again; if Cognito says the session was used, sign in again.'
    : 'The sign-in cannot continue from here: sign in again.';
  return new AuthError(error.name, error.message, {
    kind: error.kind,
    recoverySuggestion: recovery,
    cause: error.cause,
    metadata: { ...error.metadata, flowAnswerable: answerable },
  });
}

/** True when `error` left it open whether Cognito processed the request (its answer was lost). */
export function answerMayBeLost(error: AuthError): boolean {
  return error.kind === 'network' && error.metadata?.mayHaveReachedCognito !== false;
}

/**
 * After an answer whose reply was lost (timeout, cancellation, dropped connection), the app's
 * next answer is a retry: a spent-session error then says the first attempt may have
 * reached Cognito.
 */
export function afterRetriedAnswer(error: AuthError, previousLost: boolean): AuthError {
  return previousLost && (error.kind === 'service' || error.kind === 'session') ? afterLostAnswer(error) : error;
}
