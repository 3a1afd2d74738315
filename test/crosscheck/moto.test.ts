/**
 * nextstep against moto_server (Python moto 5.2.1), started once for this file on 127.0.0.1
 * and a free port. Pools and users are set up with the AWS SDK's admin calls; nextstep is not
 * bent to this server. Without `moto_server` on the machine the file fails under CI
 * (process.env.CI) and is skipped with a message elsewhere.
 *
 * Where moto's Cognito differs from Cognito (what these tests assert or leave out):
 * - USER_SRP_AUTH is not real SRP: SALT and SRP_B are random 32-hex-digit values, SECRET_BLOCK
 *   is the session id, and the signature is never checked. The PASSWORD_VERIFIER answer must
 *   carry the user name as USERNAME: the USER_ID_FOR_SRP value (the sub, which Cognito
 *   accepts and which nextstep and Amplify send) gives UserNotFoundException.
 * - An unknown user in USER_PASSWORD_AUTH is UserNotFoundException "User does not exist."
 *   (Cognito, with PreventUserExistenceErrors on by default: NotAuthorizedException).
 * - NEW_PASSWORD_REQUIRED carries only USERNAME: no requiredAttributes, no userAttributes.
 * - MFA_SETUP's MFAS_CAN_SETUP is a JSON array inside ChallengeParameters (Cognito: JSON text
 *   in a string map); it is reached only after NEW_PASSWORD_REQUIRED or SRP with MFA ON.
 * - SOFTWARE_TOKEN_MFA: one fixed secret (`asdfasdfasdf`) for every user, checked only with
 *   MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true (set by the suite).
 * - SMS_MFA: ChallengeParameters are empty (no CODE_DELIVERY_*), nothing is sent, and any
 *   code is accepted.
 * - SELECT_MFA_TYPE, EMAIL_OTP, CUSTOM_AUTH triggers and USER_AUTH are not offered; the app
 *   client's ExplicitAuthFlows are not enforced; SECRET_HASH is checked on SRP, MFA answers
 *   and refresh, but not on USER_PASSWORD_AUTH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSetUserMFAPreferenceCommand, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createAuth, surfaceUnclaimed, isAuthError, type AuthError } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { motoAvailable, startMoto, type ExternalServer } from './servers.js';
import { createPoolAndClient, createUser, enableTotpWithAccessToken, otherCode, sdkClient, totpNow } from './admin.js';

const available = motoAvailable();
if (!available) {
  const message = 'moto_server is not installed (pip install "moto[server]==5.2.1"): the moto cross-check cannot run';
  if (process.env.CI) throw new Error(message);
  console.warn(`[crosscheck] skipped: ${message}`);
}

const PASSWORD = 'Corr3ct-Horse-Battery!';
const TEMP = 'Temp-Passw0rd!';

let server: ExternalServer;
let pool: { userPoolId: string; clientId: string };
let mfaOnPool: { userPoolId: string; clientId: string };
let secretClient: { clientId: string; clientSecret: string };
let totpSecret = '';

function auth(userPool = pool, extra: { clientSecret?: string } = {}) {
  return createAuth({
    userPool: { ...userPool, ...extra, endpoint: server.endpoint, region: 'us-east-1' },
    plugins: [totp(), sms()],
    defaultHandler: surfaceUnclaimed,
  });
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (isAuthError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const PW = { authFlowType: 'USER_PASSWORD_AUTH' } as const;

describe.skipIf(!available)('nextstep against moto_server', () => {
  beforeAll(async () => {
    server = await startMoto();
    const sdk = sdkClient(server.endpoint);
    pool = await createPoolAndClient(sdk, { mfa: 'OPTIONAL', totp: true });
    mfaOnPool = await createPoolAndClient(sdk, { mfa: 'ON', totp: true });
    const withSecret = await sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: 'confidential', GenerateSecret: true }),
    );
    secretClient = { clientId: withSecret.UserPoolClient!.ClientId!, clientSecret: withSecret.UserPoolClient!.ClientSecret! };
    await createUser(sdk, pool.userPoolId, { username: 'plain', temporaryPassword: TEMP, password: PASSWORD });
    await createUser(sdk, pool.userPoolId, { username: 'newpw', temporaryPassword: TEMP });
    await createUser(sdk, mfaOnPool.userPoolId, { username: 'setup', temporaryPassword: TEMP });
    await createUser(sdk, pool.userPoolId, { username: 'totp', temporaryPassword: TEMP, password: PASSWORD });
    await createUser(sdk, pool.userPoolId, {
      username: 'sms',
      temporaryPassword: TEMP,
      password: PASSWORD,
      attributes: { phone_number: '+15555550142' },
    });
    await sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.userPoolId, Username: 'sms', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const flow = await auth().signIn({ username: 'totp', password: PASSWORD, options: PW });
    totpSecret = await enableTotpWithAccessToken(sdk, flow.tokens!.accessToken);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('USER_PASSWORD_AUTH signs in', async () => {
    const flow = await auth().signIn({ username: 'plain', password: PASSWORD, options: PW });
    expect(flow.output().nextStep.signInStep).toBe('DONE');
    expect(flow.isSignedIn).toBe(true);
    expect(flow.tokens?.accessToken).toMatch(/^ey/);
    expect(flow.tokens?.expiresIn).toBe(3600);
  });

  it('a wrong password is NotAuthorizedException, as in Cognito', async () => {
    const error = await rejection(auth().signIn({ username: 'plain', password: 'Wr0ng-password!', options: PW }));
    expect(error.kind).toBe('service');
    expect(error.name).toBe('NotAuthorizedException');
    expect(error.message).not.toContain('Wr0ng-password!');
  });

  it('an unknown user is UserNotFoundException (moto; Cognito hides it by default)', async () => {
    const error = await rejection(auth().signIn({ username: 'nobody', password: PASSWORD, options: PW }));
    expect(error.name).toBe('UserNotFoundException');
  });

  it('NEW_PASSWORD_REQUIRED without attribute lists: no missing attributes, new password signs in', async () => {
    const flow = await auth().signIn({ username: 'newpw', password: TEMP, options: PW });
    expect(flow.output()).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] },
    });
    await flow.confirm('N3w-Passw0rd-42!');
    expect(flow.isSignedIn).toBe(true);
    const again = await auth().signIn({ username: 'newpw', password: 'N3w-Passw0rd-42!', options: PW });
    expect(again.isSignedIn).toBe(true);
  });

  it('SOFTWARE_TOKEN_MFA: a wrong code keeps the step, the right one signs in', async () => {
    const flow = await auth().signIn({ username: 'totp', password: PASSWORD, options: PW });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const code = totpNow(totpSecret);
    const error = await rejection(flow.confirm(otherCode(code)));
    expect(error.name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    await flow.confirm(code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('client secret: SECRET_HASH is accepted on the MFA answer (moto checks it there)', async () => {
    const flow = await auth({ userPoolId: pool.userPoolId, clientId: secretClient.clientId }, { clientSecret: secretClient.clientSecret })
      .signIn({ username: 'totp', password: PASSWORD, options: PW });
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    await flow.confirm(totpNow(totpSecret));
    expect(flow.isSignedIn).toBe(true);
  });

  it('client secret: a wrong secret fails the MFA answer with NotAuthorizedException', async () => {
    const flow = await auth({ userPoolId: pool.userPoolId, clientId: secretClient.clientId }, { clientSecret: 'not-the-secret' })
      .signIn({ username: 'totp', password: PASSWORD, options: PW });
    const error = await rejection(flow.confirm(totpNow(totpSecret)));
    expect(error.name).toBe('NotAuthorizedException');
    expect(error.message).not.toContain('not-the-secret');
  });

  it('SRP: moto’s stand-in PASSWORD_VERIFIER (SECRET_BLOCK is a UUID, not base64) is refused locally', async () => {
    const error = await rejection(auth().signIn({ username: 'plain', password: PASSWORD }));
    expect(error.name).toBe('SrpError');
    expect(error.message).toMatch(/SECRET_BLOCK/);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('MFA_SETUP with MFAS_CAN_SETUP as a JSON array (moto) reaches the default handler instead of crashing', async () => {
    const flow = await auth(mfaOnPool).signIn({ username: 'setup', password: TEMP, options: PW });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] });
    await flow.confirm('N3w-Passw0rd-42!');
    expect(flow.nextStep).toMatchObject({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'MFA_SETUP',
      challengeParameters: { MFAS_CAN_SETUP: ['SOFTWARE_TOKEN_MFA'] },
    });
  });

  it('SMS_MFA: the SMS code step without delivery details (moto sends none), any code signs in', async () => {
    const flow = await auth().signIn({ username: 'sms', password: PASSWORD, options: PW });
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const details = (flow.nextStep as { codeDeliveryDetails?: { destination?: string } }).codeDeliveryDetails;
    expect(details?.destination).toBeUndefined();
    await flow.confirm('123456');
    expect(flow.isSignedIn).toBe(true);
  });
});
