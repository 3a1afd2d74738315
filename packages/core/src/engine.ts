/**
 * The per-Auth machinery flows share: configuration, hooks, and the one path every Cognito
 * call takes (request hook → SECRET_HASH → transport → response hook), with debug logs that
 * name operations, never values.
 * @module
 */
import { secretHash as computeSecretHash } from './secret-hash.js';
import { toAuthError } from './fail.js';
import { checkControl, guardCall, guardHook, mergeControl, type CallControl } from './guard/index.js'; // p15 (issue #15)
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
  /** Step types some plugin claims (built-ins included). */
  readonly claimed: ReadonlySet<string>;
  /** createAuth's `timeoutMs` per Cognito call (p15, issue #15). */
  readonly timeoutMs?: number;
}

/** Operations whose input carries a top-level SecretHash computed from `Username`. */
const TOP_LEVEL_SECRET_HASH = new Set<CognitoOperation>([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
]);

/** SECRET_HASH for a username, or undefined when the client has no secret. */
export function secretHashFor(engine: Engine, username: string): Promise<string | undefined> {
  const { clientSecret, clientId } = engine.userPool;
  if (!clientSecret) return Promise.resolve(undefined);
  return computeSecretHash(clientSecret, username, clientId);
}

/** Adds SECRET_HASH where the operation needs it and the caller left it out. */
async function withSecretHash(
  engine: Engine,
  operation: CognitoOperation,
  input: Record<string, unknown>,
  answerUsername?: string,
): Promise<Record<string, unknown>> {
  if (!engine.userPool.clientSecret) return input;
  if (TOP_LEVEL_SECRET_HASH.has(operation) && input.SecretHash === undefined && typeof input.Username === 'string') {
    return { ...input, SecretHash: await secretHashFor(engine, input.Username) };
  }
  const key = operation === 'InitiateAuth' ? 'AuthParameters' : operation === 'RespondToAuthChallenge' ? 'ChallengeResponses' : undefined;
  if (!key) return input;
  const params = { ...((input[key] as Record<string, string> | undefined) ?? {}) };
  if (operation === 'RespondToAuthChallenge' && params.USERNAME === undefined && answerUsername) params.USERNAME = answerUsername;
  if (params.SECRET_HASH === undefined && params.USERNAME) params.SECRET_HASH = (await secretHashFor(engine, params.USERNAME))!;
  return { ...input, [key]: params };
}

/**
 * Calls Cognito through the hooks. `answerUsername` fills a missing USERNAME in
 * ChallengeResponses (plugins calling RespondToAuthChallenge themselves may leave it out).
 */
export async function callCognito(
  engine: Engine,
  operation: CognitoOperation,
  input: Record<string, unknown>,
  flow?: FlowInfo,
  answerUsername?: string,
  control?: CallControl,
): Promise<Record<string, any>> {
  const start: CognitoCall = flow ? { operation, input, flow } : { operation, input };
  const call = (await guardHook(() => engine.hooks.request.promise(start), [input])) ?? start; // p15: hook errors sanitised
  const sent = await withSecretHash(engine, call.operation, call.input, answerUsername);
  const t0 = typeof performance !== 'undefined' ? performance.now() : engine.now();
  // p15 (issue #15): deadline + signal, foreign errors sanitised, answer checked, callFailed hook.
  const output = await guardCall(engine, call, sent, control, t0);
  const durationMs = (typeof performance !== 'undefined' ? performance.now() : engine.now()) - t0;
  engine.logger.debug('cognito call', {
    operation: call.operation,
    flowId: flow?.id,
    durationMs: Math.round(durationMs),
    challengeName: typeof output.ChallengeName === 'string' ? output.ChallengeName : undefined,
  });
  const result = await guardHook(() => engine.hooks.response.promise({ ...call, output, durationMs }), [sent, output]); // p15
  return (result ?? { output }).output;
}

/** A transport for plugins: every call goes through {@link callCognito} for this flow. */
export function flowTransport(engine: Engine, flow: FlowInfo, answerUsername: () => string, control?: () => CallControl | undefined): CognitoTransport {
  return {
    send: (operation, input, options) => callCognito(engine, operation, input, flow, answerUsername(), mergeControl(control?.(), checkControl(options, operation))),
  };
}
