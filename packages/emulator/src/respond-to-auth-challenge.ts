/** RespondToAuthChallenge: answers to every challenge the emulator asks. */
import { answerPhantom, resumePhantom } from './phantom.js';
import { afterFirstFactor, challenge, chooseFirstFactor, codeMatches, interpose, MFA_CODE_DIGITS, mfaChallenge, next, sendCode, wrongCode, type Call } from './auth-steps.js';
import { checkLock, checkSecretHash, lookupUser, recordFailure, recordSuccess, type Ctx } from './context.js';
import { answerCustomChallenge, defineNext } from './custom-auth.js';
import { checkPoolOfClient } from './initiate-auth.js';
import { errors } from './errors.js';
import { checkPolicy, setPassword, type AppClient, type Pool } from './model.js';
import { MAX_ATTRIBUTE_VALUE, optString, reqParam, reqString, stringMap, type Input } from './params.js';
import { answerDeviceSrp, answerDeviceVerifier, setDeviceKey } from './device-auth.js';
import type { AuthResponse, AuthState } from './sessions.js';
import { answerWebAuthn } from './webauthn.js';
import { isValidTimestamp, poolNameOf, verifyClaim } from './srp.js';
import { checkTotp } from './totp.js';

/** AdminRespondToAuthChallenge: RespondToAuthChallenge for a pool and client named together. */
export function adminRespondToAuthChallenge(ctx: Ctx, input: Input): Promise<AuthResponse> {
  checkPoolOfClient(ctx, input);
  return respondToAuthChallenge(ctx, input);
}

/** RespondToAuthChallenge. */
export async function respondToAuthChallenge(ctx: Ctx, input: Input): Promise<AuthResponse> {
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const challengeName = reqString(input, 'ChallengeName');
  const responses = stringMap(input, 'ChallengeResponses');
  const clientMetadata = stringMap(input, 'ClientMetadata');
  const { pool, client } = ctx.store.client(clientId);
  const sessionId = optString(input, 'Session', { min: 20, max: 8192 }) ?? sessionlessVerifier(ctx, pool, client, challengeName, responses);
  if (!sessionId) throw errors.invalidParameter('Missing required parameter Session');
  const state = ctx.sessions.begin(sessionId, client.id);
  try {
    return await respondWith(ctx, pool, client, state, sessionId, challengeName, responses, clientMetadata);
  } finally {
    ctx.sessions.release(sessionId);
  }
}

/** PASSWORD_VERIFIER without a Session: the user's newest SRP sign-in on this client. */
function sessionlessVerifier(ctx: Ctx, pool: Pool, client: AppClient, challengeName: string, responses: Record<string, string>): string | undefined {
  if (challengeName !== 'PASSWORD_VERIFIER' || !responses.USERNAME) return undefined;
  const username = lookupUser(pool, responses.USERNAME)?.username ?? responses.USERNAME;
  const id = ctx.sessions.latestPasswordVerifier(client.id, username);
  if (!id) throw errors.notAuthorized();
  return id;
}

async function respondWith(ctx: Ctx, pool: Pool, client: AppClient, state: AuthState, sessionId: string, challengeName: string, responses: Record<string, string>, clientMetadata: Record<string, string>): Promise<AuthResponse> {
  const usernameGiven = reqParam(responses, 'USERNAME');
  if (state.phantom) {
    // An unknown user (PreventUserExistenceErrors) goes through the checks a real user's
    // answer goes through, so every malformed answer gets the same error; then it fails
    // as a wrong password does.
    if (!state.phantomNames?.includes(usernameGiven)) throw errors.notAuthorized();
    checkSecretHash(client, [usernameGiven, state.username], responses.SECRET_HASH);
    checkChallengeName(state, challengeName);
    if (state.expect === 'PASSWORD_VERIFIER') passwordClaim(responses);
    return answerPhantom(resumePhantom(ctx, pool, client, state), state.phantomNames[0]!, challengeName, responses, sessionId);
  }
  const user = pool.users.get(state.username);
  if (!user) throw errors.sessionInvalid();

  if (lookupUser(pool, usernameGiven) !== user) throw errors.notAuthorized();
  checkSecretHash(client, [usernameGiven, user.username], responses.SECRET_HASH);
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  checkChallengeName(state, challengeName);
  if (Object.keys(clientMetadata).length) state.clientMetadata = clientMetadata;
  checkLock(ctx, user);

  const c: Call = { ctx, pool, client, user, state };
  const result = await answer(c, challengeName, responses, sessionId);
  // Success: the answered session is spent (sessions are single-use).
  ctx.sessions.consume(sessionId);
  return interpose(c, 'RespondToAuthChallenge', result);
}

function checkChallengeName(state: AuthState, challengeName: string): void {
  // SELECT_CHALLENGE may be answered by naming the chosen challenge directly.
  const selecting = state.expect === 'SELECT_CHALLENGE' && ['SELECT_CHALLENGE', 'PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'].includes(challengeName);
  if (challengeName !== state.expect && !selecting) throw errors.invalidParameter(`Invalid challenge name ${challengeName}: this session expects ${state.expect}.`);
}

/** The members of a PASSWORD_VERIFIER answer, checked for presence and TIMESTAMP's shape. */
function passwordClaim(r: Record<string, string>): { signature: string; block: string; timestamp: string } {
  const signature = reqParam(r, 'PASSWORD_CLAIM_SIGNATURE');
  const block = reqParam(r, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const timestamp = reqParam(r, 'TIMESTAMP');
  if (!isValidTimestamp(timestamp)) throw errors.invalidParameter('TIMESTAMP format is invalid; expected e.g. "Tue Aug 6 09:05:03 UTC 2024".');
  return { signature, block, timestamp };
}

async function answer(c: Call, challengeName: string, r: Record<string, string>, sessionId: string): Promise<AuthResponse> {
  const { state, user, pool, ctx } = c;
  if (state.unknown) {
    if (state.unknown.answer !== undefined && r.ANSWER !== state.unknown.answer) wrongCode(c);
    if (r.ANSWER === undefined) throw errors.invalidParameter('Missing required parameter ANSWER');
    const resume = state.unknown.resume;
    state.unknown = undefined;
    if (resume) return resume;
    state.unknownDone = true;
    return next(c);
  }
  switch (state.expect) {
    case 'PASSWORD_VERIFIER': {
      const { signature, block, timestamp } = passwordClaim(r);
      const ok = block === state.secretBlock && !!user.password && verifyClaim(state.srp!, user.password.verifier, poolNameOf(pool.id), user.username, block, timestamp, signature);
      if (!ok) {
        // A failed password ends the sign-in: the client must start again.
        ctx.sessions.kill(sessionId);
        recordFailure(ctx, user);
        throw errors.notAuthorized();
      }
      // This answer's DEVICE_KEY (or none: a client retrying without a forgotten device) counts.
      setDeviceKey(c, r.DEVICE_KEY);
      if (state.custom) {
        state.custom.history.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: true });
        return defineNext(c, sessionId);
      }
      afterFirstFactor(c);
      return next(c);
    }
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      const key = state.expect === 'SMS_MFA' ? 'SMS_MFA_CODE' : `${state.expect}_CODE`;
      if (!codeMatches(state.code, reqParam(r, key))) wrongCode(c);
      state.code = undefined;
      if (state.passwordless) {
        afterFirstFactor(c);
        return next(c);
      }
      if (state.setup?.email) {
        user.attributes.email = state.setup.email;
        user.attributes.email_verified = 'true';
        user.mfa.email = true;
        user.mfa.preferred ??= 'EMAIL';
        user.modifiedAt = ctx.clock.now();
        state.setup = undefined;
      }
      state.mfaDone = true;
      recordSuccess(user);
      return next(c);
    }
    case 'SOFTWARE_TOKEN_MFA': {
      const code = reqParam(r, 'SOFTWARE_TOKEN_MFA_CODE');
      if (!user.mfa.totp || !checkTotp(user.mfa.totp.secret, code, ctx.clock.now())) wrongCode(c);
      state.mfaDone = true;
      recordSuccess(user);
      return next(c);
    }
    case 'SELECT_MFA_TYPE': {
      const choice = reqParam(r, 'ANSWER');
      if (!state.mfaChoices?.includes(choice)) throw errors.invalidParameter(`${choice} is not one of MFAS_CAN_CHOOSE.`);
      state.mfaChoices = [choice];
      return mfaChallenge(c, choice);
    }
    case 'MFA_SETUP': {
      if (state.setup?.totpVerified) {
        state.mfaDone = true;
        return next(c);
      }
      if (r.EMAIL !== undefined) {
        if (!pool.enabledMfas.has('EMAIL_OTP')) throw errors.invalidParameter('Email MFA is not enabled for this user pool.');
        if (!/^[^@\s]+@[^@\s]+$/.test(r.EMAIL)) throw errors.invalidParameter('Invalid email address format.');
        state.setup = { email: r.EMAIL };
        return challenge(c, 'EMAIL_OTP', await sendCode(c, 'EMAIL', 'EMAIL_SETUP', MFA_CODE_DIGITS, r.EMAIL));
      }
      throw errors.invalidParameter('MFA_SETUP needs a verified software token (AssociateSoftwareToken, VerifySoftwareToken) or EMAIL.');
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const password = reqParam(r, 'NEW_PASSWORD');
      const missing = user.requiredAttributes.filter((a) => !user.attributes[a] && !r[`userAttributes.${a}`]);
      if (missing.length) throw errors.invalidParameter(`Invalid attributes given, ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
      checkPolicy(pool, password);
      for (const [k, v] of Object.entries(r)) {
        if (k.startsWith('userAttributes.') && v.length > MAX_ATTRIBUTE_VALUE) throw errors.invalidParameter(`1 validation error detected: Value at 'challengeResponses.${k}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ATTRIBUTE_VALUE}`);
      }
      for (const [k, v] of Object.entries(r)) {
        if (!k.startsWith('userAttributes.')) continue;
        const name = k.slice('userAttributes.'.length);
        if (name === 'sub') throw errors.invalidParameter('Cannot modify the non-mutable attribute sub');
        user.attributes[name] = v;
      }
      setPassword(pool, user, password, ctx.clock.now());
      user.status = 'CONFIRMED';
      state.newPasswordDone = true;
      return next(c);
    }
    case 'CUSTOM_CHALLENGE':
      if (r.DEVICE_KEY) setDeviceKey(c, r.DEVICE_KEY);
      return answerCustomChallenge(c, r, sessionId);
    case 'WEB_AUTHN':
      return answerWebAuthn(c, r);
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrp(c, r);
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDeviceVerifier(c, r, sessionId);
    case 'SELECT_CHALLENGE': {
      const choice = challengeName === 'SELECT_CHALLENGE' ? reqParam(r, 'ANSWER') : challengeName;
      return chooseFirstFactor(c, choice, r);
    }
    default:
      throw errors.invalidParameter(`Invalid challenge name ${challengeName}.`);
  }
}

