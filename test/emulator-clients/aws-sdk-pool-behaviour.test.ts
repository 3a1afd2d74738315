// The AWS SDK v3 checks pool behaviour Cognito documents beside the operations themselves:
// verification / invitation / MFA message templates in the messages sent, case-insensitive
// user names (UsernameConfiguration.CaseSensitive false), user-existence masking
// (PreventUserExistenceErrors ENABLED) for password recovery, confirmation codes, custom auth
// and choice-based sign-in, and the config file's schema / autoVerifiedAttributes keys.
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, customAuthTriggers, publicClient, recordingTriggers, start, uniqueName, type Emulator } from './support.js';

let emu: Emulator;
let admin: CognitoIdentityProviderClient;
let pub: CognitoIdentityProviderClient;
const recorded = recordingTriggers(customAuthTriggers(1));

beforeAll(async () => {
  emu = await start({
    pools: [
      {
        id: 'us-east-1_custom', clients: [{ id: 'custom-prevent', preventUserExistenceErrors: true }, { id: 'custom-legacy' }],
        triggers: recorded.triggers, users: [{ username: 'real', password: 'Passw0rd!' }],
      },
      {
        id: 'us-east-1_configured', usernameCaseSensitive: false, autoVerifiedAttributes: ['phone_number'],
        schema: [{ Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: 4 } }],
        verificationMessageTemplate: { SmsMessage: 'Config code {####}' },
        clients: [{ id: 'configured-app' }],
      },
    ],
  });
  admin = adminClient(emu.endpoint);
  pub = publicClient(emu.endpoint);
});
afterAll(() => emu?.close());

async function rejects(p: Promise<unknown>, name: string): Promise<string> {
  const e = await p.then(() => undefined, (err: Error) => err);
  expect(e?.name, e?.message).toBe(name);
  return e!.message;
}

async function poolWithClient(extra: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  const pool = (await admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('beh'), ...extra }))).UserPool!.Id!;
  const app = (await admin.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client }))).UserPoolClient!;
  return { pool, clientId: app.ClientId! };
}

describe('message templates', () => {
  it('sign-up, forgot-password, invitation and MFA messages use the pool templates', async () => {
    const { pool, clientId } = await poolWithClient({
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { EmailMessage: 'Welcome! Code: {####}', EmailSubject: 'Confirm your account', SmsMessage: 'SMS code {####}' },
      AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: 'Hi {username}, password {####}', EmailSubject: 'Invited', SMSMessage: 'Hi {username}: {####}' } },
    });
    const name = uniqueName('tpl');
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: name, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'tpl@example.com' }] }));
    const sent = emu.outbox.last({ username: name, purpose: 'SIGN_UP' })!;
    expect(sent.message).toBe(`Welcome! Code: ${sent.code}`);
    expect(sent.subject).toBe('Confirm your account');

    const invited = uniqueName('inv');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: invited, DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: 'inv@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    const invitation = emu.outbox.last({ username: invited, purpose: 'INVITATION' })!;
    expect(invitation.message).toBe(`Hi ${invited}, password ${invitation.code}`);
    expect(invitation.subject).toBe('Invited');

    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: invited, Password: 'Passw0rd!', Permanent: true }));
    await pub.send(new ForgotPasswordCommand({ ClientId: clientId, Username: invited }));
    const reset = emu.outbox.last({ username: invited, purpose: 'FORGOT_PASSWORD' })!;
    expect(reset.message).toBe(`Welcome! Code: ${reset.code}`);
  });

  it('without templates Cognito default texts are sent; a link option puts the code in a link', async () => {
    const { clientId } = await poolWithClient({ AutoVerifiedAttributes: ['email'], VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' } });
    const name = uniqueName('link');
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: name, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'link@example.com' }] }));
    const sent = emu.outbox.last({ username: name, purpose: 'SIGN_UP' })!;
    expect(sent.subject).toBe('Your verification link');
    expect(sent.message).toContain(`confirmation_code=${sent.code}`);
    expect(sent.message).toContain('>Verify Email</a>');
    const plain = await poolWithClient({ AutoVerifiedAttributes: ['email'] });
    const other = uniqueName('plain');
    await pub.send(new SignUpCommand({ ClientId: plain.clientId, Username: other, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'plain@example.com' }] }));
    const def = emu.outbox.last({ username: other, purpose: 'SIGN_UP' })!;
    expect(def.message).toBe(`Your verification code is ${def.code}. `);
    expect(def.subject).toBe('Your verification code');
  });

  it('templates without their placeholders are refused', async () => {
    await rejects(admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('bad'), SmsVerificationMessage: 'no code here' })), 'InvalidParameterException');
    await rejects(admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('bad'), VerificationMessageTemplate: { EmailMessage: 'nothing' } })), 'InvalidParameterException');
    await rejects(admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('bad'), AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: 'code {####} but no name' } } })), 'InvalidParameterException');
    const { pool } = await poolWithClient();
    await rejects(admin.send(new UpdateUserPoolCommand({ UserPoolId: pool, SmsAuthenticationMessage: 'nope' })), 'InvalidParameterException');
  });
});

describe('UsernameConfiguration.CaseSensitive false', () => {
  it('user names and email aliases match in any case', async () => {
    const { pool, clientId } = await poolWithClient({ UsernameConfiguration: { CaseSensitive: false }, AliasAttributes: ['email'] });
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'MixedCase', Password: 'Passw0rd!' }));
    await rejects(pub.send(new SignUpCommand({ ClientId: clientId, Username: 'mixedcase', Password: 'Passw0rd!' })), 'UsernameExistsException');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'Carla', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'Carla@Example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'CARLA', Password: 'Passw0rd!', Permanent: true }));
    for (const who of ['carla', 'CARLA', 'carla@example.com']) {
      const out = await pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: who, PASSWORD: 'Passw0rd!' } }));
      expect(out.AuthenticationResult?.AccessToken, who).toBeTruthy();
    }
    await rejects(admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'other', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'CARLA@example.COM' }, { Name: 'email_verified', Value: 'true' }] })), 'AliasExistsException');
  });

  it('the default (CaseSensitive true) keeps names apart', async () => {
    const { clientId } = await poolWithClient();
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'Dora', Password: 'Passw0rd!' }));
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'dora', Password: 'Passw0rd!' }));
  });
});

describe('PreventUserExistenceErrors beyond password sign-in', () => {
  it('ForgotPassword, ResendConfirmationCode and ConfirmForgotPassword do not tell unknown users apart', async () => {
    const { clientId } = await poolWithClient({ AutoVerifiedAttributes: ['email'] }, { PreventUserExistenceErrors: 'ENABLED' });
    const forgot = await pub.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' }));
    expect(forgot.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(forgot.CodeDeliveryDetails!.Destination).toMatch(/^.\*\*\*@.\*\*\*$/);
    const again = await pub.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' }));
    expect(again.CodeDeliveryDetails).toEqual(forgot.CodeDeliveryDetails);
    const byEmail = await pub.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ghost@example.com' }));
    expect(byEmail.CodeDeliveryDetails!.Destination).toBe('g***@e***');
    const resend = await pub.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'nobody' }));
    expect(resend.CodeDeliveryDetails!.DeliveryMedium).toBe('EMAIL');
    await rejects(pub.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456', Password: 'Passw0rd!' })), 'CodeMismatchException');
    expect(emu.outbox.messages({ username: 'nobody' })).toEqual([]);
  });

  it('a LEGACY client still answers UserNotFoundException', async () => {
    const { clientId } = await poolWithClient({ AutoVerifiedAttributes: ['email'] });
    await rejects(pub.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' })), 'UserNotFoundException');
    await rejects(pub.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'nobody' })), 'UserNotFoundException');
    await rejects(pub.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456', Password: 'Passw0rd!' })), 'UserNotFoundException');
  });

  it('CUSTOM_AUTH runs the triggers with userNotFound and then fails as a wrong answer does', async () => {
    recorded.events.length = 0;
    const start = await pub.send(new InitiateAuthCommand({ ClientId: 'custom-prevent', AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost' } }));
    expect(start.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(start.ChallengeParameters).toMatchObject({ round: '1' });
    expect(recorded.events.map((e) => [e.trigger, e.request.userNotFound])).toEqual([['defineAuthChallenge', true], ['createAuthChallenge', true]]);
    expect(recorded.events[0]!.request.userAttributes).toEqual({});
    await rejects(pub.send(new RespondToAuthChallengeCommand({ ClientId: 'custom-prevent', ChallengeName: 'CUSTOM_CHALLENGE', Session: start.Session, ChallengeResponses: { USERNAME: 'ghost', ANSWER: 'answer-1' } })), 'NotAuthorizedException');
    // A real user with the same triggers gets tokens; the legacy client reveals the unknown one.
    const real = await pub.send(new InitiateAuthCommand({ ClientId: 'custom-prevent', AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'real' } }));
    expect(recorded.events.at(-1)!.request.userNotFound).toBe(false);
    const tokens = await pub.send(new RespondToAuthChallengeCommand({ ClientId: 'custom-prevent', ChallengeName: 'CUSTOM_CHALLENGE', Session: real.Session, ChallengeResponses: { USERNAME: 'real', ANSWER: 'answer-1' } }));
    expect(tokens.AuthenticationResult?.IdToken).toBeTruthy();
    await rejects(pub.send(new InitiateAuthCommand({ ClientId: 'custom-legacy', AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost' } })), 'UserNotFoundException');
    // With SRP_A first, define asks for PASSWORD_VERIFIER: the unknown user gets one, then fails at the claim.
    const srp = await pub.send(new InitiateAuthCommand({ ClientId: 'custom-prevent', AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ghost', SRP_A: 'abcdef0123456789', CHALLENGE_NAME: 'SRP_A' } }));
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(srp.ChallengeParameters!).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    await rejects(pub.send(new RespondToAuthChallengeCommand({ ClientId: 'custom-prevent', ChallengeName: 'PASSWORD_VERIFIER', Session: srp.Session, ChallengeResponses: { USERNAME: 'ghost', PASSWORD_CLAIM_SIGNATURE: 'c2ln', PASSWORD_CLAIM_SECRET_BLOCK: srp.ChallengeParameters!.SECRET_BLOCK!, TIMESTAMP: 'Tue Aug 6 09:05:03 UTC 2024' } })), 'NotAuthorizedException');
  });

  it('USER_AUTH offers an unknown user the pool challenges; codes never match', async () => {
    const { pool, clientId } = await poolWithClient({ Policies: { PasswordPolicy: { MinimumLength: 8 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } }, { PreventUserExistenceErrors: 'ENABLED' });
    expect(pool).toBeTruthy();
    const select = await pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ghost@example.com' } }));
    expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const otp = await pub.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'ghost@example.com', ANSWER: 'EMAIL_OTP' } }));
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'g***@e***' });
    const wrong = () => pub.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: otp.Session, ChallengeResponses: { USERNAME: 'ghost@example.com', EMAIL_OTP_CODE: '12345678' } }));
    await rejects(wrong(), 'CodeMismatchException');
    await rejects(wrong(), 'CodeMismatchException'); // the Session stays answerable, as for a real user
    await rejects(pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!' } })), 'NotAuthorizedException');
    const select2 = await pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ghost' } }));
    await rejects(pub.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: select2.Session, ChallengeResponses: { USERNAME: 'ghost', ANSWER: 'PASSWORD', PASSWORD: 'Passw0rd!' } })), 'NotAuthorizedException');
    const srp = await pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'abcdef0123456789' } }));
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(emu.outbox.messages({ username: 'ghost@example.com' })).toEqual([]);
  });
});

describe('config-file pools: schema, autoVerifiedAttributes, usernameCaseSensitive, verificationMessageTemplate', () => {
  it('are honoured', async () => {
    const out = await pub.send(new SignUpCommand({ ClientId: 'configured-app', Username: 'Eve', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'eve@example.com' }, { Name: 'phone_number', Value: '+14155550199' }, { Name: 'custom:tier', Value: 'gold' }] }));
    expect(out.CodeDeliveryDetails!.DeliveryMedium).toBe('SMS');
    const sent = emu.outbox.last({ username: 'Eve', purpose: 'SIGN_UP' })!;
    expect(sent.message).toBe(`Config code ${sent.code}`);
    await rejects(pub.send(new SignUpCommand({ ClientId: 'configured-app', Username: 'EVE', Password: 'Passw0rd!' })), 'UsernameExistsException');
    await rejects(pub.send(new SignUpCommand({ ClientId: 'configured-app', Username: 'frank', Password: 'Passw0rd!', UserAttributes: [{ Name: 'custom:tier', Value: 'platinum' }] })), 'InvalidParameterException');
    await rejects(pub.send(new SignUpCommand({ ClientId: 'configured-app', Username: 'frank', Password: 'Passw0rd!', UserAttributes: [{ Name: 'custom:unknown', Value: 'x' }] })), 'InvalidParameterException');
  });

  it('a bad schema or template stops the start with its path', async () => {
    await expect(start({ pools: [{ id: 'us-east-1_bad', schema: [{ Name: 'x', Required: true }] }] })).rejects.toThrow(/pool us-east-1_bad: Required custom attributes/);
    await expect(start({ pools: [{ id: 'us-east-1_bad', verificationMessageTemplate: { SmsMessage: 'no code' } }] })).rejects.toThrow(/pools\[0\]\.verificationMessageTemplate\.SmsMessage/);
  });
});

describe('ListUsers filters', () => {
  it('take = and ^= (the only two Cognito has); cognito:user_status matches in any case', async () => {
    const { ListUsersCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { pool, clientId } = await poolWithClient();
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'pending-one', Password: 'Passw0rd!' }));
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'admin-made', MessageAction: 'SUPPRESS' }));
    const names = async (Filter: string) => ((await admin.send(new ListUsersCommand({ UserPoolId: pool, Filter }))).Users ?? []).map((u) => u.Username).sort();
    expect(await names('cognito:user_status = "unconfirmed"')).toEqual(['pending-one']);
    expect(await names('cognito:user_status = "FORCE_CHANGE_PASSWORD"')).toEqual(['admin-made']);
    expect(await names('username ^= "pend"')).toEqual(['pending-one']);
    expect(await names('username = "Pending-one"')).toEqual([]);
    await rejects(admin.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'username != "x"' })), 'InvalidParameterException');
  });
});

describe('SetUserPoolMfaConfig edge cases', () => {
  it('refuses message templates without {####} and malformed SNS roles; the SMS template is used', async () => {
    const { pool, clientId } = await poolWithClient();
    const { SetUserPoolMfaConfigCommand, GetUserPoolMfaConfigCommand, AdminSetUserMFAPreferenceCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const role = 'arn:aws:iam::123456789012:role/sms';
    await rejects(admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'no code here', SmsConfiguration: { SnsCallerArn: role } } })), 'InvalidParameterException');
    await rejects(admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'not-a-role' } } })), 'InvalidParameterException');
    await rejects(admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Message: 'plain text' } })), 'InvalidParameterException');
    // A refused call changes nothing.
    expect((await admin.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool }))).MfaConfiguration).toBe('OFF');
    await admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Sign-in code {####}', SmsConfiguration: { SnsCallerArn: role } } }));
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'mfa-sms', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'phone_number', Value: '+14155550142' }, { Name: 'phone_number_verified', Value: 'true' }] }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'mfa-sms', Password: 'Passw0rd!', Permanent: true }));
    await admin.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool, Username: 'mfa-sms', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const out = await pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'mfa-sms', PASSWORD: 'Passw0rd!' } }));
    expect(out.ChallengeName).toBe('SMS_MFA');
    const sms = emu.outbox.last({ username: 'mfa-sms', purpose: 'MFA' })!;
    expect(sms.message).toBe(`Sign-in code ${sms.code}`);
  });
});

describe('the custom message trigger for every code message', () => {
  it('runs for MFA, attribute verification, attribute updates and AdminResetUserPassword with their trigger sources', async () => {
    const { AdminResetUserPasswordCommand, GetUserAttributeVerificationCodeCommand, UpdateUserAttributesCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const sources: string[] = [];
    const own = await start({
      pools: [{
        id: 'us-east-1_custommsg', mfa: 'OPTIONAL', clients: [{ id: 'cm' }],
        users: [{ username: 'mia', password: 'Passw0rd!', attributes: { email: 'mia@example.com', phone_number: '+14155550177' }, mfa: { sms: true } }, { username: 'noah', password: 'Passw0rd!', attributes: { email: 'noah@example.com' } }],
        triggers: {
          customMessage: (event: { triggerSource: string; request: { codeParameter: string }; response: Record<string, string> }) => {
            sources.push(event.triggerSource);
            event.response.smsMessage = `[${event.triggerSource}] ${event.request.codeParameter}`;
            event.response.emailMessage = `[${event.triggerSource}] ${event.request.codeParameter}`;
            event.response.emailSubject = event.triggerSource;
            return event;
          },
        },
      }],
    });
    try {
      const c = publicClient(own.endpoint);
      const a = adminClient(own.endpoint);
      const mfa = await c.send(new InitiateAuthCommand({ ClientId: 'cm', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'mia', PASSWORD: 'Passw0rd!' } }));
      expect(mfa.ChallengeName).toBe('SMS_MFA');
      const sms = own.outbox.last({ username: 'mia', purpose: 'MFA' })!;
      expect(sms.message).toBe(`[CustomMessage_Authentication] ${sms.code}`);
      const tokens = (await c.send(new InitiateAuthCommand({ ClientId: 'cm', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'noah', PASSWORD: 'Passw0rd!' } }))).AuthenticationResult!;
      await c.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: 'email' }));
      expect(own.outbox.last({ username: 'noah', purpose: 'VERIFY_ATTRIBUTE' })!.subject).toBe('CustomMessage_VerifyUserAttribute');
      await c.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'email', Value: 'noah2@example.com' }] }));
      expect(own.outbox.last({ username: 'noah', purpose: 'VERIFY_ATTRIBUTE' })!.subject).toBe('CustomMessage_UpdateUserAttribute');
      await a.send(new AdminResetUserPasswordCommand({ UserPoolId: 'us-east-1_custommsg', Username: 'mia' }));
      expect(own.outbox.last({ username: 'mia', purpose: 'FORGOT_PASSWORD' })!.subject).toBe('CustomMessage_ForgotPassword');
      expect(sources).toEqual(['CustomMessage_Authentication', 'CustomMessage_VerifyUserAttribute', 'CustomMessage_UpdateUserAttribute', 'CustomMessage_ForgotPassword']);
    } finally {
      await own.close();
    }
  });
});

describe('AttributesRequireVerificationBeforeUpdate', () => {
  it('keeps the verified email in use until the new one is verified', async () => {
    const { GetUserCommand, UpdateUserAttributesCommand, VerifyUserAttributeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { pool, clientId } = await poolWithClient({ AutoVerifiedAttributes: ['email'], UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] }, AliasAttributes: ['email'] });
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'olga', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'old@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'olga', Password: 'Passw0rd!', Permanent: true }));
    const signIn = (who: string) => pub.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: who, PASSWORD: 'Passw0rd!' } }));
    const token = (await signIn('olga')).AuthenticationResult!.AccessToken!;
    const out = await pub.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] }));
    expect(out.CodeDeliveryDetailsList![0]!.Destination).toBe('n***@e***');
    const attrs = async () => Object.fromEntries(((await pub.send(new GetUserCommand({ AccessToken: token }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(await attrs()).toMatchObject({ email: 'old@example.com', email_verified: 'true' });
    expect((await signIn('old@example.com')).AuthenticationResult).toBeTruthy();
    const sent = emu.outbox.last({ username: 'olga', purpose: 'VERIFY_ATTRIBUTE' })!;
    expect(sent.destination).toBe('new@example.com');
    await pub.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: sent.code }));
    expect(await attrs()).toMatchObject({ email: 'new@example.com', email_verified: 'true' });
    expect((await signIn('new@example.com')).AuthenticationResult).toBeTruthy();
    await rejects(signIn('old@example.com'), 'UserNotFoundException');
  });
});

describe('attribute updates as Cognito documents them', () => {
  it('a blank value deletes; admin changes of an auto-verified email send a code unless marked verified', async () => {
    const { AdminGetUserCommand, AdminUpdateUserAttributesCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { pool } = await poolWithClient({ AutoVerifiedAttributes: ['email'] });
    await admin.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'pat', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Pat' }, { Name: 'phone_number', Value: '+14155550111' }] }));
    const attrs = async () => Object.fromEntries(((await admin.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'pat' }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: 'pat', UserAttributes: [{ Name: 'name', Value: '' }] }));
    expect((await attrs()).name).toBeUndefined();
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: 'pat', UserAttributes: [{ Name: 'email', Value: 'pat2@example.com' }] }));
    expect(await attrs()).toMatchObject({ email: 'pat2@example.com', email_verified: 'false' });
    expect(emu.outbox.last({ username: 'pat', purpose: 'VERIFY_ATTRIBUTE' })!.destination).toBe('pat2@example.com');
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: 'pat', UserAttributes: [{ Name: 'email', Value: 'pat3@example.com' }, { Name: 'email_verified', Value: 'true' }] }));
    expect(await attrs()).toMatchObject({ email: 'pat3@example.com', email_verified: 'true' });
    expect(emu.outbox.messages({ username: 'pat', purpose: 'VERIFY_ATTRIBUTE' })).toHaveLength(1);
    // The phone number is not auto-verified here: unverified, no code.
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: 'pat', UserAttributes: [{ Name: 'phone_number', Value: '+14155550112' }] }));
    expect(emu.outbox.messages({ username: 'pat', purpose: 'VERIFY_ATTRIBUTE' })).toHaveLength(1);
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: 'pat', UserAttributes: [{ Name: 'phone_number', Value: '' }] }));
    const after = await attrs();
    expect(after.phone_number).toBeUndefined();
    expect(after.phone_number_verified).toBeUndefined();
  });
});
