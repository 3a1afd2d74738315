/** Runs Lambda triggers given as JS functions, with Cognito's event shapes. */
import type { TriggerFunction } from './config.js';
import { CognitoError } from './errors.js';
import type { Pool, User } from './model.js';

export type TriggerName = 'defineAuthChallenge' | 'createAuthChallenge' | 'verifyAuthChallengeResponse';

const SOURCES: Record<TriggerName, { source: string; label: string }> = {
  defineAuthChallenge: { source: 'DefineAuthChallenge_Authentication', label: 'DefineAuthChallenge' },
  createAuthChallenge: { source: 'CreateAuthChallenge_Authentication', label: 'CreateAuthChallenge' },
  verifyAuthChallengeResponse: { source: 'VerifyAuthChallengeResponse_Authentication', label: 'VerifyAuthChallengeResponse' },
};

/** The fields every Cognito trigger event carries, besides `request` and `response`. */
export interface EventHeader {
  version: string;
  region: string;
  userPoolId: string;
  userName: string;
  /** `clientId` is `CLIENT_ID_NOT_APPLICABLE` for admin calls, as Cognito sends. */
  callerContext: { awsSdkVersion: string; clientId: string };
  triggerSource: string;
}

/**
 * Calls a trigger with an event. The function may mutate `event.response`, return the
 * event, or return a response object; a throw or a time-out becomes
 * UserLambdaValidationException "`<label>` failed with error `<message>`.", as Cognito answers.
 */
export async function invokeTrigger(
  fn: TriggerFunction,
  label: string,
  header: EventHeader,
  request: Record<string, unknown>,
  response: Record<string, unknown>,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const event = { ...header, request, response: { ...response } };
  let out: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Cognito gives up on a trigger after 5 s (by default here too); a hung trigger must not
    // hang the call.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`)), timeoutMs);
    });
    out = await Promise.race([Promise.resolve().then(() => fn(event)), timeout]);
  } catch (e) {
    throw new CognitoError('UserLambdaValidationException', `${label} failed with error ${e instanceof Error ? e.message : String(e)}.`);
  } finally {
    clearTimeout(timer);
  }
  if (out && typeof out === 'object') {
    const o = out as Record<string, unknown>;
    if (o.response && typeof o.response === 'object') return o.response as Record<string, unknown>;
    if (!('request' in o)) return { ...event.response, ...o };
  }
  return event.response;
}

/** A custom-auth trigger (define / create / verify) for a sign-in of `ctx.user`. */
export async function runTrigger(
  fn: TriggerFunction,
  name: TriggerName,
  ctx: { region: string; pool: Pool; clientId: string; user: User; clientMetadata: Record<string, string>; timeoutMs: number; userNotFound?: boolean },
  request: Record<string, unknown>,
  response: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { source, label } = SOURCES[name];
  const header: EventHeader = {
    version: '1',
    region: ctx.region,
    userPoolId: ctx.pool.id,
    userName: ctx.user.username,
    callerContext: { awsSdkVersion: 'nextstep-emulator', clientId: ctx.clientId },
    triggerSource: source,
  };
  // An unknown user's sign-in (PreventUserExistenceErrors) shows no attributes and says so.
  const userAttributes = ctx.userNotFound ? {} : { ...ctx.user.attributes, 'cognito:user_status': ctx.user.status };
  return invokeTrigger(fn, label, header, { userAttributes, ...request, clientMetadata: { ...ctx.clientMetadata }, userNotFound: ctx.userNotFound ?? false }, response, ctx.timeoutMs);
}
