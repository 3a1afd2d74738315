// `dataDir` keeps every piece of pool state across a restart: settings, groups and their
// members, resource servers, device tracking and devices, passkeys, client token policy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  ConfirmDeviceCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListUsersInGroupCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index.js';
import { sdkClient } from './test-support/harness.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';

const dir = mkdtempSync(join(tmpdir(), 'nextstep-emu-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PW = 'Passw0rd!';
const signIn = (cognito: CognitoIdentityProviderClient, clientId: string) =>
  cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'kate', PASSWORD: PW } }));

describe('persistence of pool settings (dataDir)', () => {
  it('groups with members, resource servers, device tracking, devices, passkeys and client token validity survive a restart', async () => {
    const a = await startEmulator({ dataDir: dir });
    let poolId: string;
    let clientId: string;
    let deviceKey: string;
    const auth = new SoftAuthenticator('http://localhost:5173');
    try {
      const cognito = sdkClient(a);
      poolId = (await cognito.send(new CreateUserPoolCommand({
        PoolName: 'kept-settings',
        AutoVerifiedAttributes: ['email'],
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        Policies: { PasswordPolicy: { MinimumLength: 8 }, SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
      }))).UserPool!.Id!;
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'preferred' } }));
      clientId = (await cognito.send(new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 15,
        IdTokenValidity: 20,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 },
      }))).UserPoolClient!.ClientId!;
      await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Precedence: 1, Description: 'the admins' }));
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kate', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'kate@example.com' }] }));
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'kate', Password: PW, Permanent: true }));
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'kate', GroupName: 'admins' }));
      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read things' }] }));

      const first = (await signIn(cognito, clientId)).AuthenticationResult!;
      deviceKey = first.NewDeviceMetadata!.DeviceKey!;
      await cognito.send(new ConfirmDeviceCommand({ AccessToken: first.AccessToken, DeviceKey: deviceKey, DeviceName: 'laptop', DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from('verifier').toString('base64'), Salt: Buffer.from('salt').toString('base64') } }));
      const start = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: first.AccessToken }));
      await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: first.AccessToken, Credential: auth.register(start.CredentialCreationOptions as { challenge: string; rp: { id: string }; user: { id: string } }) }));
    } finally {
      await a.close();
    }

    const b = await startEmulator({ dataDir: dir });
    try {
      const cognito = sdkClient(b);
      const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
      expect(pool.AutoVerifiedAttributes).toEqual(['email']);
      expect(pool.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
      expect((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).WebAuthnConfiguration).toEqual({ RelyingPartyId: 'localhost', UserVerification: 'preferred' });

      const client = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
      expect(client).toMatchObject({ AccessTokenValidity: 15, IdTokenValidity: 20, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' }, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 } });

      const members = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
      expect(members.Users?.map((u) => u.Username)).toEqual(['kate']);
      const server = (await cognito.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com' }))).ResourceServer!;
      expect(server).toMatchObject({ Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read things' }] });
      const devices = await cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'kate' }));
      expect(devices.Devices?.map((d) => d.DeviceKey)).toEqual([deviceKey]);

      // Tokens after the restart carry the group and the client's lifetimes.
      const tokens = (await signIn(cognito, clientId)).AuthenticationResult!;
      const access = decodeJwt(tokens.AccessToken!);
      expect(access['cognito:groups']).toEqual(['admins']);
      expect(access.exp! - access.iat!).toBe(15 * 60);
      const id = decodeJwt(tokens.IdToken!);
      expect(id.exp! - id.iat!).toBe(20 * 60);

      // The stored passkey (its public key bytes) still verifies a sign-in.
      const challenge = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'kate', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
      expect(challenge.ChallengeName).toBe('WEB_AUTHN');
      const options = JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
      const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'WEB_AUTHN', Session: challenge.Session, ChallengeResponses: { USERNAME: 'kate', CREDENTIAL: JSON.stringify(auth.assert(options)) } }));
      expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    } finally {
      await b.close();
    }
  }, 60_000);
});
