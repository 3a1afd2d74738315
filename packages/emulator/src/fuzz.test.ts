// Random and hostile inputs for every operation: the emulator must answer each with a
// Cognito error shape (never a 5xx, never a crash) and keep serving correct sign-ins.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { operations } from './operations.js';

const POOL = 'us-east-1_fuzz';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    config: { pools: [{ id: POOL, mfa: 'OPTIONAL', clients: [{ id: 'c' }], users: [{ username: 'u', password: 'Passw0rd!', attributes: { email: 'u@example.com' }, mfa: { email: true } }, { username: 'healthy', password: 'Healthy-pass-1' }] }] },
  });
});
afterAll(() => emu.close());

async function call(op: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(emu.endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

// Values that look like what operations expect, mixed with wrong types.
const known = ['c', 'u', POOL, 'USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'USER_AUTH', 'REFRESH_TOKEN_AUTH', 'SMS_MFA', 'EMAIL_OTP', 'PASSWORD_VERIFIER', 'Passw0rd!', '123456', 'x'.repeat(30)];
const value = fc.oneof(fc.constantFrom(...known), fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.constantFrom('USERNAME', 'PASSWORD', 'SRP_A', 'ANSWER', 'Name', 'Value', 'Enabled'), fc.oneof(fc.constantFrom(...known), fc.string(), fc.integer())));
const keys = ['ClientId', 'AuthFlow', 'AuthParameters', 'ChallengeName', 'ChallengeResponses', 'Session', 'AccessToken', 'UserPoolId', 'Username', 'Password', 'UserAttributes', 'ConfirmationCode', 'UserCode', 'PoolName', 'ClientName', 'ExplicitAuthFlows', 'AuthSessionValidity', 'GenerateSecret', 'MfaConfiguration', 'SMSMfaSettings', 'Token', 'RefreshToken', 'ProposedPassword', 'PreviousPassword', 'MessageAction', 'TemporaryPassword', 'Permanent'];
const body = fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }), fc.anything());

describe('fuzzing every operation', () => {
  it('answers random inputs with 200 or a 4xx Cognito error, never a 5xx', async () => {
    const ops = Object.keys(operations).filter((op) => op !== 'DeleteUserPool');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), body, async (op, input) => {
        const { status, json } = await call(op, input);
        if (status !== 200) {
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
          expect(typeof json.__type).toBe('string');
          expect(typeof json.message).toBe('string');
        }
      }),
      { numRuns: 250 },
    );
    // Still healthy: a normal sign-in works.
    const ok = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'healthy', PASSWORD: 'Healthy-pass-1' } });
    expect(ok.status).toBe(200);
    expect((ok.json.AuthenticationResult as { AccessToken?: string }).AccessToken).toBeTruthy();
  }, 120_000);
});
