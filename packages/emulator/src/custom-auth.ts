/** The custom-auth loop: define → create → CUSTOM_CHALLENGE → verify → define again. */
import { CognitoError, errors } from './errors.js';
import type { AuthResponse } from './sessions.js';
import { afterFirstFactor, challenge, next, srpChallenge, type Call } from './auth-steps.js';
import { reqParam } from './params.js';
import { runTrigger } from './triggers.js';

/** What a trigger event is built from. */
export function triggerCtx(c: Call) {
  return { region: c.ctx.region, pool: c.pool, clientId: c.client.id, user: c.user, clientMetadata: c.state.clientMetadata, timeoutMs: c.ctx.triggerTimeoutMs, userNotFound: c.state.phantom === true };
}

/** Asks define what comes next: tokens, a failure (the Session dies), PASSWORD_VERIFIER or a new CUSTOM_CHALLENGE. */
export async function defineNext(c: Call, sessionId?: string): Promise<AuthResponse> {
  const define = c.pool.triggers.defineAuthChallenge;
  if (!define) throw errors.invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const history = c.state.custom!.history;
  const res = await runTrigger(define, 'defineAuthChallenge', triggerCtx(c), { session: history.map((h) => ({ ...h })) }, { challengeName: undefined, issueTokens: false, failAuthentication: false });
  if (res.failAuthentication === true) {
    if (sessionId) c.ctx.sessions.kill(sessionId);
    throw errors.notAuthorized();
  }
  if (res.issueTokens === true) {
    // An unknown user (PreventUserExistenceErrors) never gets tokens, whatever define says.
    if (c.state.phantom) {
      if (sessionId) c.ctx.sessions.kill(sessionId);
      throw errors.notAuthorized();
    }
    afterFirstFactor(c);
    c.state.mfaDone = true;
    return next(c);
  }
  const name = res.challengeName;
  if (name === 'PASSWORD_VERIFIER' && c.state.srp) return srpChallenge(c, c.state.srp.A);
  if (name !== 'CUSTOM_CHALLENGE') throw new CognitoError('InvalidLambdaResponseException', `Invalid challengeName ${String(name)} returned by DefineAuthChallenge.`);
  const create = c.pool.triggers.createAuthChallenge;
  if (!create) throw errors.invalidParameter('CreateAuthChallenge lambda trigger is not configured for the user pool.');
  const created = await runTrigger(create, 'createAuthChallenge', triggerCtx(c), { challengeName: 'CUSTOM_CHALLENGE', session: history.map((h) => ({ ...h })) }, { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: undefined });
  c.state.custom!.privateParameters = (created.privateChallengeParameters as Record<string, unknown>) ?? {};
  c.state.custom!.challengeMetadata = typeof created.challengeMetadata === 'string' ? created.challengeMetadata : undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries((created.publicChallengeParameters as Record<string, unknown>) ?? {})) params[k] = typeof v === 'string' ? v : JSON.stringify(v);
  params.USERNAME ??= c.user.username;
  return challenge(c, 'CUSTOM_CHALLENGE', params);
}

/** A CUSTOM_CHALLENGE answer: verify, record the result, ask define what comes next. */
export async function answerCustomChallenge(c: Call, r: Record<string, string>, sessionId: string): Promise<AuthResponse> {
  const { state, pool } = c;
  const answerText = reqParam(r, 'ANSWER');
  const verify = pool.triggers.verifyAuthChallengeResponse;
  if (!verify) throw errors.invalidParameter('VerifyAuthChallengeResponse lambda trigger is not configured for the user pool.');
  const res = await runTrigger(verify, 'verifyAuthChallengeResponse', triggerCtx(c), { privateChallengeParameters: { ...(state.custom!.privateParameters ?? {}) }, challengeAnswer: answerText }, { answerCorrect: false });
  state.custom!.history.push({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: res.answerCorrect === true, ...(state.custom!.challengeMetadata !== undefined ? { challengeMetadata: state.custom!.challengeMetadata } : {}) });
  return defineNext(c, sessionId);
}
