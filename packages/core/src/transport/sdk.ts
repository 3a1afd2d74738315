/**
 * A Cognito transport on the AWS SDK v3 bare client with per-command imports, so a bundle
 * carries only the commands core uses; any other operation of the user pools API goes over
 * the same AWS JSON 1.1 wire through `fetch`. Unsigned operations only: no AWS credentials
 * are needed or looked up. Deadline, cancellation and retries follow the same policy as the
 * fetch transport (the SDK makes one attempt per try).
 * @module
 */
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AuthError } from '../errors.js';
import type { CognitoTransport } from '../types.js';
import type { TransportSendOptions } from './call-options.js';
import { fromSdkError } from './errors.js';
import { checkPlace, checkSend, placeOf } from './fetch.js';
import { configError, policyOf, runCall } from './policy.js';
import { postJson } from './wire.js';

/** Options of {@link createSdkTransport}. All optional: the pool configuration fills them in. */
export interface SdkTransportOptions {
  /** The region, e.g. `us-east-1`. Default: the user pool's. A pool with an `endpoint` is reached there. */
  region?: string;
  /** An endpoint that wins over the pool's. Default: the pool's, else AWS's. */
  endpoint?: string;
  /** Attempts per call including the first (throttling, 5xx and lost connections are retried). Default 3. */
  maxAttempts?: number;
  /** Time for one call, retries included, in ms. Default 20 000. `send` may give its own. */
  timeoutMs?: number;
  /** The longest `Retry-After` to wait before retrying, in ms; a longer one ends the call. Default 10 000. */
  maxRetryAfterMs?: number;
}

// One constructor per operation; each is imported on its own so tree-shaking drops the rest.
const COMMANDS = {
  InitiateAuth: InitiateAuthCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
  AssociateSoftwareToken: AssociateSoftwareTokenCommand,
  VerifySoftwareToken: VerifySoftwareTokenCommand,
  SetUserMFAPreference: SetUserMFAPreferenceCommand,
  GetUser: GetUserCommand,
  SignUp: SignUpCommand,
  ConfirmSignUp: ConfirmSignUpCommand,
  ResendConfirmationCode: ResendConfirmationCodeCommand,
  ForgotPassword: ForgotPasswordCommand,
  ConfirmForgotPassword: ConfirmForgotPasswordCommand,
  // sessions (#10): the session operations need no command here; they go over the same
  // wire through fetch like any operation without one.
} as const;

type AnyCommand = new (input: never) => Parameters<CognitoIdentityProviderClient['send']>[0];

/** The region the SDK signs its (unsigned) requests for: the one named in an AWS endpoint, else any. */
function regionOf(url: string, fallback: string | undefined): string {
  return /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\//.exec(url)?.[1] ?? fallback ?? 'us-east-1';
}

/**
 * Creates a {@link CognitoTransport} over `@aws-sdk/client-cognito-identity-provider`.
 * Failures reject with an {@link AuthError}: kind `service` with Cognito's exception name and
 * message (metadata: httpStatusCode, requestId), or kind `network` when no full answer came.
 */
export function createSdkTransport(options: SdkTransportOptions = {}): CognitoTransport {
  if (options === null || typeof options !== 'object') throw configError('createSdkTransport takes an options object.');
  const own = checkPlace(options);
  const policy = policyOf(options);
  // One client per endpoint: the pool's endpoint arrives with each call.
  const clients = new Map<string, CognitoIdentityProviderClient>();
  const clientFor = (url: string) => {
    let client = clients.get(url);
    if (!client) {
      client = new CognitoIdentityProviderClient({ region: regionOf(url, own.region), endpoint: url, maxAttempts: 1 });
      clients.set(url, client);
    }
    return client;
  };

  return {
    async send(operation, input, callOptions?: TransportSendOptions) {
      checkSend(operation, input, callOptions);
      const url = placeOf(own, callOptions, operation);
      const Command = Object.hasOwn(COMMANDS, operation) ? (COMMANDS as Record<string, AnyCommand>)[operation] : undefined;
      if (Command === undefined) {
        // Not one of core's commands: the same wire protocol, without the SDK's model.
        const doFetch = globalThis.fetch?.bind(globalThis);
        if (typeof doFetch !== 'function') throw configError(`${operation}: sending operations core does not know needs fetch.`);
        const body = JSON.stringify(input);
        return runCall(operation, policy, callOptions, (signal, n) => postJson(doFetch, url, operation, body, signal, n));
      }
      const client = clientFor(url);
      return runCall(operation, policy, callOptions, async (signal, n) => {
        let output: Record<string, unknown>;
        try {
          output = (await client.send(new Command(input as never), { abortSignal: signal })) as unknown as Record<string, unknown>;
        } catch (error) {
          if (signal.aborted) throw error;
          throw fromSdkError(error, operation, new URL(url).host, n);
        }
        // Cognito's JSON only: drop the SDK's $metadata.
        const { $metadata: _metadata, ...rest } = output;
        return rest;
      });
    },
  };
}
