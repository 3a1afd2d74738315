/** Runs custom-auth Lambda triggers given as JS functions, with Cognito's event shapes. */
import type { TriggerFunction } from './config.js';
import { CognitoError } from './errors.js';
import type { Pool, User } from './model.js';

export type TriggerName = 'defineAuthChallenge' | 'createAuthChallenge' | 'verifyAuthChallengeResponse';

const SOURCES: Record<TriggerName, { source: string; label: string }> = {
  defineAuthChallenge: { source: 'DefineAuthChallenge_Authentication', label: 'DefineAuthChallenge' },
  createAuthChallenge: { source: 'CreateAuthChallenge_Authentication', label: 'CreateAuthChallenge' },
  verifyAuthChallengeResponse: { source: 'VerifyAuthChallengeResponse_Authentication', label: 'VerifyAuthChallengeResponse' },
};

/**
 * Calls a trigger with a Lambda-style event. The function may mutate `event.response`,
 * return the event, or return a response object; errors become UserLambdaValidationException.
 */
export async function runTrigger(
  fn: TriggerFunction,
  name: TriggerName,
  ctx: { region: string; pool: Pool; clientId: string; user: User; clientMetadata: Record<string, string>; timeoutMs: number },
  request: Record<string, unknown>,
  response: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { source, label } = SOURCES[name];
  const event = {
    version: '1',
    region: ctx.region,
    userPoolId: ctx.pool.id,
    userName: ctx.user.username,
    callerContext: { awsSdkVersion: 'nextstep-emulator', clientId: ctx.clientId },
    triggerSource: source,
    request: { userAttributes: { ...ctx.user.attributes, 'cognito:user_status': ctx.user.status }, ...request, clientMetadata: { ...ctx.clientMetadata }, userNotFound: false },
    response: { ...response },
  };
  let out: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Cognito gives up on a trigger after 5 s (by default here too); a hung trigger must not
    // hang the sign-in.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${(ctx.timeoutMs / 1000).toFixed(2)} seconds`)), ctx.timeoutMs);
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
