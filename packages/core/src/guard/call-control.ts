/**
 * The one place a Cognito call meets the clock and the caller's AbortSignal: core races
 * every transport call against its deadline and the signal, so even a custom transport
 * that ignores both cannot leave a flow waiting (and busy) forever.
 * @module
 */
import { isAuthError } from '../errors.js';
import { validationError } from '../fail.js';
import { DEFAULT_TIMEOUT_MS, isTimeout, type TransportSendOptions } from '../transport/call-options.js';
import { aborted, timedOut } from '../transport/errors.js';
import type { CognitoInput, CognitoOperation, CognitoOutput, KnownCognitoOperation } from '../transport/operations.js';
import { anySignal, deadline, untilAborted } from '../transport/policy.js';
import { transportRegion } from '../transport/region.js';
import type { AuthErrorKind, CognitoTransport, FlowInfo, UserPoolConfig } from '../types.js';

/** Cancellation and time limit of a public call that talks to Cognito. */
export interface CallControl {
  /** Cancels the call: it rejects with an AuthError named `RequestAborted`. */
  signal?: AbortSignal;
  /**
   * Time for each Cognito call it makes, retries included, in ms. Default: createAuth's
   * `timeoutMs`, else the transport's own (20 000 for core's transports).
   */
  timeoutMs?: number;
}

/**
 * Cognito as core hands it to apps and plugins (`auth.cognito`, `flow.cognito`,
 * `ctx.cognito`): typed inputs and outputs for the operations core knows, plain JSON for
 * any other operation of the user pools API.
 */
export interface CognitoClient {
  /** Calls a known operation: typed input and answer. */
  send<Op extends KnownCognitoOperation>(operation: Op, input: CognitoInput<Op>, options?: CallControl): Promise<CognitoOutput<Op>>;
  /** Calls any other operation of the user pools API: plain JSON. */
  send(operation: CognitoOperation, input: Record<string, unknown>, options?: CallControl): Promise<Record<string, any>>;
}

/** A failed Cognito call as the `callFailed` hook sees it: facts only, never the input. */
export interface CognitoCallFailure {
  /** The Cognito operation name. */
  readonly operation: CognitoOperation;
  /** The flow the call belonged to, when a flow's. */
  readonly flow?: FlowInfo;
  /** The error's name (Cognito's exception name for service errors). */
  readonly errorName: string;
  /** Where the error came from (e.g. `network`, `service`). */
  readonly errorKind: AuthErrorKind;
  /** Milliseconds from sending to the failure. */
  readonly durationMs: number;
  /** The HTTP status, when Cognito answered. */
  readonly httpStatusCode?: number;
  /** How many times the call was sent (retries included). */
  readonly attempts?: number;
  /** False when the request cannot have reached Cognito (e.g. connection refused). */
  readonly mayHaveReachedCognito?: boolean;
}

/** Checks `signal` / `timeoutMs` given to a public call; throws a validation AuthError. */
export function checkControl(control: unknown, where: string): CallControl | undefined {
  if (control === undefined || control === null) return undefined;
  const c = control as CallControl;
  if (c.signal !== undefined && !(c.signal instanceof AbortSignal)) {
    throw validationError('InvalidSignal', `${where}: signal must be an AbortSignal.`);
  }
  if (c.timeoutMs !== undefined && !isTimeout(c.timeoutMs)) {
    throw validationError('InvalidTimeout', `${where}: timeoutMs must be a positive number of milliseconds.`);
  }
  // Only the two fields, and undefined when neither is given (anySignal keeps a lone signal as it is).
  return mergeControl(c);
}

/** Merges call controls, later ones winning; signals combine (either cancels). */
export function mergeControl(...controls: (CallControl | undefined)[]): CallControl | undefined {
  // anySignal skips the controls without a signal (and keeps a lone signal as it is).
  const signal = controls.some((c) => c?.signal) ? anySignal(controls.map((c) => c?.signal)) : undefined;
  const timeoutMs = controls.reduce<number | undefined>((t, c) => c?.timeoutMs ?? t, undefined);
  if (!signal && timeoutMs === undefined) return undefined;
  return { ...(signal ? { signal } : {}), ...(timeoutMs ? { timeoutMs } : {}) };
}

function poolRegion(userPool: Readonly<UserPoolConfig>): string | undefined {
  try {
    return transportRegion(userPool);
  } catch {
    return undefined;
  }
}

/**
 * Sends through `transport` with the pool's endpoint and region, the caller's signal and a
 * deadline. Rejects with `RequestAborted` / `RequestTimedOut` when either ends the call
 * first, whatever the transport does.
 */
export async function controlledSend(
  transport: CognitoTransport,
  operation: CognitoOperation,
  input: Record<string, unknown>,
  userPool: Readonly<UserPoolConfig>,
  control: CallControl | undefined,
  configuredTimeoutMs?: number,
): Promise<Record<string, any>> {
  // An explicit limit (the call's, else createAuth's) goes to the transport; without one the
  // transport keeps its own, and core's default only stops a transport that never settles.
  const explicit = control?.timeoutMs ?? configuredTimeoutMs;
  const timeoutMs = explicit ?? DEFAULT_TIMEOUT_MS;
  const user = control?.signal;
  if (user?.aborted) throw aborted({ operation }, false);
  const region = poolRegion(userPool);
  const options: TransportSendOptions = {
    ...(explicit !== undefined ? { timeoutMs: explicit } : {}),
    ...(user ? { signal: user } : {}),
    ...(userPool.endpoint ? { endpoint: userPool.endpoint } : {}),
    ...(region ? { region } : {}),
  };
  // Its timer and listener end with the call (a parked flow keeps nothing of it).
  const limit = deadline(timeoutMs, user);
  const stop = limit.signal;
  try {
    return await untilAborted(Promise.resolve().then(() => transport.send(operation, input, options)), stop);
  } catch (error) {
    if (isAuthError(error) || !stop.aborted) throw error;
    return user?.aborted ? Promise.reject(aborted({ operation }, true)) : Promise.reject(timedOut({ operation }, timeoutMs, true));
  } finally {
    limit.release();
  }
}
