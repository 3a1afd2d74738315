import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';

const OPT = 'us-east-1_mfaOpt';
const ON = 'us-east-1_mfaOn';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: OPT,
          mfa: 'OPTIONAL',
          clients: [{ id: 'opt' }],
          users: [
            { username: 'multi', password: 'Passw0rd!', attributes: { email: 'multi@example.com', phone_number: '+15550002222' }, mfa: { sms: true, email: true, totp: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } } },
            { username: 'pref', password: 'Passw0rd!', attributes: { email: 'pref@example.com', phone_number: '+15550003333' }, mfa: { sms: true, email: true, preferred: 'EMAIL' } },
            { username: 'none', password: 'Passw0rd!', attributes: { email: 'none@example.com' } },
          ],
        },
        {
          id: ON,
          mfa: 'ON',
          enabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
          clients: [{ id: 'on' }],
          users: [
            { username: 'fresh', password: 'Passw0rd!' },
            { username: 'fresh2', password: 'Passw0rd!' },
          ],
        },
        { id: 'us-east-1_mfaSms', mfa: 'ON', enabledMfas: ['SMS_MFA'], clients: [{ id: 'smsOn' }], users: [{ username: 'phone', password: 'Passw0rd!', attributes: { phone_number: '+15550004444' } }] },
      ],
    },
  }));
});
afterAll(() => emu.close());

const respond = (clientId: string, name: string, session: string | undefined, responses: Record<string, string>) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: name as ChallengeNameType, Session: session, ChallengeResponses: responses }));

describe('MFA selection', () => {
  it('several enabled factors without a preference → SELECT_MFA_TYPE, then the chosen factor', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'multi', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(second.ChallengeParameters!.MFAS_CAN_CHOOSE!)).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    const bad = await failure(respond('opt', 'SELECT_MFA_TYPE', second.Session, { USERNAME: 'multi', ANSWER: 'WEB_AUTHN' }));
    expect(bad.name).toBe('InvalidParameterException');
    const chosen = await respond('opt', 'SELECT_MFA_TYPE', second.Session, { USERNAME: 'multi', ANSWER: 'EMAIL_OTP' });
    expect(chosen.ChallengeName).toBe('EMAIL_OTP');
    expect(chosen.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'm***@e***' });
    const msg = emu.outbox.last({ username: 'multi', medium: 'EMAIL' })!;
    expect(msg).toMatchObject({ purpose: 'MFA', destination: 'multi@example.com' });
    expect(msg.code).toMatch(/^\d{6}$/);
    const done = await respond('opt', 'EMAIL_OTP', chosen.Session, { USERNAME: 'multi', EMAIL_OTP_CODE: msg.code });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('a preferred factor is used directly', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'pref', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('EMAIL_OTP');
  });

  it('OPTIONAL without any factor signs in directly', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'none', password: 'Passw0rd!' });
    expect(second.AuthenticationResult).toBeTruthy();
  });

  it('MFA ON with SMS and a phone number sends SMS MFA by itself', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: 'us-east-1_mfaSms', clientId: 'smsOn', username: 'phone', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('SMS_MFA');
  });
});

describe('MFA_SETUP in sign-in', () => {
  it('TOTP: AssociateSoftwareToken(Session) → VerifySoftwareToken → respond MFA_SETUP → tokens; next sign-in asks TOTP', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: ON, clientId: 'on', username: 'fresh', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(second.ChallengeParameters!.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    const assoc = await cognito.send(new AssociateSoftwareTokenCommand({ Session: second.Session }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(assoc.Session).toBeTruthy();
    const totp = new TOTP({ secret: Secret.fromBase32(assoc.SecretCode!), digits: 6, period: 30, algorithm: 'SHA1' });
    const wrong = await failure(cognito.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: totp.generate({ timestamp: Date.now() - 3_600_000 }) })));
    expect(wrong).toMatchObject({ name: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' });
    expect(emu.totpCode(ON, 'fresh')).toBe(totp.generate({ timestamp: emu.clock.now() }));
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: totp.generate(), FriendlyDeviceName: 'phone' }));
    expect(verified.Status).toBe('SUCCESS');
    const done = await respond('on', 'MFA_SETUP', verified.Session, { USERNAME: 'fresh' });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    const again = await srpSignIn(cognito, { userPoolId: ON, clientId: 'on', username: 'fresh', password: 'Passw0rd!' });
    expect(again.second.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(again.second.ChallengeParameters?.FRIENDLY_DEVICE_NAME).toBe('phone');
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: ON, Username: 'fresh' }));
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('email: respond MFA_SETUP with EMAIL → EMAIL_OTP to that address → tokens', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: ON, clientId: 'on', username: 'fresh2', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('MFA_SETUP');
    const incomplete = await failure(respond('on', 'MFA_SETUP', second.Session, { USERNAME: 'fresh2' }));
    expect(incomplete.name).toBe('InvalidParameterException');
    const otp = await respond('on', 'MFA_SETUP', second.Session, { USERNAME: 'fresh2', EMAIL: 'fresh2@example.com' });
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    const msg = emu.outbox.last({ username: 'fresh2', purpose: 'EMAIL_SETUP' })!;
    expect(msg.destination).toBe('fresh2@example.com');
    const done = await respond('on', 'EMAIL_OTP', otp.Session, { USERNAME: 'fresh2', EMAIL_OTP_CODE: msg.code });
    expect(done.AuthenticationResult).toBeTruthy();
    const again = await srpSignIn(cognito, { userPoolId: ON, clientId: 'on', username: 'fresh2', password: 'Passw0rd!' });
    expect(again.second.ChallengeName).toBe('EMAIL_OTP');
  });
});

describe('MFA with an AccessToken', () => {
  it('Associate/Verify/SetUserMFAPreference enable TOTP for the next sign-in; GetUser reports it', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'none', password: 'Passw0rd!' });
    const AccessToken = second.AuthenticationResult!.AccessToken!;
    const refused = await failure(cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })));
    expect(refused.name).toBe('InvalidParameterException');
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: emu.totpCode(OPT, 'none') }));
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const me = await cognito.send(new GetUserCommand({ AccessToken }));
    expect(me).toMatchObject({ PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
    const next = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'none', password: 'Passw0rd!' });
    expect(next.second.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const code = new TOTP({ secret: Secret.fromBase32(SecretCode!) }).generate({ timestamp: emu.clock.now() });
    expect((await respond('opt', 'SOFTWARE_TOKEN_MFA', next.second.Session, { USERNAME: 'none', SOFTWARE_TOKEN_MFA_CODE: code })).AuthenticationResult).toBeTruthy();
    // Admin turns it off again.
    await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: OPT, Username: 'none', SoftwareTokenMfaSettings: { Enabled: false } }));
    expect((await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'none', password: 'Passw0rd!' })).second.AuthenticationResult).toBeTruthy();
  });

  it('refuses a forged or expired access token', async () => {
    const forged = await failure(cognito.send(new GetUserCommand({ AccessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' })));
    expect(forged.name).toBe('NotAuthorizedException');
    const { second } = await srpSignIn(cognito, { userPoolId: OPT, clientId: 'opt', username: 'pref', password: 'Passw0rd!' });
    const done = await respond('opt', 'EMAIL_OTP', second.Session, { USERNAME: 'pref', EMAIL_OTP_CODE: emu.outbox.last({ username: 'pref' })!.code });
    emu.clock.advance(3_700_000);
    const expired = await failure(cognito.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken })));
    expect(expired).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' });
  });
});
