/**
 * Pool and user set-up through the AWS SDK's admin calls, the same way against every server
 * (moto_server, cognito-local): what each server accepts is what the suite relies on.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type UserPoolMfaType,
} from '@aws-sdk/client-cognito-identity-provider';
import * as OTPAuth from 'otpauth';

/** An SDK client with dummy credentials (the servers accept any signature), no retries. */
export function sdkClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIACROSSCHECK', secretAccessKey: 'not-a-real-secret' },
    maxAttempts: 1,
  });
}

/** A pool and one public app client allowing the password flows. */
export async function createPoolAndClient(
  sdk: CognitoIdentityProviderClient,
  options: { mfa?: UserPoolMfaType; totp?: boolean } = {},
): Promise<{ userPoolId: string; clientId: string }> {
  const pool = await sdk.send(
    new CreateUserPoolCommand({ PoolName: `crosscheck-${Date.now()}`, MfaConfiguration: options.mfa ?? 'OFF', UsernameAttributes: [] }),
  );
  const userPoolId = pool.UserPool?.Id;
  if (!userPoolId) throw new Error('CreateUserPool returned no Id');
  if (options.totp) {
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: options.mfa ?? 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
  }
  const client = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'crosscheck',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = client.UserPoolClient?.ClientId;
  if (!clientId) throw new Error('CreateUserPoolClient returned no ClientId');
  return { userPoolId, clientId };
}

/**
 * A user created by AdminCreateUser (no message sent). With `password` it is made CONFIRMED
 * by AdminSetUserPassword(Permanent); without, it stays FORCE_CHANGE_PASSWORD with `temporaryPassword`.
 */
export async function createUser(
  sdk: CognitoIdentityProviderClient,
  userPoolId: string,
  user: { username: string; temporaryPassword: string; password?: string; attributes?: Record<string, string> },
): Promise<void> {
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: user.username,
      TemporaryPassword: user.temporaryPassword,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  if (user.password !== undefined) {
    await sdk.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }),
    );
  }
}

/** The current code of a base32 secret (SHA-1, 6 digits, 30 s), as an authenticator app shows it. */
export function totpNow(secret: string, atMs = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: atMs,
  });
}

/** A 6-digit code different from `code`, for wrong-code tests. */
export function otherCode(code: string): string {
  return String((Number(code) + 500_001) % 1_000_000).padStart(6, '0');
}

/**
 * Registers an authenticator for a signed-in user the way an account page does (access
 * token: AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference) and returns the secret.
 */
export async function enableTotpWithAccessToken(
  sdk: CognitoIdentityProviderClient,
  accessToken: string,
  options: { alsoSms?: boolean; preferred?: 'TOTP' | 'SMS' } = {},
): Promise<string> {
  const associated = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const secret = associated.SecretCode;
  if (!secret) throw new Error('AssociateSoftwareToken returned no SecretCode');
  const verified = await sdk.send(
    new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpNow(secret), FriendlyDeviceName: 'crosscheck' }),
  );
  if (verified.Status !== 'SUCCESS') throw new Error(`VerifySoftwareToken: ${verified.Status}`);
  await sdk.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: (options.preferred ?? 'TOTP') === 'TOTP' },
      ...(options.alsoSms ? { SMSMfaSettings: { Enabled: true, PreferredMfa: options.preferred === 'SMS' } } : {}),
    }),
  );
  return secret;
}
