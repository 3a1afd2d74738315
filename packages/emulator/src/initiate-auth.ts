/** InitiateAuth: every auth flow's first call. */
import { afterFirstFactor, challenge, chooseFirstFactor, firstFactorsOf, interpose, newState, next, parseA, passwordFirstFactor, srpChallenge, type Call } from './auth-steps.js';
import { checkLock, checkSecretHash, lookupUser, signInUser, type Ctx } from './context.js';
import { defineNext } from './custom-auth.js';
import { errors } from './errors.js';
import { preAuthentication } from './lambda-triggers.js';
import { migrateUser } from './migration.js';
import { dummyPasswordCheck, phantomCustomAuth, phantomSrp, phantomUserAuth } from './phantom.js';
import { optString, reqParam, reqString, stringMap, type Input } from './params.js';
import { setDeviceKey } from './device-auth.js';
import { refreshTokenAuth } from './refresh.js';
import type { AuthResponse } from './sessions.js';

const FLOW_FLAGS: Record<string, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
};

/** InitiateAuth. */
export function initiateAuth(ctx: Ctx, input: Input): Promise<AuthResponse> {
  return initiate(ctx, input, false);
}

/** AdminInitiateAuth: InitiateAuth plus ADMIN_USER_PASSWORD_AUTH, for a pool and client named together. */
export function adminInitiateAuth(ctx: Ctx, input: Input): Promise<AuthResponse> {
  checkPoolOfClient(ctx, input);
  return initiate(ctx, input, true);
}

/** The admin calls name the pool too; it must be the client's. */
export function checkPoolOfClient(ctx: Ctx, input: Input): void {
  const userPoolId = reqString(input, 'UserPoolId');
  const clientId = reqString(input, 'ClientId', { max: 128 });
  ctx.store.pool(userPoolId);
  if (ctx.store.client(clientId).pool.id !== userPoolId) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
}

const PASSWORD_FLOWS = new Set(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

const ADMIN_FLOW_FLAGS: Record<string, string> = {
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
};

async function initiate(ctx: Ctx, input: Input, admin: boolean): Promise<AuthResponse> {
  const authFlow = reqString(input, 'AuthFlow');
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const params = stringMap(input, 'AuthParameters');
  const clientMetadata = stringMap(input, 'ClientMetadata');
  if (!(authFlow in FLOW_FLAGS) && !['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH'].includes(authFlow)) {
    throw errors.invalidParameter(`1 validation error detected: Value at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_PASSWORD_AUTH, USER_AUTH]`);
  }
  const { pool, client } = ctx.store.client(clientId);
  const flag = FLOW_FLAGS[authFlow] ?? (admin ? ADMIN_FLOW_FLAGS[authFlow] : undefined);
  if (!flag) throw errors.invalidParameter('Initiate Auth method not supported.');
  if (!client.flows.has(flag)) throw errors.invalidParameter(`${authFlow} flow not enabled for this client`);

  if (flag === 'ALLOW_REFRESH_TOKEN_AUTH') {
    return refreshTokenAuth(ctx, pool, client, params, (user) => checkSecretHash(client, [params.USERNAME ?? user.username, user.username, user.sub], params.SECRET_HASH));
  }

  const username = reqParam(params, 'USERNAME');
  checkSecretHash(client, [username], params.SECRET_HASH);
  let known = lookupUser(pool, username);
  // User migration needs the password, so only password sign-ins migrate (as in Cognito).
  const password = PASSWORD_FLOWS.has(authFlow) ? reqParam(params, 'PASSWORD') : authFlow === 'USER_AUTH' && params.PREFERRED_CHALLENGE === 'PASSWORD' ? params.PASSWORD : undefined;
  if (!known && password) known = await migrateUser(ctx, pool, client, username, { password, validationData: clientMetadata, clientMetadata });
  if (!known && client.preventUserExistenceErrors) {
    await preAuthentication(ctx, pool, client.id, username, undefined, clientMetadata);
    if (authFlow === 'USER_SRP_AUTH') return phantomSrp(ctx, pool, client, username, parseA(reqParam(params, 'SRP_A')), clientMetadata);
    if (authFlow === 'CUSTOM_AUTH') return phantomCustomAuth(ctx, pool, client, username, params, clientMetadata);
    if (authFlow === 'USER_AUTH' && !optString(input, 'Session', { min: 20, max: 8192 })) return phantomUserAuth(ctx, pool, client, username, params, clientMetadata);
  }
  // An unknown user's password answer must not come faster than a real user's.
  if (!known && password !== undefined) dummyPasswordCheck(pool, username, password);
  const user = signInUser(pool, client, username);
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  checkLock(ctx, user);
  await preAuthentication(ctx, pool, client.id, username, user, clientMetadata);
  const c: Call = { ctx, pool, client, user, state: newState(pool, client, user, authFlow, clientMetadata) };
  if (params.DEVICE_KEY) setDeviceKey(c, params.DEVICE_KEY);
  const signUpSession = optString(input, 'Session', { min: 20, max: 8192 });
  const operation = admin ? 'AdminInitiateAuth' : 'InitiateAuth';
  if (signUpSession && authFlow === 'USER_AUTH') return interpose(c, operation, await autoSignIn(c, signUpSession));
  return interpose(c, operation, await startFlow(c, authFlow, params));
}

/**
 * USER_AUTH with the Session ConfirmSignUp returned: the confirmation code proved the user,
 * so the sign-in completes without another factor (Amplify's autoSignIn).
 */
async function autoSignIn(c: Call, sessionId: string): Promise<AuthResponse> {
  const prior = c.ctx.sessions.begin(sessionId, c.client.id);
  try {
    if (prior.expect !== 'AUTO_SIGN_IN' || prior.username !== c.user.username) throw errors.sessionInvalid();
    c.state.passwordless = true;
    afterFirstFactor(c);
    const result = await next(c);
    c.ctx.sessions.consume(sessionId);
    return result;
  } finally {
    c.ctx.sessions.release(sessionId);
  }
}

async function startFlow(c: Call, authFlow: string, params: Record<string, string>): Promise<AuthResponse> {
  const { pool, user } = c;
  switch (authFlow) {
    case 'USER_SRP_AUTH':
      return srpChallenge(c, parseA(reqParam(params, 'SRP_A')));
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordFirstFactor(c, reqParam(params, 'PASSWORD'));
    case 'CUSTOM_AUTH': {
      c.state.custom = { history: [] };
      if (params.SRP_A !== undefined || params.CHALLENGE_NAME === 'SRP_A') {
        c.state.srp = { A: parseA(reqParam(params, 'SRP_A')), b: 0n, B: 0n };
        c.state.custom.history.push({ challengeName: 'SRP_A', challengeResult: true });
      }
      return defineNext(c);
    }
    default: {
      // USER_AUTH
      const preferred = params.PREFERRED_CHALLENGE;
      const available = firstFactorsOf(pool, user);
      if (available.length === 0) throw errors.notAuthorized();
      if (preferred && available.includes(preferred)) return chooseFirstFactor(c, preferred, params);
      c.state.availableChallenges = available;
      return challenge(c, 'SELECT_CHALLENGE', {}, { AvailableChallenges: available });
    }
  }
}

