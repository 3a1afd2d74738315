// amazon-cognito-identity-js 6.x (its own jsbn SRP, callback API) against the emulator:
// SRP sign-in, SMS/TOTP MFA, MFA selection, new password, custom challenge, TOTP setup.
// It has no client-secret support at all (no ClientSecret option, never sends SECRET_HASH):
// against a client with a secret it can only fail, which we check.
import {
  AuthenticationDetails,
  CognitoUserAttribute,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { AdminGetUserCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  acceptableIssuers,
  customAuthTriggers,
  lastCode,
  newTotpSecret,
  recordingTriggers,
  otherCode,
  start,
  totpCode,
  verifyToken,
  type Emulator,
} from './support.js';

const MAIN = 'us-east-1_cijMain01';
const SETUP = 'us-east-1_cijSetup01';
const CUSTOM = 'us-east-1_cijCustom1';
const PW = 'Corr3ct-Horse!';
const TOTP_SECRET = newTotpSecret();
const recorded = recordingTriggers(customAuthTriggers(3));
const SELECT_SECRET = newTotpSecret();

const config = {
  pools: [
    {
      id: MAIN,
      name: 'cij-main',
      mfa: 'OPTIONAL',
      enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      clients: [
        { id: 'cijpublic', name: 'web', secret: false, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], authSessionValidity: 3 },
        { id: 'cijsecret', name: 'server', secret: true, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ],
      users: [
        { username: 'alice', password: PW, status: 'CONFIRMED', attributes: { email: 'alice@example.com', email_verified: 'true' } },
        { username: 'sam', password: PW, status: 'CONFIRMED', attributes: { phone_number: '+15555550100' }, mfa: { sms: true, preferred: 'SMS' } },
        { username: 'tom', password: PW, status: 'CONFIRMED', mfa: { totp: { secret: TOTP_SECRET }, preferred: 'TOTP' } },
        { username: 'sel', password: PW, status: 'CONFIRMED', attributes: { phone_number: '+15555550177' }, mfa: { sms: true, totp: { secret: SELECT_SECRET } } },
        { username: 'fran', password: PW, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'fran@example.com' }, requiredAttributes: ['name'] },
        { username: 'unconf', password: PW, status: 'UNCONFIRMED', attributes: { email: 'unconf@example.com' } },
        { username: 'off', password: PW, status: 'CONFIRMED', enabled: false },
        { username: 'jürgen', password: 'Pässwörd-1 🙂 ß', status: 'CONFIRMED' },
        { username: 'forgetful', password: PW, status: 'CONFIRMED', attributes: { email: 'forgetful@example.com', email_verified: 'true' } },
      ],
    },
    {
      id: SETUP,
      name: 'cij-setup',
      mfa: 'ON',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
      clients: [{ id: 'cijsetup', name: 'web', secret: false, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      users: [
        { username: 'newbie', password: PW, status: 'CONFIRMED' },
        { username: 'newbie2', password: PW, status: 'CONFIRMED' },
      ],
    },
    {
      id: CUSTOM,
      name: 'cij-custom',
      mfa: 'OFF',
      triggers: recorded.triggers,
      clients: [
        { id: 'cijcustom', name: 'web', secret: false, explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ],
      users: [
        { username: 'carol', password: PW, status: 'CONFIRMED' },
        { username: 'lambda', password: PW, status: 'CONFIRMED', attributes: { email: 'lambda@example.com', email_verified: 'true' } },
      ],
    },
  ],
};

type Step =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; err: Error & { code?: string } }
  | { kind: 'mfaRequired'; challengeName: string; params: Record<string, string> }
  | { kind: 'totpRequired'; challengeName: string; params: Record<string, string> }
  | { kind: 'selectMFAType'; challengeName: string; params: Record<string, string> }
  | { kind: 'mfaSetup'; challengeName: string; params: Record<string, string> }
  | { kind: 'customChallenge'; params: Record<string, string> }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, string>; requiredAttributes: string[] };

/** Every callback the library may call, each settling one promise with a tagged step. */
function stepCallbacks(resolve: (s: Step) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (err: Error) => resolve({ kind: 'failure', err }),
    mfaRequired: (challengeName: string, params: Record<string, string>) => resolve({ kind: 'mfaRequired', challengeName, params }),
    totpRequired: (challengeName: string, params: Record<string, string>) => resolve({ kind: 'totpRequired', challengeName, params }),
    selectMFAType: (challengeName: string, params: Record<string, string>) => resolve({ kind: 'selectMFAType', challengeName, params }),
    mfaSetup: (challengeName: string, params: Record<string, string>) => resolve({ kind: 'mfaSetup', challengeName, params }),
    customChallenge: (params: Record<string, string>) => resolve({ kind: 'customChallenge', params }),
    newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
      resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
  };
}

function step(run: (cb: ReturnType<typeof stepCallbacks>) => void): Promise<Step> {
  return new Promise((resolve) => run(stepCallbacks(resolve)));
}

function expectKind<K extends Step['kind']>(s: Step, kind: K): Extract<Step, { kind: K }> {
  if (s.kind !== kind) {
    // Never the session: it holds tokens. Names and challenge parameters' keys only.
    const detail =
      s.kind === 'failure' ? `${s.err.name}: ${s.err.message}` : 'challengeName' in s ? s.challengeName : s.kind === 'success' ? 'tokens' : 'challenge';
    throw new Error(`expected ${kind}, got ${s.kind} (${detail})`);
  }
  return s as Extract<Step, { kind: K }>;
}

let emu: Emulator;
const pools = new Map<string, CognitoUserPool>();

function userOf(poolId: string, clientId: string, username: string): CognitoUser {
  const key = `${poolId}/${clientId}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emu.endpoint });
    pools.set(key, pool);
  }
  return new CognitoUser({ Username: username, Pool: pool });
}

function srpSignIn(user: CognitoUser, username: string, password: string): Promise<Step> {
  return step((cb) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), cb));
}


beforeAll(async () => {
  emu = await start(config);
});

afterAll(async () => {
  await emu?.close();
});

describe('amazon-cognito-identity-js: SRP', () => {
  it('authenticateUser (USER_SRP_AUTH) signs in and the tokens verify against the JWKS', async () => {
    const user = userOf(MAIN, 'cijpublic', 'alice');
    const s = expectKind(await srpSignIn(user, 'alice', PW), 'success');
    expect(s.session.isValid()).toBe(true);
    const id = await verifyToken(emu, MAIN, s.session.getIdToken().getJwtToken());
    const access = await verifyToken(emu, MAIN, s.session.getAccessToken().getJwtToken());
    expect(acceptableIssuers(emu, MAIN)).toContain(id.payload.iss);
    expect(id.payload.token_use).toBe('id');
    expect(id.payload.aud).toBe('cijpublic');
    expect(id.payload['cognito:username']).toBe('alice');
    expect(id.payload.email).toBe('alice@example.com');
    expect(access.payload.token_use).toBe('access');
    expect(access.payload.client_id).toBe('cijpublic');
    expect(s.session.getRefreshToken().getToken()).toBeTruthy();
  });

  it('refreshSession (REFRESH_TOKEN_AUTH) and getUserAttributes (GetUser) work with the issued tokens', async () => {
    const user = userOf(MAIN, 'cijpublic', 'alice');
    const s = expectKind(await srpSignIn(user, 'alice', PW), 'success');
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(s.session.getRefreshToken(), (err: Error | null, session: CognitoUserSession) =>
        err ? reject(err) : resolve(session),
      ),
    );
    expect(refreshed.isValid()).toBe(true);
    const access = await verifyToken(emu, MAIN, refreshed.getAccessToken().getJwtToken());
    expect(access.payload.username).toBe('alice');
    const attrs = await new Promise<{ Name: string; Value: string }[]>((resolve, reject) =>
      user.getUserAttributes((err, result) => (err ? reject(err) : resolve((result ?? []).map((a) => ({ Name: a.getName(), Value: a.getValue() }))))),
    );
    expect(attrs.find((a) => a.Name === 'email')?.Value).toBe('alice@example.com');
  });

  it('a non-ASCII user name and password (UTF-8 in the SRP hashes) sign in', async () => {
    const s = expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'jürgen'), 'jürgen', 'Pässwörd-1 🙂 ß'), 'success');
    expect(s.session.getIdToken().payload['cognito:username']).toBe('jürgen');
    expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'jürgen'), 'jürgen', 'Passwörd-1 🙂 ß'), 'failure');
  });

  it('wrong password: onFailure with NotAuthorizedException', async () => {
    const s = expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'alice'), 'alice', PW + '!'), 'failure');
    expect(s.err.name).toBe('NotAuthorizedException');
    expect(s.err.message).toBe('Incorrect username or password.');
  });

  it('unconfirmed user: UserNotConfirmedException; disabled user: NotAuthorizedException', async () => {
    const a = expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'unconf'), 'unconf', PW), 'failure');
    expect(a.err.name).toBe('UserNotConfirmedException');
    const b = expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'off'), 'off', PW), 'failure');
    expect(b.err.name).toBe('NotAuthorizedException');
    expect(b.err.message).toMatch(/disabled/i);
  });

  it('no client-secret support: against a client with a secret it fails with NotAuthorizedException', async () => {
    const s = expectKind(await srpSignIn(userOf(MAIN, 'cijsecret', 'alice'), 'alice', PW), 'failure');
    expect(s.err.name).toBe('NotAuthorizedException');
    expect(s.err.message).toMatch(/secret/i);
  });
});

describe('amazon-cognito-identity-js: email as user name (UsernameAttributes)', () => {
  it('a pool created with UsernameAttributes [email]: sign-up by email, SRP sign-in by email, USER_ID_FOR_SRP is the generated name', async () => {
    const admin = adminClient(emu.endpoint);
    const created = await admin.send(new CreateUserPoolCommand({ PoolName: 'by-email', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }));
    const poolId = created.UserPool!.Id!;
    expect(created.UserPool?.UsernameAttributes).toEqual(['email']);
    const client = await admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const clientId = client.UserPoolClient!.ClientId!;
    const email = `mail${Date.now()}@example.com`;
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emu.endpoint });
    const up = await new Promise<{ userSub: string }>((resolve, reject) =>
      pool.signUp(email, PW, [], [], (err, res) => (err ? reject(err) : resolve(res as never))),
    );
    // Cognito stores such users under a generated name (the sub), and the email as attribute.
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
    expect(got.Username).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(up.userSub).toBeTruthy();
    expect(got.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe(email);
    const code = lastCode(emu, { userPoolId: poolId, username: got.Username!, purpose: 'SIGN_UP' });
    const user = new CognitoUser({ Username: email, Pool: pool });
    await new Promise<string>((resolve, reject) => user.confirmRegistration(code, true, (err, res) => (err ? reject(err) : resolve(res))));
    const signedIn = new CognitoUser({ Username: email, Pool: pool });
    const s = expectKind(await srpSignIn(signedIn, email, PW), 'success');
    expect(s.session.getIdToken().payload['cognito:username']).toBe(got.Username);
    expect(s.session.getIdToken().payload.email).toBe(email);
    admin.destroy();
  });

  it('a pool without email alias refuses sign-in by email (UserNotFoundException), as Cognito does', async () => {
    // alice has a verified email, but MAIN has neither UsernameAttributes nor AliasAttributes.
    const s = expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'alice@example.com'), 'alice@example.com', PW), 'failure');
    expect(s.err.name).toBe('UserNotFoundException');
  });
});

describe('amazon-cognito-identity-js: sign-up and forgot password', () => {
  it('pool.signUp → confirmRegistration with the outbox code → SRP sign-in', async () => {
    const pool = new CognitoUserPool({ UserPoolId: MAIN, ClientId: 'cijpublic', endpoint: emu.endpoint });
    const username = `newcomer${Date.now()}`;
    const result = await new Promise<{ userConfirmed: boolean; userSub: string; codeDeliveryDetails: { DeliveryMedium: string } }>((resolve, reject) =>
      pool.signUp(username, PW, [new CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })], [], (err, res) =>
        err ? reject(err) : resolve(res as never),
      ),
    );
    expect(result.userConfirmed).toBe(false);
    expect(result.userSub).toBeTruthy();
    expect(result.codeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    const user = userOf(MAIN, 'cijpublic', username);
    const code = lastCode(emu, { username, userPoolId: MAIN, purpose: 'SIGN_UP' });
    const confirmed = await new Promise<string>((resolve, reject) => user.confirmRegistration(code, true, (err, res) => (err ? reject(err) : resolve(res))));
    expect(confirmed).toBe('SUCCESS');
    expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', username), username, PW), 'success');
  });

  it('forgotPassword → confirmPassword with the outbox code → the new password signs in', async () => {
    const user = userOf(MAIN, 'cijpublic', 'forgetful');
    const details = await new Promise<{ CodeDeliveryDetails: { DeliveryMedium: string } }>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, onFailure: reject }),
    );
    expect(details.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    const code = lastCode(emu, { username: 'forgetful', userPoolId: MAIN, purpose: 'FORGOT_PASSWORD' });
    await new Promise<string>((resolve, reject) => user.confirmPassword(code, 'Forg0tten-Again!', { onSuccess: resolve, onFailure: reject }));
    expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'forgetful'), 'forgetful', 'Forg0tten-Again!'), 'success');
    expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'forgetful'), 'forgetful', PW), 'failure');
  });
});

describe('amazon-cognito-identity-js: MFA', () => {
  it('mfaRequired (SMS_MFA) → sendMFACode with the outbox code; a wrong code is refused first', async () => {
    const user = userOf(MAIN, 'cijpublic', 'sam');
    const m = expectKind(await srpSignIn(user, 'sam', PW), 'mfaRequired');
    expect(m.challengeName).toBe('SMS_MFA');
    expect(m.params.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('SMS');
    expect(m.params.CODE_DELIVERY_DESTINATION).toMatch(/0100$/);
    const code = lastCode(emu, { username: 'sam', userPoolId: MAIN, medium: 'SMS' });
    const bad = expectKind(await step((cb) => user.sendMFACode(otherCode(code), cb)), 'failure');
    expect(bad.err.name).toBe('CodeMismatchException');
    const ok = expectKind(await step((cb) => user.sendMFACode(code, cb)), 'success');
    expect(ok.session.getIdToken().payload['cognito:username']).toBe('sam');
  });

  it('totpRequired (SOFTWARE_TOKEN_MFA) → sendMFACode(code, SOFTWARE_TOKEN_MFA)', async () => {
    const user = userOf(MAIN, 'cijpublic', 'tom');
    const t = expectKind(await srpSignIn(user, 'tom', PW), 'totpRequired');
    expect(t.challengeName).toBe('SOFTWARE_TOKEN_MFA');
    const code = totpCode(TOTP_SECRET, emu.clock.now());
    expect(emu.totpCode(MAIN, 'tom', emu.clock.now())).toBe(code);
    const ok = expectKind(await step((cb) => user.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA')), 'success');
    expect(ok.session.isValid()).toBe(true);
  });

  it('selectMFAType → sendMFASelectionAnswer(SOFTWARE_TOKEN_MFA) → totpRequired → signed in', async () => {
    const user = userOf(MAIN, 'cijpublic', 'sel');
    const sel = expectKind(await srpSignIn(user, 'sel', PW), 'selectMFAType');
    expect(sel.challengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(sel.params.MFAS_CAN_CHOOSE).sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const t = expectKind(await step((cb) => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', cb)), 'totpRequired');
    expect(t.challengeName).toBe('SOFTWARE_TOKEN_MFA');
    const ok = expectKind(await step((cb) => user.sendMFACode(totpCode(SELECT_SECRET, emu.clock.now()), cb, 'SOFTWARE_TOKEN_MFA')), 'success');
    expect(ok.session.isValid()).toBe(true);
  });

  it('selectMFAType → sendMFASelectionAnswer(SMS_MFA) → mfaRequired → signed in with the SMS code', async () => {
    const user = userOf(MAIN, 'cijpublic', 'sel');
    expectKind(await srpSignIn(user, 'sel', PW), 'selectMFAType');
    const m = expectKind(await step((cb) => user.sendMFASelectionAnswer('SMS_MFA', cb)), 'mfaRequired');
    expect(m.challengeName).toBe('SMS_MFA');
    const ok = expectKind(await step((cb) => user.sendMFACode(lastCode(emu, { username: 'sel', userPoolId: MAIN, medium: 'SMS' }), cb)), 'success');
    expect(ok.session.isValid()).toBe(true);
  });

  it('an MFA session used after AuthSessionValidity (3 min on the emulator clock) is refused', async () => {
    const user = userOf(MAIN, 'cijpublic', 'sam');
    expectKind(await srpSignIn(user, 'sam', PW), 'mfaRequired');
    const code = lastCode(emu, { username: 'sam', userPoolId: MAIN, medium: 'SMS' });
    emu.clock.advance(3 * 60_000 + 1_000);
    const s = expectKind(await step((cb) => user.sendMFACode(code, cb)), 'failure');
    expect(s.err.name).toBe('NotAuthorizedException');
  });

  it('mfaSetup (MFA_SETUP) → associateSoftwareToken → verifySoftwareToken → signed in; next sign-in asks TOTP', async () => {
    const user = userOf(SETUP, 'cijsetup', 'newbie');
    const setup = expectKind(await srpSignIn(user, 'newbie', PW), 'mfaSetup');
    expect(setup.challengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.params.MFAS_CAN_SETUP)).toContain('SOFTWARE_TOKEN_MFA');
    const secret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const ok = expectKind(await step((cb) => user.verifySoftwareToken(totpCode(secret, emu.clock.now()), 'my phone', cb)), 'success');
    expect(ok.session.isValid()).toBe(true);

    // Next TOTP window, so the second code is not a replay of the first.
    emu.clock.advance(30_000);
    const again = userOf(SETUP, 'cijsetup', 'newbie');
    expectKind(await srpSignIn(again, 'newbie', PW), 'totpRequired');
    expectKind(await step((cb) => again.sendMFACode(totpCode(secret, emu.clock.now()), cb, 'SOFTWARE_TOKEN_MFA')), 'success');
  });

  it('verifySoftwareToken with a wrong code: EnableSoftwareTokenMFAException', async () => {
    const user = userOf(SETUP, 'cijsetup', 'newbie2');
    expectKind(await srpSignIn(user, 'newbie2', PW), 'mfaSetup');
    const secret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    const s = expectKind(await step((cb) => user.verifySoftwareToken(otherCode(totpCode(secret, emu.clock.now())), 'x', cb)), 'failure');
    expect(s.err.name).toBe('EnableSoftwareTokenMFAException');
  });
});

describe('amazon-cognito-identity-js: new password and custom challenge', () => {
  it('newPasswordRequired with a required attribute → completeNewPasswordChallenge → signed in', async () => {
    const user = userOf(MAIN, 'cijpublic', 'fran');
    const np = expectKind(await srpSignIn(user, 'fran', PW), 'newPasswordRequired');
    expect(np.requiredAttributes).toEqual(['name']);
    expect(np.userAttributes.email).toBe('fran@example.com');
    const missing = expectKind(await step((cb) => user.completeNewPasswordChallenge('N3w-Passw0rd!', {}, cb)), 'failure');
    expect(missing.err.name).toBe('InvalidParameterException');
    // The refused answer must not have consumed the sign-in: a fresh sign-in starts over.
    const retry = userOf(MAIN, 'cijpublic', 'fran');
    expectKind(await srpSignIn(retry, 'fran', PW), 'newPasswordRequired');
    const ok = expectKind(await step((cb) => retry.completeNewPasswordChallenge('N3w-Passw0rd!', { name: 'Fran Doe' }, cb)), 'success');
    expect(ok.session.getIdToken().payload.name).toBe('Fran Doe');
    expectKind(await srpSignIn(userOf(MAIN, 'cijpublic', 'fran'), 'fran', 'N3w-Passw0rd!'), 'success');
  });

  it('CUSTOM_AUTH without SRP: three rounds of customChallenge → sendCustomChallengeAnswer → signed in', async () => {
    const user = userOf(CUSTOM, 'cijcustom', 'carol');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    let s = await step((cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'carol' }), cb));
    for (let round = 1; round <= 3; round++) {
      const c = expectKind(s, 'customChallenge');
      expect(c.params.round).toBe(String(round));
      expect(c.params.question).toBe(`What is answer ${round}?`);
      expect(c.params).not.toHaveProperty('answer');
      s = await step((cb) => user.sendCustomChallengeAnswer(`answer-${round}`, cb));
    }
    const ok = expectKind(s, 'success');
    expect(ok.session.getIdToken().payload['cognito:username']).toBe('carol');
  });

  it('CUSTOM_AUTH with SRP first (authenticateUser): PASSWORD_VERIFIER then custom rounds', async () => {
    const user = userOf(CUSTOM, 'cijcustom', 'carol');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    let s = await srpSignIn(user, 'carol', PW);
    for (let round = 1; round <= 3; round++) {
      expect(expectKind(s, 'customChallenge').params.round).toBe(String(round));
      s = await step((cb) => user.sendCustomChallengeAnswer(`answer-${round}`, cb));
    }
    expectKind(s, 'success');
  });

  it('a wrong custom answer fails the sign-in (NotAuthorizedException); the session is dead', async () => {
    const user = userOf(CUSTOM, 'cijcustom', 'carol');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expectKind(await step((cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'carol' }), cb)), 'customChallenge');
    const ok1 = await step((cb) => user.sendCustomChallengeAnswer('answer-1', cb));
    expectKind(ok1, 'customChallenge');
    const bad = expectKind(await step((cb) => user.sendCustomChallengeAnswer('nope', cb)), 'failure');
    expect(bad.err.name).toBe('NotAuthorizedException');
    const after = expectKind(await step((cb) => user.sendCustomChallengeAnswer('answer-2', cb)), 'failure');
    expect(after.err.name).toBe('NotAuthorizedException');
  });

  it('the triggers get Lambda-shaped events (triggerSource, userName, callerContext, userAttributes, clientMetadata)', async () => {
    recorded.events.length = 0;
    const user = userOf(CUSTOM, 'cijcustom', 'lambda');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const details = new AuthenticationDetails({ Username: 'lambda', ClientMetadata: { app: 'tests' } });
    let s = await step((cb) => user.initiateAuth(details, cb));
    for (let round = 1; round <= 3; round++) {
      expectKind(s, 'customChallenge');
      s = await step((cb) => user.sendCustomChallengeAnswer(`answer-${round}`, cb, { step: String(round) }));
    }
    expectKind(s, 'success');
    const sources = recorded.events.map((e) => `${e.trigger}:${e.triggerSource}`);
    expect(sources.slice(0, 3)).toEqual([
      'defineAuthChallenge:DefineAuthChallenge_Authentication',
      'createAuthChallenge:CreateAuthChallenge_Authentication',
      'verifyAuthChallengeResponse:VerifyAuthChallengeResponse_Authentication',
    ]);
    expect(recorded.events.filter((e) => e.trigger === 'defineAuthChallenge')).toHaveLength(4);
    for (const e of recorded.events) {
      expect(e).toMatchObject({ version: '1', region: 'us-east-1', userPoolId: CUSTOM, userName: 'lambda', callerContext: { clientId: 'cijcustom' } });
      expect(e.request.userAttributes).toMatchObject({ email: 'lambda@example.com', email_verified: 'true' });
      expect(e.request.userAttributes.sub).toBeTruthy();
      expect(e.request.userNotFound).toBe(false);
    }
    const firstDefine = recorded.events[0];
    expect(firstDefine.request.session).toEqual([]);
    expect(firstDefine.request.clientMetadata).toEqual({ app: 'tests' });
    const firstVerify = recorded.events[2];
    expect(firstVerify.request.challengeAnswer).toBe('answer-1');
    expect(firstVerify.request.privateChallengeParameters).toEqual({ answer: 'answer-1' });
    expect(firstVerify.request.clientMetadata).toEqual({ step: '1' });
    const lastDefine = recorded.events.filter((e) => e.trigger === 'defineAuthChallenge').at(-1)!;
    expect(lastDefine.request.session).toEqual([
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'ROUND-1' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'ROUND-2' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'ROUND-3' },
    ]);
    const secondCreate = recorded.events.filter((e) => e.trigger === 'createAuthChallenge')[1];
    expect(secondCreate.request.challengeName).toBe('CUSTOM_CHALLENGE');
    expect(secondCreate.request.session).toHaveLength(1);
  });

  it('CUSTOM_AUTH on a client without ALLOW_CUSTOM_AUTH: InvalidParameterException', async () => {
    const user = userOf(MAIN, 'cijpublic', 'alice');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const s = expectKind(await step((cb) => user.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), cb)), 'failure');
    expect(s.err.name).toBe('InvalidParameterException');
  });
});
