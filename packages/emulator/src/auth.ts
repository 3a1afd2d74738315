/**
 * InitiateAuth and RespondToAuthChallenge: the sign-in state machine.
 *
 * First factor (SRP, password, passwordless code, or the custom-auth loop) → status checks
 * → NEW_PASSWORD_REQUIRED → a configured unknown challenge → MFA (or MFA setup) → tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { maskEmail, maskPhone, randomCode } from './codes.js';
import { checkLock, checkSecretHash, lookupUser, recordFailure, recordSuccess, signInUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { checkPolicy, newUser, setPassword, type AppClient, type Pool, type User } from './model.js';
import { optString, reqParam, reqString, stringMap, type Input } from './params.js';
import type { AuthResponse, AuthState } from './sessions.js';
import { checkPassword, isValidTimestamp, poolNameOf, startSrp, verifyClaim } from './srp.js';
import { checkTotp } from './totp.js';
import { runTrigger } from './triggers.js';

const FLOW_FLAGS: Record<string, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
};
const MFA_CODE_DIGITS = 6;
/** Passwordless first-factor codes (USER_AUTH EMAIL_OTP / SMS_OTP) have 8 digits, as Cognito's. */
const OTP_CODE_DIGITS = 8;
const MFA_TO_PREF: Record<string, 'SMS' | 'TOTP' | 'EMAIL'> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };

interface Call {
  ctx: Ctx;
  pool: Pool;
  client: AppClient;
  user: User;
  state: AuthState;
}

function parseA(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length > 2048) throw errors.invalidParameter('SRP_A is not a valid hex number');
  return BigInt('0x' + hex);
}

function newState(pool: Pool, client: AppClient, user: User, flow: string, clientMetadata: Record<string, string>): AuthState {
  return {
    userPoolId: pool.id,
    clientId: client.id,
    username: user.username,
    flow,
    expect: '',
    firstFactorDone: false,
    newPasswordDone: false,
    unknownDone: false,
    mfaDone: false,
    passwordless: false,
    clientMetadata,
  };
}

function challenge(c: Call, name: string, parameters: Record<string, string>, extra: Record<string, unknown> = {}): AuthResponse {
  c.state.expect = name;
  const Session = c.ctx.sessions.create(c.state, c.client.sessionValidityMinutes);
  return { ChallengeName: name, Session, ChallengeParameters: parameters, ...extra };
}

async function tokens(c: Call): Promise<AuthResponse> {
  recordSuccess(c.user);
  return { ChallengeParameters: {}, AuthenticationResult: await c.ctx.tokens.issue(c.pool, c.client, c.user) };
}

function srpChallenge(c: Call, A: bigint): AuthResponse {
  if (!c.user.password) throw errors.notAuthorized();
  let srp;
  try {
    srp = startSrp(A, c.user.password.verifier);
  } catch {
    throw errors.invalidParameter('SRP_A is invalid');
  }
  c.state.srp = srp;
  // Cognito's SECRET_BLOCK is an opaque blob the client signs; random bytes serve.
  c.state.secretBlock = randomBytes(96).toString('base64');
  return challenge(c, 'PASSWORD_VERIFIER', {
    SALT: c.user.password.saltHex,
    SRP_B: srp.B.toString(16),
    SECRET_BLOCK: c.state.secretBlock,
    USERNAME: c.user.username,
    USER_ID_FOR_SRP: c.user.username,
  });
}

/** Status checks once the user proved who they are. */
function afterFirstFactor(c: Call): void {
  if (c.user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (c.user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
  c.state.firstFactorDone = true;
  recordSuccess(c.user);
}

/** MFA factors the user has enabled and the pool allows. */
function userFactors(pool: Pool, user: User): string[] {
  const out: string[] = [];
  if (pool.enabledMfas.has('SMS_MFA') && user.mfa.sms && user.attributes.phone_number) out.push('SMS_MFA');
  if (pool.enabledMfas.has('SOFTWARE_TOKEN_MFA') && user.mfa.totp && user.mfa.totpEnabled) out.push('SOFTWARE_TOKEN_MFA');
  if (pool.enabledMfas.has('EMAIL_OTP') && user.mfa.email && user.attributes.email) out.push('EMAIL_OTP');
  return out;
}

function sendCode(c: Call, medium: 'SMS' | 'EMAIL', purpose: 'MFA' | 'OTP' | 'EMAIL_SETUP', digits: number, destination: string): Record<string, string> {
  const code = randomCode(digits);
  c.state.code = code;
  c.ctx.outbox.send({ userPoolId: c.pool.id, username: c.user.username, medium, destination, code, purpose, at: c.ctx.clock.now() });
  return {
    CODE_DELIVERY_DELIVERY_MEDIUM: medium,
    CODE_DELIVERY_DESTINATION: medium === 'SMS' ? maskPhone(destination) : maskEmail(destination),
  };
}

function mfaChallenge(c: Call, name: string): AuthResponse {
  if (name === 'SMS_MFA') return challenge(c, 'SMS_MFA', sendCode(c, 'SMS', 'MFA', MFA_CODE_DIGITS, c.user.attributes.phone_number ?? ''));
  if (name === 'EMAIL_OTP') return challenge(c, 'EMAIL_OTP', sendCode(c, 'EMAIL', 'MFA', MFA_CODE_DIGITS, c.user.attributes.email ?? ''));
  return challenge(c, 'SOFTWARE_TOKEN_MFA', { FRIENDLY_DEVICE_NAME: c.user.mfa.totp?.friendlyDeviceName ?? 'TOTP device' });
}

/** What comes after a completed step: the next challenge, or tokens. */
async function next(c: Call): Promise<AuthResponse> {
  const { user, pool, state } = c;
  if (user.status === 'FORCE_CHANGE_PASSWORD' && !state.newPasswordDone) {
    const missing = user.requiredAttributes.filter((a) => !user.attributes[a]);
    const shown: Record<string, string> = {};
    for (const [k, v] of Object.entries(user.attributes)) if (k !== 'sub' && !k.endsWith('_verified')) shown[k] = v;
    return challenge(c, 'NEW_PASSWORD_REQUIRED', {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missing.map((a) => `userAttributes.${a}`)),
      userAttributes: JSON.stringify(shown),
    });
  }
  if (user.unknownChallenge && !state.unknownDone) {
    state.unknown = { answer: user.unknownChallenge.answer };
    return challenge(c, user.unknownChallenge.challengeName, { ...user.unknownChallenge.challengeParameters });
  }
  if (!state.mfaDone && !state.passwordless && pool.mfa !== 'OFF') {
    let factors = userFactors(pool, user);
    if (factors.length === 0 && pool.mfa === 'ON') {
      // Cognito sends SMS MFA by itself when it is required and the user has a phone number.
      if (pool.enabledMfas.has('SMS_MFA') && user.attributes.phone_number) factors = ['SMS_MFA'];
      else {
        const canSetup = (['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const).filter((m) => pool.enabledMfas.has(m));
        state.setup = {};
        return challenge(c, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(canSetup.length ? canSetup : ['SMS_MFA']) });
      }
    }
    if (factors.length > 0) {
      const preferred = factors.find((f) => MFA_TO_PREF[f] === user.mfa.preferred);
      if (preferred || factors.length === 1) {
        state.mfaChoices = [preferred ?? factors[0]!];
        return mfaChallenge(c, preferred ?? factors[0]!);
      }
      state.mfaChoices = factors;
      return challenge(c, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(factors) });
    }
  }
  return tokens(c);
}

// ---- custom auth ------------------------------------------------------------------------

function triggerCtx(c: Call) {
  return { region: c.ctx.region, pool: c.pool, clientId: c.client.id, user: c.user, clientMetadata: c.state.clientMetadata };
}

async function defineNext(c: Call, sessionId?: string): Promise<AuthResponse> {
  const define = c.pool.triggers.defineAuthChallenge;
  if (!define) throw errors.invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const history = c.state.custom!.history;
  const res = await runTrigger(define, 'defineAuthChallenge', triggerCtx(c), { session: history.map((h) => ({ ...h })) }, { challengeName: undefined, issueTokens: false, failAuthentication: false });
  if (res.failAuthentication === true) {
    if (sessionId) c.ctx.sessions.kill(sessionId);
    throw errors.notAuthorized();
  }
  if (res.issueTokens === true) {
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

// ---- InitiateAuth -----------------------------------------------------------------------

function firstFactorsOf(pool: Pool, user: User): string[] {
  const out: string[] = [];
  for (const f of pool.allowedFirstAuthFactors) {
    if (f === 'PASSWORD' && user.password) out.push('PASSWORD', 'PASSWORD_SRP');
    if (f === 'EMAIL_OTP' && user.attributes.email) out.push('EMAIL_OTP');
    if (f === 'SMS_OTP' && user.attributes.phone_number) out.push('SMS_OTP');
  }
  return out;
}

async function passwordFirstFactor(c: Call, password: string): Promise<AuthResponse> {
  if (!c.user.password || !checkPassword(c.user.password, poolNameOf(c.pool.id), c.user.username, password)) {
    recordFailure(c.ctx, c.user);
    throw errors.notAuthorized();
  }
  afterFirstFactor(c);
  return next(c);
}

function passwordlessChallenge(c: Call, which: 'EMAIL_OTP' | 'SMS_OTP'): AuthResponse {
  c.state.passwordless = true;
  const params = which === 'EMAIL_OTP'
    ? sendCode(c, 'EMAIL', 'OTP', OTP_CODE_DIGITS, c.user.attributes.email ?? '')
    : sendCode(c, 'SMS', 'OTP', OTP_CODE_DIGITS, c.user.attributes.phone_number ?? '');
  return challenge(c, which, params);
}

/** USER_AUTH: the chosen first factor (from PREFERRED_CHALLENGE or a SELECT_CHALLENGE answer). */
async function chooseFirstFactor(c: Call, choice: string, params: Record<string, string>): Promise<AuthResponse> {
  const available = firstFactorsOf(c.pool, c.user);
  if (!available.includes(choice)) throw errors.invalidParameter(`${choice} is not an available challenge for this user.`);
  c.state.availableChallenges = undefined;
  if (choice === 'PASSWORD') return passwordFirstFactor(c, reqParam(params, 'PASSWORD'));
  if (choice === 'PASSWORD_SRP') return srpChallenge(c, parseA(reqParam(params, 'SRP_A')));
  return passwordlessChallenge(c, choice as 'EMAIL_OTP' | 'SMS_OTP');
}

/** InitiateAuth. */
export async function initiateAuth(ctx: Ctx, input: Input): Promise<AuthResponse> {
  const authFlow = reqString(input, 'AuthFlow');
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const params = stringMap(input, 'AuthParameters');
  const clientMetadata = stringMap(input, 'ClientMetadata');
  if (!(authFlow in FLOW_FLAGS) && !['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH'].includes(authFlow)) {
    throw errors.invalidParameter(`1 validation error detected: Value at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, USER_PASSWORD_AUTH, USER_AUTH]`);
  }
  const { pool, client } = ctx.store.client(clientId);
  const flag = FLOW_FLAGS[authFlow];
  if (!flag) throw errors.invalidParameter('Initiate Auth method not supported.');
  if (!client.flows.has(flag)) throw errors.invalidParameter(`${authFlow} flow not enabled for this client`);

  if (flag === 'ALLOW_REFRESH_TOKEN_AUTH') {
    const entry = ctx.tokens.useRefresh(reqParam(params, 'REFRESH_TOKEN'), client.id);
    const user = pool.users.get(entry.username);
    if (!user) throw errors.notAuthorized('Invalid Refresh Token');
    if (client.secret) checkSecretHash(client, [params.USERNAME ?? user.username, user.username, user.sub], params.SECRET_HASH);
    if (!user.enabled) throw errors.notAuthorized('User is disabled.');
    return { ChallengeParameters: {}, AuthenticationResult: await ctx.tokens.issue(pool, client, user, { authTime: entry.authTime, withRefresh: false, originJti: entry.originJti }) };
  }

  const username = reqParam(params, 'USERNAME');
  checkSecretHash(client, [username], params.SECRET_HASH);
  if (authFlow === 'USER_SRP_AUTH' && client.preventUserExistenceErrors && !lookupUser(pool, username)) {
    return phantomSrp(ctx, pool, client, username, parseA(reqParam(params, 'SRP_A')), clientMetadata);
  }
  const user = signInUser(pool, client, username);
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  checkLock(ctx, user);
  const c: Call = { ctx, pool, client, user, state: newState(pool, client, user, authFlow, clientMetadata) };
  const signUpSession = optString(input, 'Session', { min: 20, max: 8192 });
  if (signUpSession && authFlow === 'USER_AUTH') return interpose(c, 'InitiateAuth', await autoSignIn(c, signUpSession));
  return interpose(c, 'InitiateAuth', await startFlow(c, authFlow, params));
}

/**
 * PreventUserExistenceErrors for SRP: an unknown user gets a PASSWORD_VERIFIER like a real
 * one (a salt stable per name, a random verifier), and the claim then fails as a wrong
 * password would, so the answers do not reveal whether the user exists.
 */
function phantomSrp(ctx: Ctx, pool: Pool, client: AppClient, username: string, A: bigint, clientMetadata: Record<string, string>): AuthResponse {
  const user = newUser(username, ctx.clock.now());
  setPassword(pool, user, randomBytes(24).toString('base64'), ctx.clock.now());
  user.password!.saltHex = BigInt('0x' + createHash('sha256').update(`${pool.id}/${username}`).digest('hex').slice(0, 32)).toString(16);
  const state = newState(pool, client, user, 'USER_SRP_AUTH', clientMetadata);
  state.phantom = true;
  return srpChallenge({ ctx, pool, client, user, state }, A);
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

// ---- RespondToAuthChallenge -------------------------------------------------------------

function codeMatches(expected: string | undefined, given: string | undefined): boolean {
  return expected !== undefined && given !== undefined && expected.length === given.length && expected === given;
}

/** A wrong code: count it, keep the session, answer CodeMismatchException. */
function wrongCode(c: Call): never {
  recordFailure(c.ctx, c.user);
  throw errors.codeMismatch();
}

/** RespondToAuthChallenge. */
export async function respondToAuthChallenge(ctx: Ctx, input: Input): Promise<AuthResponse> {
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const challengeName = reqString(input, 'ChallengeName');
  const sessionId = optString(input, 'Session', { min: 20, max: 8192 });
  const responses = stringMap(input, 'ChallengeResponses');
  const clientMetadata = stringMap(input, 'ClientMetadata');
  const { pool, client } = ctx.store.client(clientId);
  if (!sessionId) throw errors.invalidParameter('Missing required parameter Session');
  const state = ctx.sessions.begin(sessionId, client.id);
  try {
    return await respondWith(ctx, pool, client, state, sessionId, challengeName, responses, clientMetadata);
  } finally {
    ctx.sessions.release(sessionId);
  }
}

async function respondWith(ctx: Ctx, pool: Pool, client: AppClient, state: AuthState, sessionId: string, challengeName: string, responses: Record<string, string>, clientMetadata: Record<string, string>): Promise<AuthResponse> {
  if (state.phantom) {
    ctx.sessions.kill(sessionId);
    throw errors.notAuthorized();
  }
  const user = pool.users.get(state.username);
  if (!user) throw errors.sessionInvalid();

  const usernameGiven = reqParam(responses, 'USERNAME');
  if (lookupUser(pool, usernameGiven) !== user) throw errors.notAuthorized();
  checkSecretHash(client, [usernameGiven, user.username], responses.SECRET_HASH);
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');

  // SELECT_CHALLENGE may be answered by naming the chosen challenge directly.
  const selecting = state.expect === 'SELECT_CHALLENGE' && ['SELECT_CHALLENGE', 'PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'].includes(challengeName);
  if (challengeName !== state.expect && !selecting) throw errors.invalidParameter(`Invalid challenge name ${challengeName}: this session expects ${state.expect}.`);
  if (Object.keys(clientMetadata).length) state.clientMetadata = clientMetadata;
  checkLock(ctx, user);

  const c: Call = { ctx, pool, client, user, state };
  const result = await answer(c, challengeName, responses, sessionId);
  // Success: the answered session is spent (sessions are single-use).
  ctx.sessions.consume(sessionId);
  return interpose(c, 'RespondToAuthChallenge', result);
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
      const signature = reqParam(r, 'PASSWORD_CLAIM_SIGNATURE');
      const block = reqParam(r, 'PASSWORD_CLAIM_SECRET_BLOCK');
      const timestamp = reqParam(r, 'TIMESTAMP');
      if (!isValidTimestamp(timestamp)) throw errors.invalidParameter('TIMESTAMP format is invalid; expected e.g. "Tue Aug 6 09:05:03 UTC 2024".');
      const ok = block === state.secretBlock && !!user.password && verifyClaim(state.srp!, user.password.verifier, poolNameOf(pool.id), user.username, block, timestamp, signature);
      if (!ok) {
        // A failed password ends the sign-in: the client must start again.
        ctx.sessions.kill(sessionId);
        recordFailure(ctx, user);
        throw errors.notAuthorized();
      }
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
        return challenge(c, 'EMAIL_OTP', sendCode(c, 'EMAIL', 'EMAIL_SETUP', MFA_CODE_DIGITS, r.EMAIL));
      }
      throw errors.invalidParameter('MFA_SETUP needs a verified software token (AssociateSoftwareToken, VerifySoftwareToken) or EMAIL.');
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const password = reqParam(r, 'NEW_PASSWORD');
      const missing = user.requiredAttributes.filter((a) => !user.attributes[a] && !r[`userAttributes.${a}`]);
      if (missing.length) throw errors.invalidParameter(`Invalid attributes given, ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
      checkPolicy(pool, password);
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
    case 'CUSTOM_CHALLENGE': {
      const answerText = reqParam(r, 'ANSWER');
      const verify = pool.triggers.verifyAuthChallengeResponse;
      if (!verify) throw errors.invalidParameter('VerifyAuthChallengeResponse lambda trigger is not configured for the user pool.');
      const res = await runTrigger(verify, 'verifyAuthChallengeResponse', triggerCtx(c), { privateChallengeParameters: { ...(state.custom!.privateParameters ?? {}) }, challengeAnswer: answerText }, { answerCorrect: false });
      state.custom!.history.push({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: res.answerCorrect === true, ...(state.custom!.challengeMetadata !== undefined ? { challengeMetadata: state.custom!.challengeMetadata } : {}) });
      return defineNext(c, sessionId);
    }
    case 'SELECT_CHALLENGE': {
      const choice = challengeName === 'SELECT_CHALLENGE' ? reqParam(r, 'ANSWER') : challengeName;
      return chooseFirstFactor(c, choice, r);
    }
    default:
      throw errors.invalidParameter(`Invalid challenge name ${challengeName}.`);
  }
}

/**
 * Fault `unknown-challenge`: holds back a sign-in answer behind a challenge the client has
 * never heard of; answering it (ANSWER = expectedAnswer, or anything when unset) releases
 * the held answer.
 */
function interpose(c: Call, operation: string, response: AuthResponse): AuthResponse {
  if (!response.ChallengeName && !response.AuthenticationResult) return response;
  const spec = c.ctx.faults.take(operation, ['unknown-challenge']);
  if (!spec) return response;
  const wrapped: AuthState = { ...c.state, expect: spec.challengeName ?? 'FUTURE_CHALLENGE', unknown: { answer: spec.expectedAnswer, resume: response } };
  const Session = c.ctx.sessions.create(wrapped, c.client.sessionValidityMinutes);
  return { ChallengeName: wrapped.expect, Session, ChallengeParameters: { ...(spec.challengeParameters ?? {}) } };
}
