/**
 * Core's guards where values from outside enter: Cognito calls (deadline, cancellation,
 * foreign errors, answers checked), public inputs and saved flows.
 * @module
 */
import type { Engine } from '../engine.js';
import type { CognitoCall } from '../types.js';
import { controlledSend, type CallControl, type CognitoCallFailure } from './call-control.js';
import { sanitizeError, secretsOf } from './redact.js';
import { checkCognitoAnswer } from './response-check.js';

export { checkControl, mergeControl, controlledSend } from './call-control.js';
export type { CallControl, CognitoClient, CognitoCallFailure } from './call-control.js';
export { sanitizeError, secretsOf, leaks } from './redact.js';
export { checkCognitoAnswer, unexpectedField } from './response-check.js';

/** @internal A monotonic clock where there is one (call durations). */
export const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Sends one Cognito call through the engine's transport under `control`, checks the answer,
 * and on failure hands the `callFailed` hook the facts (never the input) and rejects with
 * an error from which no value of the request can be read.
 */
export async function guardCall(
  engine: Engine,
  call: CognitoCall,
  sent: Record<string, unknown>,
  control: CallControl | undefined,
  t0: number,
): Promise<Record<string, any>> {
  try {
    const output = (await controlledSend(engine.transport, call.operation, sent, engine.userPool, control, engine.timeoutMs)) ?? {};
    checkCognitoAnswer(call.operation, output);
    return output;
  } catch (err) {
    const error = sanitizeError(err, secretsOf(sent, call.input), { message: `${call.operation}: the transport failed.` });
    const durationMs = clock() - t0;
    engine.logger.debug('cognito call failed', { operation: call.operation, flowId: call.flow?.id, error: error.name, durationMs: Math.round(durationMs) });
    const m = error.metadata ?? {};
    const failure: CognitoCallFailure = Object.freeze({
      operation: call.operation,
      ...(call.flow ? { flow: call.flow } : {}),
      errorName: error.name,
      errorKind: error.kind,
      durationMs,
      ...(typeof m.httpStatusCode === 'number' ? { httpStatusCode: m.httpStatusCode } : {}),
      ...(typeof m.attempts === 'number' ? { attempts: m.attempts } : {}),
      ...(typeof m.mayHaveReachedCognito === 'boolean' ? { mayHaveReachedCognito: m.mayHaveReachedCognito } : {}),
    });
    try {
      engine.hooks.callFailed?.call(failure);
    } catch {
      // A tracing hook's own failure must not replace the call's error.
    }
    throw error;
  }
}
export { checkSignInOptions, checkConfirmOptions, checkAccountOptions, checkStringMap } from './input-check.js';
export { checkSnapshotShape } from './snapshot-check.js';

/**
 * Runs a request/response hook; its error reaches the app with nothing of `values` (the
 * call's input, Cognito's output with its tokens) readable from it.
 */
export async function guardHook<T>(run: () => Promise<T>, values: unknown[]): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw sanitizeError(err, secretsOf(...values), { message: 'A request or response hook failed.' });
  }
}
