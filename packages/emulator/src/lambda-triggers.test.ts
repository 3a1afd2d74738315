// Lambda triggers around sign-up and sign-in, set through LambdaConfig (ARNs mapped to
// functions) and driven by the AWS SDK v3.
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator, TriggerFunction } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';

const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const PASSWORD = 'Passw0rd!';
const events: Record<string, any[]> = {};
const behaviour: Record<string, ((event: any) => unknown) | undefined> = {};

/** A trigger that records its event and then does what the test set in `behaviour`. */
function recorder(name: string): TriggerFunction {
  return async (event) => {
    (events[name] ??= []).push(structuredClone(event));
    return behaviour[name]?.(event);
  };
}

const NAMES = ['PreSignUp', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'PreTokenGeneration', 'PreTokenV2', 'UserMigration', 'CustomMessage'];

let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let v2PoolId: string;
let v2ClientId: string;

async function makePool(lambdaConfig: Record<string, unknown>, prevent = false) {
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'triggers', LambdaConfig: lambdaConfig, // Cognito sends sign-up codes only for auto-verified attributes.
    AutoVerifiedAttributes: ['email'] }));
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: pool.UserPool!.Id!,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: prevent ? 'ENABLED' : 'LEGACY',
    }),
  );
  return { poolId: pool.UserPool!.Id!, clientId: client.UserPoolClient!.ClientId! };
}

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({ lambdas: Object.fromEntries(NAMES.map((n) => [ARN(n), recorder(n)])) }));
  ({ poolId, clientId } = await makePool({
    PreSignUp: ARN('PreSignUp'),
    PostConfirmation: ARN('PostConfirmation'),
    PreAuthentication: ARN('PreAuthentication'),
    PostAuthentication: ARN('PostAuthentication'),
    PreTokenGeneration: ARN('PreTokenGeneration'),
    UserMigration: ARN('UserMigration'),
    CustomMessage: ARN('CustomMessage'),
  }));
  ({ poolId: v2PoolId, clientId: v2ClientId } = await makePool({ PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: ARN('PreTokenV2') } }, true));
});
afterAll(() => emu.close());
beforeEach(() => {
  for (const k of Object.keys(events)) delete events[k];
  for (const k of Object.keys(behaviour)) delete behaviour[k];
});

let n = 0;
const fresh = (prefix: string) => `${prefix}${++n}`;

async function adminCreate(username: string) {
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
}

async function signUp(username: string, extra: Partial<ConstructorParameters<typeof SignUpCommand>[0]> = {}) {
  return cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], ...extra }));
}

async function passwordSignIn(username: string, password = PASSWORD, client = clientId, metadata?: Record<string, string>) {
  return cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME: username, PASSWORD: password }, ClientMetadata: metadata }));
}

async function confirmedUser(prefix: string) {
  const username = fresh(prefix);
  behaviour.PreSignUp = (e) => {
    e.response.autoConfirmUser = true;
  };
  await signUp(username);
  delete behaviour.PreSignUp;
  for (const k of Object.keys(events)) delete events[k];
  return username;
}

describe('LambdaConfig', () => {
  it('is echoed by DescribeUserPool and refuses ARNs the emulator has no function for', async () => {
    const d = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(d.UserPool?.LambdaConfig?.PreSignUp).toBe(ARN('PreSignUp'));
    const f = await failure(cognito.send(new CreateUserPoolCommand({ PoolName: 'x', LambdaConfig: { PreSignUp: ARN('unmapped') } })));
    expect(f.name).toBe('InvalidParameterException');
    expect(f.message).toContain(ARN('unmapped'));
  });

  it('is replaced by UpdateUserPool, and reset when the update leaves it out (as Cognito)', async () => {
    const { poolId: id, clientId: client } = await makePool({ PreSignUp: ARN('PreSignUp') });
    const signUpTo = (username: string) => cognito.send(new SignUpCommand({ ClientId: client, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ['email'], LambdaConfig: { PostConfirmation: ARN('PostConfirmation') } }));
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.LambdaConfig).toEqual({ PostConfirmation: ARN('PostConfirmation') });
    const a = fresh('updated');
    await signUpTo(a);
    expect(events.PreSignUp).toBeUndefined();
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: id, Username: a }));
    expect(events.PostConfirmation?.[0]).toMatchObject({ userName: a });

    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ['email'] }));
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.LambdaConfig).toEqual({});
    const b = fresh('reset');
    await signUpTo(b);
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: id, Username: b }));
    expect(events.PostConfirmation).toHaveLength(1);

    const f = await failure(cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, LambdaConfig: { PreSignUp: ARN('unmapped') } })));
    expect(f.name).toBe('InvalidParameterException');
  });
});

describe('pre token generation and pool groups', () => {
  it('sees the user\'s groups in groupConfiguration; its override replaces the group claims', async () => {
    const username = await confirmedUser('grouped');
    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: `staff-${username}`, Precedence: 2 }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: `staff-${username}` }));
    const plain = (await passwordSignIn(username)).AuthenticationResult!;
    expect(decodeJwt(plain.AccessToken!)['cognito:groups']).toEqual([`staff-${username}`]);
    expect(events.PreTokenGeneration!.at(-1).request.groupConfiguration.groupsToOverride).toEqual([`staff-${username}`]);

    behaviour.PreTokenGeneration = (e) => {
      e.response = { claimsOverrideDetails: { groupOverrideDetails: { groupsToOverride: ['overridden'] } } };
      return e;
    };
    const overridden = (await passwordSignIn(username)).AuthenticationResult!;
    expect(decodeJwt(overridden.IdToken!)['cognito:groups']).toEqual(['overridden']);
    expect(decodeJwt(overridden.AccessToken!)['cognito:groups']).toEqual(['overridden']);
  });
});

describe('pre sign-up', () => {
  it('gets the attributes and validation data; autoConfirmUser and autoVerifyEmail confirm without a code', async () => {
    const username = fresh('auto');
    behaviour.PreSignUp = (e) => {
      e.response.autoConfirmUser = true;
      e.response.autoVerifyEmail = true;
    };
    const out = await signUp(username, { ValidationData: [{ Name: 'invite', Value: 'abc' }], ClientMetadata: { from: 'test' } });
    expect(out.UserConfirmed).toBe(true);
    expect(out.CodeDeliveryDetails).toBeUndefined();
    const e = events.PreSignUp![0];
    expect(e).toMatchObject({ version: '1', triggerSource: 'PreSignUp_SignUp', userPoolId: poolId, userName: username, callerContext: { clientId } });
    expect(e.request).toMatchObject({ userAttributes: { email: `${username}@example.com` }, validationData: { invite: 'abc' }, clientMetadata: { from: 'test' } });
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value).toBe('true');
    expect(emu.outbox.messages({ username, purpose: 'SIGN_UP' })).toHaveLength(0);
    // Auto-confirmed users sign in at once; post confirmation does not run for them.
    expect((await passwordSignIn(username)).AuthenticationResult?.IdToken).toBeTruthy();
    expect(events.PostConfirmation).toBeUndefined();
  });

  it('a throw refuses the sign-up with UserLambdaValidationException and creates no user', async () => {
    const username = fresh('refused');
    behaviour.PreSignUp = () => {
      throw new Error('Sign-ups are closed');
    };
    const f = await failure(signUp(username));
    expect(f).toMatchObject({ name: 'UserLambdaValidationException', message: 'PreSignUp failed with error Sign-ups are closed.' });
    expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })))).name).toBe('UserNotFoundException');
  });

  it('runs for AdminCreateUser with PreSignUp_AdminCreateUser and no client', async () => {
    const username = fresh('admin');
    await adminCreate(username);
    expect(events.PreSignUp![0]).toMatchObject({ triggerSource: 'PreSignUp_AdminCreateUser', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' } });
  });
});

describe('post confirmation', () => {
  it('runs after ConfirmSignUp, AdminConfirmSignUp and ConfirmForgotPassword', async () => {
    const a = fresh('confirm');
    await signUp(a);
    const code = emu.outbox.last({ username: a, purpose: 'SIGN_UP' })!.code;
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: a, ConfirmationCode: code, ClientMetadata: { k: 'v' } }));
    expect(events.PostConfirmation![0]).toMatchObject({ triggerSource: 'PostConfirmation_ConfirmSignUp', userName: a, request: { clientMetadata: { k: 'v' }, userAttributes: { 'cognito:user_status': 'CONFIRMED', email_verified: 'true' } } });

    const b = fresh('adminconfirm');
    await signUp(b);
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: b }));
    expect(events.PostConfirmation![1]).toMatchObject({ triggerSource: 'PostConfirmation_ConfirmSignUp', userName: b });

    await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: a }));
    const reset = emu.outbox.last({ username: a, purpose: 'FORGOT_PASSWORD' })!.code;
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: a, ConfirmationCode: reset, Password: 'N3w-Passw0rd' }));
    expect(events.PostConfirmation![2]).toMatchObject({ triggerSource: 'PostConfirmation_ConfirmForgotPassword', userName: a });
  });
});

describe('pre and post authentication', () => {
  it('pre authentication sees the validation data; a throw blocks the sign-in', async () => {
    const username = await confirmedUser('preauth');
    behaviour.PreAuthentication = (e) => {
      if (e.request.validationData.blocked === 'yes') throw new Error('Account is on hold');
    };
    const f = await failure(passwordSignIn(username, PASSWORD, clientId, { blocked: 'yes' }));
    expect(f).toMatchObject({ name: 'UserLambdaValidationException', message: 'PreAuthentication failed with error Account is on hold.' });
    expect(events.PreAuthentication![0]).toMatchObject({ triggerSource: 'PreAuthentication_Authentication', userName: username, request: { userNotFound: false, validationData: { blocked: 'yes' } } });
    expect(events.PostAuthentication).toBeUndefined();
    // Also before SRP: no PASSWORD_VERIFIER is handed out.
    behaviour.PreAuthentication = () => {
      throw new Error('Account is on hold');
    };
    const srp = await failure(srpSignIn(cognito, { userPoolId: poolId, clientId, username, password: PASSWORD }).then(() => undefined));
    expect(srp.name).toBe('UserLambdaValidationException');
  });

  it('post authentication runs after the password, before tokens; a throw withholds them', async () => {
    const username = await confirmedUser('postauth');
    const ok = await srpSignIn(cognito, { userPoolId: poolId, clientId, username, password: PASSWORD });
    expect(ok.second.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(events.PostAuthentication![0]).toMatchObject({ triggerSource: 'PostAuthentication_Authentication', userName: username, request: { newDeviceUsed: false } });
    behaviour.PostAuthentication = () => {
      throw new Error('audit log down');
    };
    const f = await failure(passwordSignIn(username));
    expect(f).toMatchObject({ name: 'UserLambdaValidationException', message: 'PostAuthentication failed with error audit log down.' });
    // A wrong password never reaches it.
    events.PostAuthentication = [];
    expect((await failure(passwordSignIn(username, 'Wr0ng-password'))).name).toBe('NotAuthorizedException');
    expect(events.PostAuthentication).toHaveLength(0);
  });

  it('with PreventUserExistenceErrors an unknown user runs pre authentication with userNotFound', async () => {
    const prevent = await makePool({ PreAuthentication: ARN('PreAuthentication') }, true);
    const f = await failure(passwordSignIn('nobody-here', PASSWORD, prevent.clientId));
    expect(f).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(events.PreAuthentication![0]).toMatchObject({ userName: 'nobody-here', request: { userNotFound: true, userAttributes: {} } });
    // A throw still wins, for unknown users too.
    behaviour.PreAuthentication = () => {
      throw new Error('closed');
    };
    expect((await failure(passwordSignIn('nobody-here', PASSWORD, prevent.clientId))).name).toBe('UserLambdaValidationException');
    // Without PreventUserExistenceErrors an unknown user is refused before the trigger.
    delete behaviour.PreAuthentication;
    events.PreAuthentication = [];
    expect((await failure(passwordSignIn('nobody-here'))).name).toBe('UserNotFoundException');
    expect(events.PreAuthentication).toHaveLength(0);
  });
});

describe('pre token generation', () => {
  it('V1_0 adds, overrides and suppresses ID token claims and overrides groups', async () => {
    const username = await confirmedUser('ptg');
    behaviour.PreTokenGeneration = (e) => {
      e.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { tenant: 'acme', email: 'override@example.com', sub: 'not-allowed' },
        claimsToSuppress: ['email_verified'],
        groupOverrideDetails: { groupsToOverride: ['admins', 'staff'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/admin'], preferredRole: 'arn:aws:iam::123456789012:role/admin' },
      };
    };
    const out = await passwordSignIn(username, PASSWORD, clientId, { purpose: 'web' });
    const e = events.PreTokenGeneration![0];
    expect(e).toMatchObject({ version: '1', triggerSource: 'TokenGeneration_Authentication', userName: username, request: { groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } } });
    const id = decodeJwt(out.AuthenticationResult!.IdToken!);
    const access = decodeJwt(out.AuthenticationResult!.AccessToken!);
    expect(id).toMatchObject({ tenant: 'acme', email: 'override@example.com', 'cognito:groups': ['admins', 'staff'], 'cognito:roles': ['arn:aws:iam::123456789012:role/admin'], 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/admin' });
    expect(id.sub).not.toBe('not-allowed');
    expect(id.email_verified).toBeUndefined();
    expect(access['cognito:groups']).toEqual(['admins', 'staff']);
    expect(access.tenant).toBeUndefined();

    // Refreshes run it again, with their own trigger source.
    await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: out.AuthenticationResult!.RefreshToken! } }));
    expect(events.PreTokenGeneration![1].triggerSource).toBe('TokenGeneration_RefreshTokens');
  });

  it('V2_0 changes both tokens and the access token scopes', async () => {
    const username = fresh('v2');
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: v2PoolId, Username: username, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    behaviour.PreTokenV2 = (e) => {
      e.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { plan: 'gold' } },
        accessTokenGeneration: { claimsToAddOrOverride: { roles: ['reader', 'writer'] }, scopesToAdd: ['orders/read'], scopesToSuppress: ['aws.cognito.signin.user.admin'] },
      };
    };
    const first = await passwordSignIn(username, PASSWORD, v2ClientId);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const { RespondToAuthChallengeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const out = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: v2ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'An0ther-Passw0rd' } }));
    const e = events.PreTokenV2![0];
    expect(e).toMatchObject({ version: '2', triggerSource: 'TokenGeneration_NewPasswordChallenge', request: { scopes: ['aws.cognito.signin.user.admin'] } });
    const id = decodeJwt(out.AuthenticationResult!.IdToken!);
    const access = decodeJwt(out.AuthenticationResult!.AccessToken!);
    expect(id.plan).toBe('gold');
    expect(access.roles).toEqual(['reader', 'writer']);
    expect(access.scope).toBe('orders/read');
  });
});

describe('user migration', () => {
  beforeEach(() => {
    behaviour.UserMigration = (e) => {
      if (e.userName.startsWith('legacy') && (e.triggerSource === 'UserMigration_ForgotPassword' || e.request.password === 'Legacy-Passw0rd')) {
        e.response.userAttributes = { email: `${e.userName}@example.com`, email_verified: 'true', name: 'Legacy User' };
        e.response.messageAction = 'SUPPRESS';
      } else if (e.userName.startsWith('legacy')) {
        throw new Error('Bad password');
      }
    };
  });

  it('migrates an unknown user on USER_PASSWORD_AUTH with the password given, CONFIRMED by default', async () => {
    const username = fresh('legacy');
    const out = await passwordSignIn(username, 'Legacy-Passw0rd', clientId, { app: 'old' });
    expect(out.AuthenticationResult?.IdToken).toBeTruthy();
    expect(events.UserMigration![0]).toMatchObject({ triggerSource: 'UserMigration_Authentication', userName: username, request: { password: 'Legacy-Passw0rd', validationData: { app: 'old' } } });
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes?.find((a) => a.Name === 'name')?.Value).toBe('Legacy User');
    expect(emu.outbox.messages({ username })).toHaveLength(0);
    // From now on the user is the pool's: SRP works with the migrated password, no more migration.
    await srpSignIn(cognito, { userPoolId: poolId, clientId, username, password: 'Legacy-Passw0rd' });
    expect(events.UserMigration).toHaveLength(1);
  });

  it('a throw answers UserLambdaValidationException; no answer is an unknown user', async () => {
    const f = await failure(passwordSignIn(fresh('legacy'), 'wrong'));
    expect(f).toMatchObject({ name: 'UserLambdaValidationException', message: 'UserMigration failed with error Bad password.' });
    expect((await failure(passwordSignIn(fresh('stranger')))).name).toBe('UserNotFoundException');
  });

  it('finalUserStatus RESET_REQUIRED asks for a reset; ForgotPassword migrates as RESET_REQUIRED and sends a code', async () => {
    behaviour.UserMigration = (e) => {
      e.response.userAttributes = { email: `${e.userName}@example.com`, email_verified: 'true' };
      e.response.finalUserStatus = 'RESET_REQUIRED';
    };
    const a = fresh('legacy');
    expect((await failure(passwordSignIn(a, 'Legacy-Passw0rd'))).name).toBe('PasswordResetRequiredException');
    // messageAction unset: the welcome message goes out.
    expect(emu.outbox.last({ username: a })?.purpose).toBe('WELCOME');

    const b = fresh('legacy');
    const out = await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: b }));
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect(events.UserMigration!.at(-1)).toMatchObject({ triggerSource: 'UserMigration_ForgotPassword', userName: b });
    expect(events.UserMigration!.at(-1).request.password).toBeUndefined();
    const code = emu.outbox.last({ username: b, purpose: 'FORGOT_PASSWORD' })!.code;
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: b, ConfirmationCode: code, Password: 'Fresh-Passw0rd' }));
    expect((await passwordSignIn(b, 'Fresh-Passw0rd')).AuthenticationResult).toBeTruthy();
  });
});

describe('custom message', () => {
  it('writes the text of sign-up, resend, reset and invitation messages around the code', async () => {
    behaviour.CustomMessage = (e) => {
      e.response.emailSubject = `Your ${e.triggerSource} code`;
      e.response.emailMessage = e.request.usernameParameter ? `Hello ${e.request.usernameParameter}, use ${e.request.codeParameter}` : `Code: ${e.request.codeParameter}`;
    };
    const username = fresh('message');
    await signUp(username, { ClientMetadata: { lang: 'en' } });
    const m = emu.outbox.last({ username, purpose: 'SIGN_UP' })!;
    expect(m.message).toBe(`Code: ${m.code}`);
    expect(m.subject).toBe('Your CustomMessage_SignUp code');
    expect(events.CustomMessage![0]).toMatchObject({ triggerSource: 'CustomMessage_SignUp', request: { codeParameter: '{####}', clientMetadata: { lang: 'en' } } });
    const { ResendConfirmationCodeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
    expect(events.CustomMessage![1].triggerSource).toBe('CustomMessage_ResendCode');
    const invited = fresh('invited');
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: invited, DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: `${invited}@example.com` }] }));
    const inv = emu.outbox.last({ username: invited, purpose: 'INVITATION' })!;
    expect(inv.message).toBe(`Hello ${invited}, use ${inv.code}`);
    expect(events.CustomMessage!.at(-1)).toMatchObject({ triggerSource: 'CustomMessage_AdminCreateUser', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' } });
    // Reset codes go to a verified contact only: confirming the sign-up verifies the email.
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: emu.outbox.last({ username, purpose: 'SIGN_UP' })!.code }));
    // A throw fails the call with Cognito's format.
    behaviour.CustomMessage = () => {
      throw new Error('template missing');
    };
    const f = await failure(cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username })));
    expect(f).toMatchObject({ name: 'UserLambdaValidationException', message: 'CustomMessage failed with error template missing.' });
  });
});
