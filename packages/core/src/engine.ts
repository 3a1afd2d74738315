/**
 * The per-Auth machinery flows share: configuration, hooks, and the one path every Cognito
 * call takes (fill in → request hook → SECRET_HASH → transport → response hook), with debug
 * logs that name operations, never values.
 * @module
 */
import { secretHash as computeSecretHash } from './secret-hash.js';
import { toAuthError } from './fail.js';
import type { SessionConfig } from './session/config.js'; // sessions (#10)
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
  readonly autoSelectSingleMfa: boolean;
  readonly defaultHandler: DefaultHandler;
  /** sessions (#10): the token store and how users are picked. */
  readonly session: SessionConfig;
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
  if (WITH_CLIENT_ID.has(operation) && out.ClientId === undefined) out.ClientId = engine.userPool.clientId;
  if (!scope || !WITH_CLIENT_ID.has(operation)) return out;
  if (operation === 'RespondToAuthChallenge') {
    const responses: Record<string, string> = { ...((out.ChallengeResponses as Record<string, string> | undefined) ?? {}) };
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
  const params = { ...((input[key] as Record<string, string> | undefined) ?? {}) };
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
  session?: SessionInfo,
): Promise<Record<string, any>> {
  const flow = scope?.flow;
  const filled = fillIn(engine, operation, input, scope);
  const start: CognitoCall = { operation, input: filled, ...(flow ? { flow } : {}), ...(session ? { session } : {}) };
  const call = (await engine.hooks.request.promise(start)) ?? start;
  const t0 = typeof performance !== 'undefined' ? performance.now() : engine.now();
  let output: Record<string, any>;
  try {
    output = await send(engine, call, call.input);
  } catch (err) {
    const error = toAuthError(err);
    engine.logger.debug('cognito call failed', { operation: call.operation, flowId: flow?.id, error: error.name });
    // A callFailed tap may ask for one retry with another input.
    const failure = engine.hooks.callFailed.isUsed() ? await engine.hooks.callFailed.promise({ ...call, error }) : undefined;
    if (!failure?.retry) throw error;
    engine.logger.debug('cognito call retried', { operation: call.operation, flowId: flow?.id });
    output = await send(engine, call, failure.retry).catch((again: unknown) => {
      throw toAuthError(again);
    });
  }
  const durationMs = (typeof performance !== 'undefined' ? performance.now() : engine.now()) - t0;
  engine.logger.debug('cognito call', {
    operation: call.operation,
    flowId: flow?.id,
    durationMs: Math.round(durationMs),
    challengeName: typeof output.ChallengeName === 'string' ? output.ChallengeName : undefined,
  });
  const result = (await engine.hooks.response.promise({ ...call, output, durationMs })) ?? { output };
  if (scope && typeof result.output.Session === 'string') scope.onSession(result.output.Session);
  return result.output;
}

/** SECRET_HASH, then the transport. */
async function send(engine: Engine, call: CognitoCall, input: Record<string, unknown>): Promise<Record<string, any>> {
  const sent = await withSecretHash(engine, call.operation, input);
  return (await engine.transport.send(call.operation, sent)) ?? {};
}

/** A transport whose every call goes through {@link callCognito} with this scope. */
export function scopedTransport(engine: Engine, scope?: CallScope): CognitoTransport {
  return { send: (operation, input) => callCognito(engine, operation, input, scope) };
}
