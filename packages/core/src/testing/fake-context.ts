/**
 * A complete {@link StepContext} for unit tests of a step handler: every member is real, a
 * Cognito call is answered by the `cognito` function you give (or refused), and the calls are
 * recorded so a test can check what the handler sent.
 * @module
 */
import { AuthError } from '../errors.js';
import type {
  CognitoOperation,
  ConfirmSignInOptions,
  FlowInfo,
  FlowSecrets,
  Logger,
  StepContext,
  StepDescriptor,
} from '../types.js';

/** One Cognito call a handler made through a fake context. */
export interface RecordedCall {
  /** The operation called. */
  readonly operation: CognitoOperation;
  /** Its input (a copy). */
  readonly input: Record<string, unknown>;
}

/** What {@link fakeContext} is built from; everything has a default. */
export interface FakeContextInit {
  /** USERNAME answers carry. Default `alice`. */
  username?: string;
  /** Default `us-east-1_Fake`. */
  userPoolId?: string;
  /** Default `fake-client`. */
  clientId?: string;
  /** The Cognito Session. Default `fake-session`. */
  session?: string;
  /** The handler's state. Default `{}`. */
  state?: Record<string, unknown>;
  /** In-memory secrets (e.g. the password). Default `{}`. */
  secrets?: FlowSecrets;
  /** The answer's options. Default `{}`. */
  options?: ConfirmSignInOptions;
  /** The sign-in's ClientMetadata. Default none. */
  clientMetadata?: Record<string, string>;
  /** Default USER_SRP_AUTH. */
  authFlow?: FlowInfo['authFlow'];
  /** Epoch ms the clock shows. Default 2026-01-01T00:00:00Z. */
  now?: number;
  /** Logger. Default: silent. */
  logger?: Logger;
  /**
   * Answers the handler's Cognito calls. Default: every call rejects with an AuthError
   * `UnexpectedCognitoCall`, so a test notices a call it did not expect.
   */
  cognito?: (operation: CognitoOperation, input: Record<string, unknown>) => Record<string, any> | Promise<Record<string, any>>;
}

/** A fake context and the calls made through it. */
export interface FakeContext extends StepContext {
  /** Every Cognito call made through `cognito`, in order. */
  readonly calls: readonly RecordedCall[];
}

/** A step descriptor, as core's mappers build them. */
export function descriptor(
  type: string,
  challengeName: string,
  parameters: Record<string, string> = {},
  data: Record<string, unknown> = {},
): StepDescriptor {
  return { type, challengeName, parameters, data };
}

/** A complete StepContext at `step`, for unit tests of a handler's enter / view / validate / answer. */
export function fakeContext(step: StepDescriptor, init: FakeContextInit = {}): FakeContext {
  const calls: RecordedCall[] = [];
  const userPoolId = init.userPoolId ?? 'us-east-1_Fake';
  const clientId = init.clientId ?? 'fake-client';
  const username = init.username ?? 'alice';
  const now = init.now ?? Date.UTC(2026, 0, 1);
  const answer = init.cognito;
  const flow: FlowInfo = Object.freeze({ id: 'fake-flow', username, authFlow: init.authFlow ?? 'USER_SRP_AUTH', userPoolId, clientId });
  return {
    step,
    username,
    userPoolId,
    clientId,
    session: init.session ?? 'fake-session',
    state: init.state ?? {},
    secrets: init.secrets ?? {},
    options: init.options ?? {},
    clientMetadata: init.clientMetadata ? Object.freeze({ ...init.clientMetadata }) : undefined,
    flow,
    now: () => now,
    logger: init.logger ?? { debug() {} },
    calls,
    cognito: {
      // p15 (issue #15): ctx.cognito is typed per operation; the fake answers plain JSON.
      async send(operation: CognitoOperation, input: Record<string, unknown>) {
        calls.push({ operation, input: structuredClone(input) });
        if (!answer) {
          throw new AuthError('UnexpectedCognitoCall', `The handler called ${operation}; give fakeContext a cognito function to answer it.`, {
            kind: 'validation',
          });
        }
        return answer(operation, input);
      },
    } as StepContext['cognito'],
  };
}
