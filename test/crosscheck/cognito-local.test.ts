/**
 * nextstep against cognito-local 5.3.0 (npm), started once for this file on 127.0.0.1 and a
 * free port, with its data in a temporary directory. Pools and users are set up with the AWS
 * SDK's admin calls; nothing in nextstep is bent to this server.
 *
 * Where cognito-local differs from Cognito (what these tests assert or leave out):
 * - Only USER_PASSWORD_AUTH (and refresh). USER_SRP_AUTH, CUSTOM_AUTH and USER_AUTH answer
 *   HTTP 500 `Unsupported` ("Cognito Local unsupported feature: InitAuth with AuthFlow=...").
 * - A wrong password is `InvalidPasswordException` "Invalid password" (Cognito:
 *   `NotAuthorizedException` "Incorrect username or password."); an unknown user is
 *   `NotAuthorizedException` "User not authorized".
 * - NEW_PASSWORD_REQUIRED is answered for a FORCE_CHANGE_PASSWORD user *without checking the
 *   temporary password*; `requiredAttributes` is always `[]`.
 * - No MFA_SETUP challenge: AssociateSoftwareToken/VerifySoftwareToken refuse a Session
 *   (InvalidParameterException), so TOTP is registered with an access token after sign-in.
 * - SMS MFA needs the legacy `MFAOptions` on the user, which no supported API sets: the suite
 *   writes it into `.cognito/db/<pool>.json` and restarts the server, as cognito-local's
 *   README says to. CODE_DELIVERY_DESTINATION is the unmasked phone number (Cognito masks it).
 * - SELECT_MFA_TYPE offers SMS_MFA and SOFTWARE_TOKEN_MFA; EMAIL_OTP does not exist.
 * - AuthenticationResult carries no ExpiresIn or TokenType.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAuth, surfaceUnclaimed, isAuthError, type AuthError } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { startCognitoLocal, type CognitoLocalServer } from './servers.js';
import { createPoolAndClient, createUser, enableTotpWithAccessToken, otherCode, sdkClient, totpNow } from './admin.js';

const PASSWORD = 'Corr3ct-Horse-Battery!';
const TEMP = 'Temp-Passw0rd!';
const PHONE = '+15555550142';

let server: CognitoLocalServer;
let pool: { userPoolId: string; clientId: string };
const secrets: Record<string, string> = {};

function auth() {
  return createAuth({
    userPool: { ...pool, endpoint: server.endpoint, region: 'us-east-1' },
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

beforeAll(async () => {
  server = await startCognitoLocal();
  const sdk = sdkClient(server.endpoint);
  pool = await createPoolAndClient(sdk, { mfa: 'OPTIONAL' });
  await createUser(sdk, pool.userPoolId, { username: 'plain', temporaryPassword: TEMP, password: PASSWORD });
  await createUser(sdk, pool.userPoolId, { username: 'newpw', temporaryPassword: TEMP });
  for (const username of ['totp', 'sms', 'both']) {
    await createUser(sdk, pool.userPoolId, { username, temporaryPassword: TEMP, password: PASSWORD, attributes: { phone_number: PHONE } });
  }
  // TOTP is registered with an access token (cognito-local has no MFA_SETUP): sign in first.
  for (const username of ['totp', 'both']) {
    const flow = await auth().signIn({ username, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const accessToken = flow.tokens?.accessToken;
    if (!accessToken) throw new Error(`no access token for ${username}`);
    secrets[username] = await enableTotpWithAccessToken(sdk, accessToken, { alsoSms: username === 'both' });
  }
  // SMS MFA needs MFAOptions, which only the data file can hold; cognito-local reads it at start.
  const file = join(server.dataDir, '.cognito', 'db', `${pool.userPoolId}.json`);
  const db = JSON.parse(await readFile(file, 'utf8'));
  for (const username of ['sms', 'both']) db.Users[username].MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
  await writeFile(file, JSON.stringify(db, null, 2));
  await server.restart();
});

afterAll(async () => {
  await server?.stop();
});

async function smsCode(username: string): Promise<string> {
  const code = (await server.storedUser(pool.userPoolId, username))?.MFACode;
  if (typeof code !== 'string') throw new Error(`cognito-local holds no MFA code for ${username}`);
  return code;
}

describe('nextstep against cognito-local', () => {
  it('USER_PASSWORD_AUTH signs in', async () => {
    const flow = await auth().signIn({ username: 'plain', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.isSignedIn).toBe(true);
    expect(flow.nextStep.signInStep).toBe('DONE');
    expect(flow.tokens?.accessToken).toMatch(/^ey/);
    expect(flow.tokens?.idToken).toMatch(/^ey/);
  });

  it('a wrong password is rejected with the server’s exception name (cognito-local: InvalidPasswordException)', async () => {
    const error = await rejection(auth().signIn({ username: 'plain', password: 'Wr0ng-password!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
    expect(error.kind).toBe('service');
    expect(error.name).toBe('InvalidPasswordException');
    expect(error.message).not.toContain('Wr0ng-password!');
  });

  it('an unknown user is rejected (cognito-local: NotAuthorizedException)', async () => {
    const error = await rejection(auth().signIn({ username: 'nobody', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
    expect(error.name).toBe('NotAuthorizedException');
  });

  it('SRP is not offered by cognito-local: the server error surfaces as a service error', async () => {
    const error = await rejection(auth().signIn({ username: 'plain', password: PASSWORD }));
    expect(error.kind).toBe('service');
    expect(error.name).toBe('Unsupported');
  });

  it('NEW_PASSWORD_REQUIRED: new password, then signed in; the new password works afterwards', async () => {
    const flow = await auth().signIn({ username: 'newpw', password: TEMP, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.output()).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] },
    });
    await flow.confirm('N3w-Passw0rd-42!');
    expect(flow.isSignedIn).toBe(true);
    const again = await auth().signIn({ username: 'newpw', password: 'N3w-Passw0rd-42!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(again.isSignedIn).toBe(true);
  });

  it('SOFTWARE_TOKEN_MFA: a wrong code keeps the step, the right one signs in', async () => {
    const flow = await auth().signIn({ username: 'totp', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const code = totpNow(secrets.totp!);
    const error = await rejection(flow.confirm(otherCode(code)));
    expect(error.name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    await flow.confirm(code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('SMS_MFA: delivery details from the server, a wrong code keeps the step, the sent code signs in', async () => {
    const flow = await auth().signIn({ username: 'sms', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      // cognito-local does not mask the destination (Cognito sends +*******0142).
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: PHONE },
    });
    const code = await smsCode('sms');
    const error = await rejection(flow.confirm(otherCode(code)));
    expect(error.name).toBe('CodeMismatchException');
    await flow.confirm(code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('SELECT_MFA_TYPE → TOTP: selection lists SMS and TOTP, then the TOTP code', async () => {
    const flow = await auth().signIn({ username: 'both', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] });
    await flow.confirm('TOTP');
    expect(flow.nextStep).toEqual({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    await flow.confirm(totpNow(secrets.both!));
    expect(flow.isSignedIn).toBe(true);
  });

  it('SELECT_MFA_TYPE → SMS: the SMS code step, then signed in', async () => {
    const flow = await auth().signIn({ username: 'both', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    await flow.confirm('SMS');
    expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    await flow.confirm(await smsCode('both'));
    expect(flow.isSignedIn).toBe(true);
  });

  it('an MFA type the server did not offer is refused locally, before any call', async () => {
    const flow = await auth().signIn({ username: 'both', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const error = await rejection(flow.confirm('EMAIL'));
    expect(error.kind).toBe('validation');
    expect(flow.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
  });
});
