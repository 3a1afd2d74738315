import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  GetUserPoolMfaConfigCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';
import { secretHash, SrpClientSession } from './test-support/srp-client.js';

const POOL = 'us-east-1_flows';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
          clients: [{ id: 'f' }],
          users: [
            { username: 'newbie', password: 'Temp1234!', status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'newbie@example.com' }, requiredAttributes: ['name', 'email'] },
            { username: 'pending', password: 'Passw0rd!', status: 'UNCONFIRMED', attributes: { email: 'pending@example.com' } },
            { username: 'reset', password: 'Passw0rd!', status: 'RESET_REQUIRED', attributes: { email: 'reset@example.com' } },
            { username: 'off', password: 'Passw0rd!', enabled: false },
            { username: 'pwless', password: 'Passw0rd!', attributes: { email: 'pwless@example.com', phone_number: '+15550009999' } },
            { username: 'future', password: 'Passw0rd!', unknownChallenge: { challengeName: 'WEB_AUTHN_NEXT', challengeParameters: { HINT: 'say yes' }, answer: 'yes' } },
          ],
        },
      ],
    },
  }));
});
afterAll(() => emu.close());

const pw = (username: string, password: string, clientId = 'f') => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
const respond = (name: string, session: string | undefined, responses: Record<string, string>, clientId = 'f') =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: name as ChallengeNameType, Session: session, ChallengeResponses: responses }));

describe('user states', () => {
  it('FORCE_CHANGE_PASSWORD → NEW_PASSWORD_REQUIRED with requiredAttributes', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'f', username: 'newbie', password: 'Temp1234!' });
    expect(second.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(second.ChallengeParameters!.requiredAttributes!)).toEqual(['userAttributes.name']);
    expect(JSON.parse(second.ChallengeParameters!.userAttributes!)).toEqual({ email: 'newbie@example.com' });
    const missing = await failure(respond('NEW_PASSWORD_REQUIRED', second.Session, { USERNAME: 'newbie', NEW_PASSWORD: 'Brand-new-1' }));
    expect(missing.name).toBe('InvalidParameterException');
    const weak = await failure(respond('NEW_PASSWORD_REQUIRED', second.Session, { USERNAME: 'newbie', NEW_PASSWORD: 'short', 'userAttributes.name': 'New Bie' }));
    expect(weak.name).toBe('InvalidPasswordException');
    const done = await respond('NEW_PASSWORD_REQUIRED', second.Session, { USERNAME: 'newbie', NEW_PASSWORD: 'Brand-new-1', 'userAttributes.name': 'New Bie' });
    expect(decodeJwt(done.AuthenticationResult!.IdToken!).name).toBe('New Bie');
    expect((await pw('newbie', 'Brand-new-1')).AuthenticationResult).toBeTruthy();
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'newbie' }))).UserStatus).toBe('CONFIRMED');
  });

  it('UNCONFIRMED → UserNotConfirmedException after the password; RESET_REQUIRED → PasswordResetRequiredException; disabled → NotAuthorized', async () => {
    expect(await failure(pw('pending', 'Passw0rd!'))).toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    expect((await failure(pw('pending', 'wrong-one'))).name).toBe('NotAuthorizedException');
    expect((await failure(srpSignIn(cognito, { userPoolId: POOL, clientId: 'f', username: 'reset', password: 'Passw0rd!' }))).name).toBe('PasswordResetRequiredException');
    expect(await failure(pw('off', 'Passw0rd!'))).toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
  });

  it('a configured unknown challenge comes after the first factor; its answer continues the sign-in', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'f', username: 'future', password: 'Passw0rd!' });
    expect(second).toMatchObject({ ChallengeName: 'WEB_AUTHN_NEXT', ChallengeParameters: { HINT: 'say yes' } });
    expect((await failure(respond('WEB_AUTHN_NEXT', second.Session, { USERNAME: 'future', ANSWER: 'no' }))).name).toBe('CodeMismatchException');
    const done = await respond('WEB_AUTHN_NEXT', second.Session, { USERNAME: 'future', ANSWER: 'yes' });
    expect(done.AuthenticationResult).toBeTruthy();
  });
});

describe('USER_AUTH (choice-based)', () => {
  const start = (params: Record<string, string>) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'f', AuthParameters: { USERNAME: 'pwless', ...params } }));

  it('without a preference → SELECT_CHALLENGE with AvailableChallenges; ANSWER=PASSWORD_SRP → PASSWORD_VERIFIER', async () => {
    const first = await start({});
    expect(first.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(first.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
    const srp = new SrpClientSession(POOL);
    const verifier = await respond('SELECT_CHALLENGE', first.Session, { USERNAME: 'pwless', ANSWER: 'PASSWORD_SRP', SRP_A: srp.srpA });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await respond('PASSWORD_VERIFIER', verifier.Session, srp.claim(verifier.ChallengeParameters!, 'Passw0rd!'));
    expect(done.AuthenticationResult).toBeTruthy();
  });

  it('SELECT_CHALLENGE answered with PASSWORD', async () => {
    const first = await start({});
    expect((await failure(respond('SELECT_CHALLENGE', first.Session, { USERNAME: 'pwless', ANSWER: 'PASSWORD', PASSWORD: 'nope' }))).name).toBe('NotAuthorizedException');
    const first2 = await start({});
    expect((await respond('SELECT_CHALLENGE', first2.Session, { USERNAME: 'pwless', ANSWER: 'PASSWORD', PASSWORD: 'Passw0rd!' })).AuthenticationResult).toBeTruthy();
  });

  it('SELECT_CHALLENGE answered by naming PASSWORD or PASSWORD_SRP as the ChallengeName', async () => {
    const first = await start({});
    const srp = new SrpClientSession(POOL);
    const verifier = await respond('PASSWORD_SRP', first.Session, { USERNAME: 'pwless', SRP_A: srp.srpA });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect((await respond('PASSWORD_VERIFIER', verifier.Session, srp.claim(verifier.ChallengeParameters!, 'Passw0rd!'))).AuthenticationResult).toBeTruthy();
    const again = await start({});
    expect((await respond('PASSWORD', again.Session, { USERNAME: 'pwless', PASSWORD: 'Passw0rd!' })).AuthenticationResult).toBeTruthy();
    const unavailable = await start({});
    expect((await failure(respond('SELECT_CHALLENGE', unavailable.Session, { USERNAME: 'pwless', ANSWER: 'WEB_AUTHN' }))).name).toBe('InvalidParameterException');
  });

  it('PREFERRED_CHALLENGE=EMAIL_OTP sends an 8-digit code; SMS_OTP too; PASSWORD signs in directly', async () => {
    const email = await start({ PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    const msg = emu.outbox.last({ username: 'pwless', purpose: 'OTP' })!;
    expect(msg.code).toMatch(/^\d{8}$/);
    expect((await failure(respond('EMAIL_OTP', email.Session, { USERNAME: 'pwless', EMAIL_OTP_CODE: '00000000' === msg.code ? '11111111' : '00000000' }))).name).toBe('CodeMismatchException');
    expect((await respond('EMAIL_OTP', email.Session, { USERNAME: 'pwless', EMAIL_OTP_CODE: msg.code })).AuthenticationResult).toBeTruthy();
    const sms = await start({ PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(sms).toMatchObject({ ChallengeName: 'SMS_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' } });
    const smsMsg = emu.outbox.last({ username: 'pwless', medium: 'SMS' })!;
    expect((await respond('SMS_OTP', sms.Session, { USERNAME: 'pwless', SMS_OTP_CODE: smsMsg.code })).AuthenticationResult).toBeTruthy();
    expect((await start({ PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!' })).AuthenticationResult).toBeTruthy();
  });
});

describe('REFRESH_TOKEN_AUTH', () => {
  it('issues new id/access tokens, keeps auth_time, refuses unknown tokens', async () => {
    const first = await pw('pwless', 'Passw0rd!');
    emu.clock.advance(10_000);
    const refreshed = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'f', AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult!.RefreshToken! } }));
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    const a = decodeJwt(first.AuthenticationResult!.AccessToken!);
    const b = decodeJwt(refreshed.AuthenticationResult!.AccessToken!);
    expect(b.auth_time).toBe(a.auth_time);
    expect(b.iat!).toBeGreaterThan(a.iat!);
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'f', AuthParameters: { REFRESH_TOKEN: 'nope' } })))).name).toBe('NotAuthorizedException');
  });
});

describe('sign-up and password reset', () => {
  it('SignUp → outbox code → ConfirmSignUp → sign in; ResendConfirmationCode replaces the code', async () => {
    const up = await cognito.send(new SignUpCommand({ ClientId: 'f', Username: 'erin', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }] }));
    expect(up).toMatchObject({ UserConfirmed: false, CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'e***@e***', AttributeName: 'email' } });
    expect((await failure(cognito.send(new SignUpCommand({ ClientId: 'f', Username: 'erin', Password: 'Passw0rd!' })))).name).toBe('UsernameExistsException');
    expect((await failure(cognito.send(new SignUpCommand({ ClientId: 'f', Username: 'weak', Password: 'abc' })))).name).toBe('InvalidPasswordException');
    const old = emu.outbox.last({ username: 'erin', purpose: 'SIGN_UP' })!.code;
    await cognito.send(new ResendConfirmationCodeCommand({ ClientId: 'f', Username: 'erin' }));
    const code = emu.outbox.last({ username: 'erin', purpose: 'SIGN_UP' })!.code;
    if (old !== code) expect((await failure(cognito.send(new ConfirmSignUpCommand({ ClientId: 'f', Username: 'erin', ConfirmationCode: old })))).name).toBe('CodeMismatchException');
    expect(await failure(pw('erin', 'Passw0rd!'))).toMatchObject({ name: 'UserNotConfirmedException' });
    await cognito.send(new ConfirmSignUpCommand({ ClientId: 'f', Username: 'erin', ConfirmationCode: code }));
    expect((await pw('erin', 'Passw0rd!')).AuthenticationResult).toBeTruthy();
  });

  it('ConfirmSignUp returns a Session that signs in with USER_AUTH directly (autoSignIn), once', async () => {
    const up = await cognito.send(new SignUpCommand({ ClientId: 'f', Username: 'auto', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'auto@example.com' }] }));
    expect(up.Session).toBeTruthy();
    // The SignUp Session is not a sign-in.
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'f', Session: up.Session, AuthParameters: { USERNAME: 'auto' } })))).name).toBe('NotAuthorizedException');
    const code = emu.outbox.last({ username: 'auto', purpose: 'SIGN_UP' })!.code;
    const confirmed = await cognito.send(new ConfirmSignUpCommand({ ClientId: 'f', Username: 'auto', ConfirmationCode: code, Session: up.Session }));
    expect(confirmed.Session).toBeTruthy();
    const other = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'f', Session: confirmed.Session, AuthParameters: { USERNAME: 'pwless' } })));
    expect(other.name).toBe('NotAuthorizedException');
    const signedIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'f', Session: confirmed.Session, AuthParameters: { USERNAME: 'auto' } }));
    expect(decodeJwt(signedIn.AuthenticationResult!.IdToken!)['cognito:username']).toBe('auto');
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'f', Session: confirmed.Session, AuthParameters: { USERNAME: 'auto' } })))).message).toBe('Invalid session for the user, session can only be used once.');
  });

  it('ForgotPassword → code → ConfirmForgotPassword; RESET_REQUIRED users sign in afterwards', async () => {
    const fp = await cognito.send(new ForgotPasswordCommand({ ClientId: 'f', Username: 'reset' }));
    expect(fp.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = emu.outbox.last({ username: 'reset', purpose: 'FORGOT_PASSWORD' })!.code;
    expect((await failure(cognito.send(new ConfirmForgotPasswordCommand({ ClientId: 'f', Username: 'reset', ConfirmationCode: code === '000000' ? '111111' : '000000', Password: 'Another-1' })))).name).toBe('CodeMismatchException');
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: 'f', Username: 'reset', ConfirmationCode: code, Password: 'Another-1' }));
    expect((await pw('reset', 'Another-1')).AuthenticationResult).toBeTruthy();
    expect((await failure(cognito.send(new ForgotPasswordCommand({ ClientId: 'f', Username: 'ghost' })))).name).toBe('UserNotFoundException');
  });
});

describe('admin calls', () => {
  it('CreateUserPool, SetUserPoolMfaConfig, CreateUserPoolClient with GenerateSecret, AdminCreateUser, AdminSetUserPassword, AdminDeleteUser', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'made', Policies: { PasswordPolicy: { MinimumLength: 10 } } }));
    const poolId = UserPool!.Id!;
    expect(poolId).toMatch(/^us-east-1_[A-Za-z0-9]+$/);
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 5 }));
    const clientId = UserPoolClient!.ClientId!;
    const clientSecret = UserPoolClient!.ClientSecret!;
    expect(clientSecret.length).toBeGreaterThan(20);
    expect(UserPoolClient!.AuthSessionValidity).toBe(5);
    const bad = await failure(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x', AuthSessionValidity: 60 })));
    expect(bad.name).toBe('InvalidParameterException');

    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gina', TemporaryPassword: 'Temporary-1', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'gina@example.com' }] }));
    expect(emu.outbox.messages({ userPoolId: poolId })).toHaveLength(0);
    const hash = secretHash(clientSecret, 'gina', clientId);
    const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'gina', PASSWORD: 'Temporary-1', SECRET_HASH: hash } }));
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await respond('NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: 'gina', NEW_PASSWORD: 'Permanent-12', SECRET_HASH: hash }, clientId);
    expect(done.AuthenticationResult).toBeTruthy();

    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hank', UserAttributes: [{ Name: 'email', Value: 'hank@example.com' }], DesiredDeliveryMediums: ['EMAIL'] }));
    const invite = emu.outbox.last({ userPoolId: poolId, username: 'hank' })!;
    expect(invite.purpose).toBe('INVITATION');
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'hank', Password: 'Permanent-34', Permanent: true }));
    const hankHash = secretHash(clientSecret, 'hank', clientId);
    expect((await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'hank', PASSWORD: 'Permanent-34', SECRET_HASH: hankHash } }))).AuthenticationResult).toBeTruthy();
    expect((await failure(cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'hank', Password: 'short' })))).name).toBe('InvalidPasswordException');
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'hank' })))).name).toBe('UserNotFoundException');
    expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_missing', Username: 'x' })))).name).toBe('ResourceNotFoundException');
  });

  it('AdminResetUserPassword → RESET_REQUIRED and a reset code to the verified email, which ConfirmForgotPassword takes', async () => {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'rita', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'rita@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL, Username: 'rita', Password: 'Passw0rd!', Permanent: true }));
    await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: POOL, Username: 'rita' }));
    expect((await failure(pw('rita', 'Passw0rd!'))).name).toBe('PasswordResetRequiredException');
    const msg = emu.outbox.last({ username: 'rita', purpose: 'FORGOT_PASSWORD' })!;
    expect(msg).toMatchObject({ medium: 'EMAIL', destination: 'rita@example.com' });
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: 'f', Username: 'rita', ConfirmationCode: msg.code, Password: 'Renewed-pass-1' }));
    expect((await pw('rita', 'Renewed-pass-1')).AuthenticationResult).toBeTruthy();
  });

  it('GetUserPoolMfaConfig echoes the SMS and email settings given', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'mfa-echo' }));
    const sms = { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'x' } };
    const email = { Subject: 'Your code', Message: 'Your code is {####}' };
    const set = await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: sms, EmailMfaConfiguration: email, SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const got = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id }));
    for (const out of [set, got]) expect(out).toMatchObject({ MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: sms, EmailMfaConfiguration: email, SoftwareTokenMfaConfiguration: { Enabled: true } });
  });

  it('ListUsers filters (= and ^=), pages and restricts attributes', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'list' }));
    const poolId = UserPool!.Id!;
    for (const n of ['lst-a', 'lst-b', 'lst-c', 'other']) {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: n, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${n}@example.com` }, { Name: 'name', Value: n.toUpperCase() }] }));
    }
    const byEmail = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "lst-b@example.com"' }));
    expect(byEmail.Users?.map((u) => u.Username)).toEqual(['lst-b']);
    const byPrefix = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "lst-"', Limit: 2, AttributesToGet: ['email'] }));
    expect(byPrefix.Users?.map((u) => u.Username)).toEqual(['lst-a', 'lst-b']);
    expect(byPrefix.Users?.[0]?.Attributes).toEqual([{ Name: 'email', Value: 'lst-a@example.com' }]);
    const rest = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "lst-"', Limit: 2, PaginationToken: byPrefix.PaginationToken }));
    expect(rest.Users?.map((u) => u.Username)).toEqual(['lst-c']);
    expect(rest.PaginationToken).toBeUndefined();
    expect((await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'cognito:user_status = "FORCE_CHANGE_PASSWORD"' }))).Users).toHaveLength(4);
    expect((await failure(cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email == lst' })))).name).toBe('InvalidParameterException');
  });
});
