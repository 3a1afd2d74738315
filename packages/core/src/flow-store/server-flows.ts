/**
 * Sign-ins across requests and instances: a flow is sealed into a {@link FlowStore} between
 * steps, claimed atomically to answer, and removed once it is done or has failed.
 * @module
 */
import type { Auth } from '../auth.js';
import { AuthError } from '../errors.js';
import { configError, validationError } from '../fail.js';
import type { Flow } from '../flow.js';
import { jwtPayload } from '../session/jwt.js';
import type { ConfirmSignInOptions, NextStep, SignInInput, StepAnswer, StepView } from '../types.js';
import type { Keyring } from './keyring.js';
import { memoryFlowStore } from './memory-flow-store.js';
import type { FlowStore } from './types.js';

/** How long a claim holds when its holder never saves back (it crashed): longer than one answer takes. */
const DEFAULT_LEASE_MS = 30_000;
/** TTL of a flow that holds no Cognito Session yet (e.g. a step before the first call). */
const NO_SESSION_TTL_MS = 3 * 60_000;

/** Options of {@link serverFlows}. */
export interface ServerFlowsOptions {
  /** Seals every snapshot before it reaches the store. */
  keyring: Keyring;
  /** Where flows wait between steps (default: {@link memoryFlowStore}, one process only). */
  store?: FlowStore;
  /** How long a claim outlives a crashed holder, in ms (default 30 s). */
  leaseMs?: number;
}

/** Where a sign-in stands after `start` or `answer`. */
export interface ServerFlowResult<S extends StepView = NextStep> {
  /** The id to answer with; opaque and random. */
  readonly flowId: string;
  /** True once the flow reached DONE. */
  readonly isSignedIn: boolean;
  /** The step to answer (DONE once signed in). */
  readonly nextStep: S;
  /** The user's `sub` once signed in (the session went to the Auth's token store under it). */
  readonly userId?: string;
}

/** Sign-ins by flow id; see {@link serverFlows}. */
export interface ServerFlows<S extends StepView = NextStep> {
  /** Starts a sign-in; an unfinished flow is sealed into the store. */
  start(input: SignInInput): Promise<ServerFlowResult<S>>;
  /**
   * Answers the flow's step on whichever instance gets the request. Rejects with `FlowBusy`
   * when another request is answering it right now (nothing is sent to Cognito), and with
   * `FlowNotFound` (kind `session`) when it expired, finished or failed. A wrong code keeps
   * the flow, answerable again.
   */
  answer(flowId: string, challengeResponse: StepAnswer, options?: ConfirmSignInOptions): Promise<ServerFlowResult<S>>;
  /** Drops a flow (the user gave up). */
  cancel(flowId: string): Promise<void>;
}

const FLOW_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Sign-ins that span requests and instances. Pair it with an Auth created with
 * `sessions: 'many'` and a shared token store (e.g. `@nextstep/store-redis`).
 *
 * ```ts
 * const flows = serverFlows(auth, { keyring, store: redisFlowStore({ redis }) });
 * const { flowId, nextStep } = await flows.start({ username, password });
 * // a later request, maybe on another instance:
 * const result = await flows.answer(flowId, code);
 * ```
 */
export function serverFlows<S extends StepView>(auth: Auth<S>, options: ServerFlowsOptions): ServerFlows<S> {
  if (!options?.keyring || typeof options.keyring.seal !== 'function') throw configError('InvalidKeyring', 'serverFlows needs a keyring from createKeyring.');
  const store = options.store ?? memoryFlowStore();
  if ((['save', 'claim', 'remove'] as const).some((k) => typeof store[k] !== 'function')) {
    throw configError('InvalidFlowStore', 'A flow store has save, claim and remove functions.');
  }
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const keyring = options.keyring;
  const { userPoolId, clientId } = auth.userPool;
  // The envelope is bound to the pool, the client and the flow id: it opens for nothing else.
  const context = (flowId: string) => `flow:${userPoolId}:${clientId}:${flowId}`;

  /** Saves an active flow, removes a finished one; the caller's result. */
  async function settle(flow: Flow<S>): Promise<ServerFlowResult<S>> {
    if (flow.status === 'active') {
      const left = flow.remainingMs();
      const ttl = Number.isFinite(left) ? left : NO_SESSION_TTL_MS;
      if (ttl <= 0) {
        await store.remove(flow.id);
      } else {
        await store.save(flow.id, await keyring.seal(JSON.stringify(flow.toJSON()), context(flow.id)), ttl);
      }
    } else {
      await store.remove(flow.id);
    }
    const token = flow.tokens?.idToken ?? flow.tokens?.accessToken;
    const sub = token ? jwtPayload(token).sub : undefined;
    return Object.freeze({
      flowId: flow.id,
      isSignedIn: flow.isSignedIn,
      nextStep: flow.nextStep,
      ...(flow.isSignedIn && typeof sub === 'string' ? { userId: sub } : {}),
    });
  }

  return Object.freeze({
    async start(input: SignInInput) {
      return settle((await auth.signIn(input)) as Flow<S>);
    },
    async answer(flowId: string, challengeResponse: StepAnswer, confirmOptions: ConfirmSignInOptions = {}) {
      if (typeof flowId !== 'string' || !FLOW_ID.test(flowId)) throw validationError('InvalidFlowId', 'The flow id is not one serverFlows handed out.');
      const claim = await store.claim(flowId, leaseMs);
      if (claim.status === 'busy') {
        throw validationError('FlowBusy', 'Another request is answering this sign-in step right now; wait for its answer.');
      }
      if (claim.status === 'missing') {
        throw new AuthError('FlowNotFound', 'No such sign-in: it expired, finished or failed. Start a new sign-in.', { kind: 'session' });
      }
      let flow: Flow<S>;
      try {
        flow = auth.resumeFlow(await keyring.open(claim.value, context(flowId))) as Flow<S>;
      } catch (err) {
        // Unreadable or expired: nothing can answer it any more.
        await store.remove(flowId);
        throw err;
      }
      try {
        await flow.confirm(challengeResponse, confirmOptions);
      } catch (err) {
        // A recoverable error leaves the flow active (saved again); a fatal one removes it.
        await settle(flow).catch(() => undefined);
        throw err;
      }
      return settle(flow);
    },
    async cancel(flowId: string) {
      if (typeof flowId !== 'string' || !FLOW_ID.test(flowId)) throw validationError('InvalidFlowId', 'The flow id is not one serverFlows handed out.');
      await store.remove(flowId);
    },
  });
}
