/**
 * The per-Auth machinery flows share: configuration, hooks, and the one path every Cognito
 * call takes (fill in → request hook → SECRET_HASH → transport → response hook), with debug
 * logs that name operations, never values.
 * @module
 */
import { secretHash as computeSecretHash } from './secret-hash.js';
import type { SessionConfig } from './session/config.js'; // sessions (#10)
import { checkControl, clock, guardCall, guardHook, mergeControl, type CallControl } from './guard/index.js'; // p15 (issue #15)
import type { AuthError } from './errors.js';
import type { SessionInfo } from './session/types.js';
import type {
  AuthHooks,
  CognitoCall,
  CognitoOperation,
  CognitoTransport,
  DefaultHandler,
  FlowInfo,
  Logger,
  UserPoolConfig,
} from './types.js';

/** Internal: what flows and account operations need from their Auth instance. */
export interface Engine {
  readonly hooks: AuthHooks;
  readonly userPool: Readonly<UserPoolConfig>;
  readonly transport: CognitoTransport;
  readonly logger: Logger;
  readonly now: () => number;
  readonly sessionValidityMs: number;
  readonly defaultHandler: DefaultHandler;
  /** sessions (#10): the token store and how users are picked. */
  readonly session: SessionConfig;
  /** createAuth's `timeoutMs` per Cognito call (p15, issue #15). */
  readonly timeoutMs?: number;
}

/**
 * A flow's side of a call: what core fills in for it, and where a returned Session goes.
 * The flow owns the Session; calls only report what Cognito returned.
 */
export interface CallScope {
  readonly flow: FlowInfo;
  /** The USERNAME answers carry. */
  username(): string;
  session(): string | undefined;
  /** ClientMetadata to send when the input has none. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
  /** Cognito returned a Session. */
  onSession(session: string): void;
}

/** Operations whose input carries a top-level SecretHash computed from `Username`. */
const TOP_LEVEL_SECRET_HASH = new Set<string>([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
]);

/** Operations that take the app client id (and ClientMetadata). */
const WITH_CLIENT_ID = new Set<string>([...TOP_LEVEL_SECRET_HASH, 'InitiateAuth', 'RespondToAuthChallenge']);

/** SECRET_HASH for a username, or undefined when the client has no secret. */
export function secretHashFor(engine: Engine, username: string): Promise<string | undefined> {
  const { clientSecret, clientId } = engine.userPool;
  if (!clientSecret) return Promise.resolve(undefined);
  return computeSecretHash(clientSecret, username, clientId);
}

/** The parameter map of an auth operation (AuthParameters / ChallengeResponses), if any. */
function paramsKey(operation: string): 'AuthParameters' | 'ChallengeResponses' | undefined {
  return operation === 'InitiateAuth' ? 'AuthParameters' : operation === 'RespondToAuthChallenge' ? 'ChallengeResponses' : undefined;
}

/**
 * ClientId, and for a flow's calls USERNAME, the Session and ClientMetadata, where the caller
 * left them out. A copy: request hooks may edit it.
 */
function fillIn(engine: Engine, operation: string, input: Record<string, unknown>, scope?: CallScope): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (!WITH_CLIENT_ID.has(operation)) return out;
  if (out.ClientId === undefined) out.ClientId = engine.userPool.clientId;
  if (!scope) return out;
  if (operation === 'RespondToAuthChallenge') {
    const responses: Record<string, string> = { ...(out.ChallengeResponses as Record<string, string> | undefined) }; // {} when absent
    if (responses.USERNAME === undefined) responses.USERNAME = scope.username();
    out.ChallengeResponses = responses;
    const session = scope.session();
    if (out.Session === undefined && session !== undefined) out.Session = session;
  }
  if (out.ClientMetadata === undefined && scope.clientMetadata) out.ClientMetadata = { ...scope.clientMetadata };
  return out;
}

/** Adds SECRET_HASH where the operation needs it and the caller left it out. */
async function withSecretHash(engine: Engine, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!engine.userPool.clientSecret) return input;
  if (TOP_LEVEL_SECRET_HASH.has(operation) && input.SecretHash === undefined && typeof input.Username === 'string') {
    return { ...input, SecretHash: await secretHashFor(engine, input.Username) };
  }
  const key = paramsKey(operation);
  if (!key) return input;
  const params = { ...(input[key] as Record<string, string> | undefined) }; // {} when absent
  if (params.SECRET_HASH === undefined && params.USERNAME) params.SECRET_HASH = (await secretHashFor(engine, params.USERNAME))!;
  return { ...input, [key]: params };
}

/**
 * Calls Cognito: the one place every call goes through, core's and plugins' alike. With a
 * `scope` (a flow's calls) it fills in USERNAME, the Session and ClientMetadata and reports
 * a returned Session to the flow.
 */
export async function callCognito(
  engine: Engine,
  operation: CognitoOperation,
  input: Record<string, unknown>,
  scope?: CallScope,
  control?: CallControl, // p15 (issue #15): signal and timeout of the public call
  session?: SessionInfo, // #11: the stored session a call is made for (refresh)
): Promise<Record<string, any>> {
  const flow = scope?.flow;
  const filled = fillIn(engine, operation, input, scope);
  const start: CognitoCall = { operation, input: filled, ...(flow ? { flow } : {}), ...(session ? { session } : {}) };
  const call = (await guardHook(() => engine.hooks.request.promise(start), [filled])) ?? start; // p15: hook errors sanitised
  let sent = await withSecretHash(engine, call.operation, call.input);
  const t0 = clock();
  let output: Record<string, any>;
  try {
    // p15 (issue #15): deadline + signal, foreign errors sanitised, answer checked, callFailed hook.
    output = await guardCall(engine, call, sent, control, t0);
  } catch (err) {
    // #11: a callRecover tap may ask for one retry with another input (e.g. without a
    // DEVICE_KEY Cognito forgot); it goes through SECRET_HASH and the same guarded send.
    if (!engine.hooks.callRecover.isUsed()) throw err;
    const recovery = await guardHook(() => engine.hooks.callRecover.promise({ ...call, error: err as AuthError }), [filled, call.input]);
    if (!recovery?.retry) throw err;
    engine.logger.debug('cognito call retried', { operation: call.operation, flowId: flow?.id });
    const retried: CognitoCall = { ...call, input: recovery.retry };
    sent = await withSecretHash(engine, call.operation, recovery.retry);
    output = await guardCall(engine, retried, sent, control, clock());
  }
  const durationMs = clock() - t0;
  engine.logger.debug('cognito call', {
    operation: call.operation,
    flowId: flow?.id,
    durationMs: Math.round(durationMs),
    challengeName: typeof output.ChallengeName === 'string' ? output.ChallengeName : undefined,
  });
  const result = (await guardHook(() => engine.hooks.response.promise({ ...call, output, durationMs }), [sent, output])) ?? { output }; // p15
  if (scope && typeof result.output.Session === 'string') scope.onSession(result.output.Session);
  return result.output;
}

/**
 * A transport whose every call goes through {@link callCognito} with this scope; `control`
 * gives the signal / timeout of the public call in progress (p15), merged with the call's own.
 */
export function scopedTransport(engine: Engine, scope?: CallScope, control?: () => CallControl | undefined): CognitoTransport {
  return {
    send: (operation, input, options) => callCognito(engine, operation, input, scope, mergeControl(control?.(), checkControl(options, operation))),
  };
}
