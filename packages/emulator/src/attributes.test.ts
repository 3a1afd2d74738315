import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';

const POOL = 'us-east-1_attrs';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'c' }], users: [{ username: 'amy', password: 'Passw0rd!', attributes: { email: 'amy@example.com' } }, { username: 'del', password: 'Passw0rd!' }] }] } }));
});
afterAll(() => emu.close());

const token = async (username: string) =>
  (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }))).AuthenticationResult!.AccessToken!;
const attrs = async (AccessToken: string) => Object.fromEntries((await cognito.send(new GetUserCommand({ AccessToken }))).UserAttributes!.map((a) => [a.Name, a.Value]));

describe('user attributes', () => {
  it('a changed email becomes unverified and gets a code; VerifyUserAttribute checks it', async () => {
    const AccessToken = await token('amy');
    const out = await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'amy@new.example' }, { Name: 'name', Value: 'Amy' }] }));
    expect(out.CodeDeliveryDetailsList).toEqual([{ Destination: 'a***@n***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    expect(await attrs(AccessToken)).toMatchObject({ email: 'amy@new.example', email_verified: 'false', name: 'Amy' });
    const msg = emu.outbox.last({ username: 'amy', purpose: 'VERIFY_ATTRIBUTE' })!;
    expect(msg.destination).toBe('amy@new.example');
    expect((await failure(cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: msg.code === '000000' ? '111111' : '000000' })))).name).toBe('CodeMismatchException');
    await cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: msg.code }));
    expect((await attrs(AccessToken)).email_verified).toBe('true');
    await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    expect(emu.outbox.messages({ username: 'amy', purpose: 'VERIFY_ATTRIBUTE' })).toHaveLength(2);
    expect((await failure(cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'sub', Value: 'x' }] })))).name).toBe('InvalidParameterException');
    await cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['name'] }));
    expect((await attrs(AccessToken)).name).toBeUndefined();
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL, Username: 'amy', UserAttributes: [{ Name: 'phone_number', Value: '+15550001000' }, { Name: 'phone_number_verified', Value: 'true' }] }));
    const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'amy' }));
    expect(admin.UserAttributes).toContainEqual({ Name: 'phone_number', Value: '+15550001000' });
  });

  it('DeleteUser removes the user and revokes their tokens', async () => {
    const AccessToken = await token('del');
    await cognito.send(new DeleteUserCommand({ AccessToken }));
    expect((await failure(cognito.send(new GetUserCommand({ AccessToken })))).name).toBe('NotAuthorizedException');
    expect((await failure(token('del'))).name).toBe('UserNotFoundException');
  });
});
