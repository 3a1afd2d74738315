import {
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  AdminConfirmSignUpCommand,
  StartWebAuthnRegistrationCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';

const POOL = 'us-east-1_passkeys';
const PW = 'Passw0rd!';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          mfa: 'OPTIONAL',
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
          clients: [{ id: 'web', explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }, { id: 'other', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }],
          users: ['pia', 'quin', 'rex', 'sol'].map((username) => ({ username, password: PW, attributes: { email: `${username}@example.com` } })),
        },
      ],
    },
  }));
});
afterAll(() => emu.close());

const signIn = async (username: string, clientId = 'web') =>
  (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: PW } }))).AuthenticationResult!.AccessToken!;

async function register(auth: SoftAuthenticator, access: string, opts?: Parameters<SoftAuthenticator['register']>[1]) {
  const start = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access }));
  const options = start.CredentialCreationOptions as { challenge: string; rp: { id: string }; user: { id: string } };
  return cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: access, Credential: auth.register(options, opts) }));
}

async function passkeyChallenge(username: string) {
  const r = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'web', AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
  expect(r.ChallengeName).toBe('WEB_AUTHN');
  return { session: r.Session, options: JSON.parse(r.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as { challenge: string; rpId: string; allowCredentials: { id: string }[]; userVerification: string } };
}

const answer = (username: string, session: string | undefined, credential: unknown) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'web', ChallengeName: 'WEB_AUTHN', Session: session, ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) } }));

describe('WebAuthnConfiguration', () => {
  it('is set through SetUserPoolMfaConfig and reported by GetUserPoolMfaConfig', async () => {
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'pk', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } }))).UserPool!;
    expect((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }))).WebAuthnConfiguration).toBeUndefined();
    const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH'] }))).UserPoolClient!;
    await cognito.send(new SignUpCommand({ ClientId: client.ClientId, Username: 'tess', Password: PW }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.Id, Username: 'tess' }));
    const access = (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.ClientId, AuthParameters: { USERNAME: 'tess', PASSWORD: PW } }))).AuthenticationResult!.AccessToken!;
    expect((await failure(cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access })))).name).toBe('WebAuthnConfigurationMissingException');
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.Id, WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'preferred' } }));
    expect((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }))).WebAuthnConfiguration).toEqual({ RelyingPartyId: 'localhost', UserVerification: 'preferred' });
    const start = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access }));
    expect(start.CredentialCreationOptions).toMatchObject({ rp: { id: 'localhost' }, authenticatorSelection: { userVerification: 'preferred' } });
  });

  it('WebAuthnNotEnabledException when WEB_AUTHN is not a first factor of the pool', async () => {
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'nopk' }))).UserPool!;
    await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.Id, WebAuthnConfiguration: { RelyingPartyId: 'localhost' } }));
    const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient!;
    await cognito.send(new SignUpCommand({ ClientId: client.ClientId, Username: 'uma', Password: PW }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.Id, Username: 'uma' }));
    const access = (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.ClientId, AuthParameters: { USERNAME: 'uma', PASSWORD: PW } }))).AuthenticationResult!.AccessToken!;
    expect((await failure(cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access })))).name).toBe('WebAuthnNotEnabledException');
  });
});

describe('passkey registration', () => {
  it('verifies the attestation, lists, reports and deletes the credential', async () => {
    const auth = new SoftAuthenticator('http://localhost:5173');
    const access = await signIn('pia');
    expect((await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: access }))).ConfiguredUserAuthFactors).toEqual(['PASSWORD']);
    await register(auth, access);
    const list = (await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: access }))).Credentials!;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ CredentialId: auth.credentials[0]!.id.toString('base64url'), RelyingPartyId: 'localhost', AuthenticatorAttachment: 'platform', AuthenticatorTransports: ['internal'] });
    expect(list[0]!.FriendlyCredentialName).toBeTruthy();
    expect((await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: access }))).ConfiguredUserAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
    await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: access, CredentialId: list[0]!.CredentialId }));
    expect((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: access }))).Credentials).toEqual([]);
    expect((await failure(cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: access, CredentialId: list[0]!.CredentialId })))).name).toBe('ResourceNotFoundException');
    const r = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'web', AuthParameters: { USERNAME: 'pia' } }));
    expect(r.AvailableChallenges).not.toContain('WEB_AUTHN');
  });

  it('refuses a wrong origin, a wrong relying party, a missing or foreign challenge', async () => {
    const auth = new SoftAuthenticator('http://localhost:5173');
    const access = await signIn('quin');
    expect((await failure(register(auth, access, { origin: 'https://evil.example' }))).name).toBe('WebAuthnOriginNotAllowedException');
    expect((await failure(register(auth, access, { rpId: 'example.com' }))).name).toBe('WebAuthnRelyingPartyMismatchException');
    expect((await failure(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: access, Credential: auth.register({ challenge: 'bm9uZQ', rp: { id: 'localhost' }, user: { id: 'eA' } }) })))).name).toMatch(/^WebAuthn/);
    // Started from one app client, completed from another.
    await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access }));
    const fromOther = await signIn('quin', 'other');
    const start2 = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access }));
    expect((await failure(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: fromOther, Credential: auth.register(start2.CredentialCreationOptions as never) })))).name).toBe('WebAuthnClientMismatchException');
    emu.clock.advance(6 * 60_000);
    expect((await failure(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: access, Credential: auth.register(start2.CredentialCreationOptions as never) })))).name).toBe('WebAuthnChallengeNotFoundException');
  });
});

describe('WEB_AUTHN sign-in', () => {
  it('USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN: CREDENTIAL_REQUEST_OPTIONS, then the assertion signs in', async () => {
    const auth = new SoftAuthenticator('http://localhost:5173');
    await register(auth, await signIn('rex'));
    const { session, options } = await passkeyChallenge('rex');
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials.map((c) => c.id)).toEqual([auth.credentials[0]!.id.toString('base64url')]);
    const done = await answer('rex', session, auth.assert(options));
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy();
    // Chosen in SELECT_CHALLENGE too.
    const select = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: 'web', AuthParameters: { USERNAME: 'rex' } }));
    expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(select.AvailableChallenges).toContain('WEB_AUTHN');
    const chosen = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'web', ChallengeName: 'SELECT_CHALLENGE', Session: select.Session, ChallengeResponses: { USERNAME: 'rex', ANSWER: 'WEB_AUTHN' } }));
    expect(chosen.ChallengeName).toBe('WEB_AUTHN');
    const opts2 = JSON.parse(chosen.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!);
    expect((await answer('rex', chosen.Session, auth.assert(opts2))).AuthenticationResult).toBeTruthy();
  });

  it('refuses a bad signature, a stale challenge, a replayed counter and a wrong origin; the flow stays usable', async () => {
    const auth = new SoftAuthenticator('http://localhost:5173');
    await register(auth, await signIn('sol'));
    const first = await passkeyChallenge('sol');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(await failure(answer('sol', first.session, auth.assert(first.options, { signWith: stranger })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await failure(answer('sol', first.session, auth.assert(first.options, { challenge: 'c3RhbGUtY2hhbGxlbmdl' })))).name).toBe('NotAuthorizedException');
    expect((await failure(answer('sol', first.session, auth.assert(first.options, { origin: 'https://localhost.evil.example' })))).name).toBe('WebAuthnOriginNotAllowedException');
    // After the refusals, the same session still takes a good assertion.
    const good = await answer('sol', first.session, auth.assert(first.options, { counter: 10 }));
    expect(good.AuthenticationResult!.AccessToken).toBeTruthy();
    // A counter that does not move forward (a cloned authenticator) is refused.
    const second = await passkeyChallenge('sol');
    expect((await failure(answer('sol', second.session, auth.assert(second.options, { counter: 5 })))).name).toBe('NotAuthorizedException');
    expect((await answer('sol', second.session, auth.assert(second.options, { counter: 11 }))).AuthenticationResult).toBeTruthy();
  });
});
