/** SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword. */
import { maskEmail, maskPhone, randomCode } from './codes.js';
import { checkSecretHash, existingUser, lookupUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { checkPendingCode } from './code-attempts.js';
import { checkPolicy, newUser, newUserIdentity, setPassword, type AppClient, type PendingCode, type Pool, type User } from './model.js';
import type { AuthState } from './sessions.js';
import type { OutboxPurpose } from './outbox.js';
import { attributeList, optBoolean, optString, reqString, stringMap, type Input } from './params.js';
import { customMessage, NO_CLIENT, postConfirmation, preSignUp, type CustomMessageSource } from './lambda-triggers.js';
import { migrateUser } from './migration.js';
import { checkAliasesFree, checkAttributes, checkWritable } from './attribute-schema.js';
import { recoveryTarget } from './account-recovery.js';
import { simulatedDelivery } from './phantom.js';

/**
 * Where a sign-up code goes: an attribute of the pool's AutoVerifiedAttributes the user has,
 * the phone number first (as Cognito sends when both are verified); config pools send to
 * the email first. None when the pool verifies nothing the user has.
 */
export function signUpTarget(pool: Pool, user: User): 'email' | 'phone_number' | undefined {
  const order = pool.settings.strictSchema && !pool.settings.fromConfig ? (['phone_number', 'email'] as const) : (['email', 'phone_number'] as const);
  return order.find((a) => pool.settings.autoVerifiedAttributes.includes(a) && !!user.attributes[a]);
}

const SIGN_UP_CODE_MS = 24 * 3600_000;
const FORGOT_CODE_MS = 3600_000;

interface Delivery {
  Destination: string;
  DeliveryMedium: 'SMS' | 'EMAIL';
  AttributeName: string;
}

/** Sends a code by email when the user has one, else by SMS; returns CodeDeliveryDetails. */
async function deliver(ctx: Ctx, pool: Pool, user: User, code: string, purpose: OutboxPurpose, trigger: { clientId: string; source: CustomMessageSource; clientMetadata: Record<string, string> }, target?: 'email' | 'phone_number'): Promise<Delivery> {
  const email = user.attributes.email;
  const phone = user.attributes.phone_number;
  const medium = target ? (target === 'email' ? 'EMAIL' : 'SMS') : email || !phone ? 'EMAIL' : 'SMS';
  const destination = medium === 'EMAIL' ? (email ?? '') : phone!;
  const text = await customMessage(ctx, pool, { ...trigger, user, medium, code });
  ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium, destination, code, purpose, ...text, at: ctx.clock.now() });
  return medium === 'EMAIL'
    ? { Destination: maskEmail(destination), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    : { Destination: maskPhone(destination), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
}

function clientAndHash(ctx: Ctx, input: Input, username: string) {
  const { pool, client } = ctx.store.client(reqString(input, 'ClientId', { max: 128 }));
  const hash = input.SecretHash;
  if (hash !== undefined && typeof hash !== 'string') throw errors.invalidParameter("1 validation error detected: Value at 'secretHash' failed to satisfy constraint: Member must be a string");
  checkSecretHash(client, [username], hash);
  return { pool, client };
}

/**
 * The Session SignUp and ConfirmSignUp return. After ConfirmSignUp it lets InitiateAuth
 * (USER_AUTH) sign the user in without another factor.
 */
function signUpSession(ctx: Ctx, pool: Pool, client: AppClient, user: User, expect: 'CONFIRM_SIGN_UP' | 'AUTO_SIGN_IN'): string {
  const state: AuthState = {
    userPoolId: pool.id,
    clientId: client.id,
    username: user.username,
    flow: 'SIGN_UP',
    expect,
    firstFactorDone: false,
    newPasswordDone: false,
    unknownDone: false,
    mfaDone: false,
    passwordless: false,
    clientMetadata: {},
  };
  return ctx.sessions.create(state, client.sessionValidityMinutes);
}

function checkCode(ctx: Ctx, pending: PendingCode | undefined, given: string): void {
  checkPendingCode(pending, given, ctx.clock.now());
}

/** SignUp. */
export async function signUp(ctx: Ctx, input: Input) {
  const username = reqString(input, 'Username', { max: 128 });
  const password = reqString(input, 'Password', { max: 256 });
  const attributes = attributeList(input, 'UserAttributes');
  const { pool, client } = clientAndHash(ctx, input, username);
  if (attributes.sub !== undefined) throw errors.invalidParameter('Cannot modify the non-mutable attribute sub');
  const identity = newUserIdentity(pool, username, attributes);
  if (lookupUser(pool, username) || lookupUser(pool, identity.username)) {
    throw new CognitoError('UsernameExistsException', identity.username === username ? 'User already exists' : 'An account with the given email already exists.');
  }
  const { sub: _sub, ...given } = identity.attributes;
  checkAttributes(pool, given, 'create');
  checkWritable(client, attributes);
  if (pool.usernameAttributes.length) checkAliasesFree(pool, undefined, given);
  checkPolicy(pool, password);
  const clientMetadata = stringMap(input, 'ClientMetadata');
  const validationData = attributeList(input, 'ValidationData');
  const auto = await preSignUp(ctx, pool, { clientId: client.id, source: 'PreSignUp_SignUp', userName: identity.username, attributes: identity.attributes, validationData, clientMetadata });
  const now = ctx.clock.now();
  const user = newUser(identity.username, now, identity.attributes);
  user.status = auto.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED';
  if (auto.autoVerifyEmail && user.attributes.email) user.attributes.email_verified = 'true';
  if (auto.autoVerifyPhone && user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  setPassword(pool, user, password, now);
  pool.users.set(user.username, user);
  // An auto-confirmed user gets no code, and the Session signs them in (as after ConfirmSignUp).
  if (auto.autoConfirmUser) return { UserConfirmed: true, UserSub: user.sub, Session: signUpSession(ctx, pool, client, user, 'AUTO_SIGN_IN') };
  const target = signUpTarget(pool, user);
  const session = signUpSession(ctx, pool, client, user, 'CONFIRM_SIGN_UP');
  // Cognito sends no code (and answers no CodeDeliveryDetails) when nothing is auto-verified.
  if (!target) return { UserConfirmed: false, UserSub: user.sub, Session: session };
  const code = randomCode(6);
  user.signUpCode = { code, expiresAt: now + SIGN_UP_CODE_MS };
  const delivery = await deliver(ctx, pool, user, code, 'SIGN_UP', { clientId: client.id, source: 'CustomMessage_SignUp', clientMetadata }, target);
  return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: delivery, Session: session };
}

/** ConfirmSignUp. */
export async function confirmSignUp(ctx: Ctx, input: Input) {
  const username = reqString(input, 'Username', { max: 128 });
  const code = reqString(input, 'ConfirmationCode', { max: 2048 });
  optString(input, 'Session', { min: 20, max: 8192 });
  const { pool, client } = clientAndHash(ctx, input, username);
  const user = existingUser(pool, username);
  if (user.status !== 'UNCONFIRMED') throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  checkCode(ctx, user.signUpCode, code);
  const target = signUpTarget(pool, user) ?? (user.attributes.email ? 'email' : user.attributes.phone_number ? 'phone_number' : undefined);
  // The code proves the contact: it becomes verified, and as an alias it must be free.
  if (target) checkAliasesFree(pool, user, { [`${target}_verified`]: 'true' }, optBoolean(input, 'ForceAliasCreation') ?? false);
  user.status = 'CONFIRMED';
  user.signUpCode = undefined;
  if (target) user.attributes[`${target}_verified`] = 'true';
  user.modifiedAt = ctx.clock.now();
  await postConfirmation(ctx, pool, user, client.id, 'PostConfirmation_ConfirmSignUp', stringMap(input, 'ClientMetadata'));
  return { Session: signUpSession(ctx, pool, client, user, 'AUTO_SIGN_IN') };
}

/** ResendConfirmationCode. */
export async function resendConfirmationCode(ctx: Ctx, input: Input) {
  const username = reqString(input, 'Username', { max: 128 });
  const { pool, client } = clientAndHash(ctx, input, username);
  const found = lookupUser(pool, username);
  // PreventUserExistenceErrors: an unknown or disabled user gets a simulated delivery.
  if ((!found || !found.enabled) && client.preventUserExistenceErrors) {
    const simulated = simulatedDelivery(pool, username);
    if (simulated) return { CodeDeliveryDetails: simulated };
  }
  const user = found ?? existingUser(pool, username);
  if (user.status !== 'UNCONFIRMED') throw errors.invalidParameter('User is already confirmed.');
  const target = signUpTarget(pool, user);
  if (!target) throw errors.invalidParameter('Cannot resend codes. Auto verification not turned on.');
  const code = randomCode(6);
  user.signUpCode = { code, expiresAt: ctx.clock.now() + SIGN_UP_CODE_MS };
  return { CodeDeliveryDetails: await deliver(ctx, pool, user, code, 'SIGN_UP', { clientId: client.id, source: 'CustomMessage_ResendCode', clientMetadata: stringMap(input, 'ClientMetadata') }, target) };
}

/** ForgotPassword. */
export async function forgotPassword(ctx: Ctx, input: Input) {
  const username = reqString(input, 'Username', { max: 128 });
  const { pool, client } = clientAndHash(ctx, input, username);
  const clientMetadata = stringMap(input, 'ClientMetadata');
  const found = lookupUser(pool, username) ?? (await migrateUser(ctx, pool, client, username, { validationData: clientMetadata, clientMetadata }));
  const target = found?.enabled ? recoveryTarget(pool, found) : undefined;
  // PreventUserExistenceErrors: unknown and disabled users, and users without a verified
  // contact, get a simulated delivery instead of an error that tells them apart.
  if (!target && client.preventUserExistenceErrors) {
    const simulated = simulatedDelivery(pool, username);
    if (simulated) return { CodeDeliveryDetails: simulated };
  }
  const user = found ?? existingUser(pool, username);
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  if (!target) {
    throw errors.invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
  }
  const code = randomCode(6);
  user.forgotCode = { code, expiresAt: ctx.clock.now() + FORGOT_CODE_MS };
  return { CodeDeliveryDetails: await deliver(ctx, pool, user, code, 'FORGOT_PASSWORD', { clientId: client.id, source: 'CustomMessage_ForgotPassword', clientMetadata }, target) };
}

/**
 * AdminResetUserPassword's message: a reset code to the user's verified email (else verified
 * phone), as Cognito sends; none when no contact is verified.
 */
export async function sendAdminResetCode(ctx: Ctx, pool: Pool, user: User): Promise<void> {
  const emailOk = !!user.attributes.email && user.attributes.email_verified === 'true';
  const phoneOk = !!user.attributes.phone_number && user.attributes.phone_number_verified === 'true';
  if (!emailOk && !phoneOk) return;
  const code = randomCode(6);
  user.forgotCode = { code, expiresAt: ctx.clock.now() + FORGOT_CODE_MS };
  const medium = emailOk ? 'EMAIL' : 'SMS';
  const destination = emailOk ? user.attributes.email! : user.attributes.phone_number!;
  const text = await customMessage(ctx, pool, { clientId: NO_CLIENT, user, source: 'CustomMessage_ForgotPassword', medium, code, clientMetadata: {} });
  ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium, destination, code, purpose: 'FORGOT_PASSWORD', ...text, at: ctx.clock.now() });
}

/** ConfirmForgotPassword. */
export async function confirmForgotPassword(ctx: Ctx, input: Input) {
  const username = reqString(input, 'Username', { max: 128 });
  const code = reqString(input, 'ConfirmationCode', { max: 2048 });
  const password = reqString(input, 'Password', { max: 256 });
  const { pool, client } = clientAndHash(ctx, input, username);
  const found = lookupUser(pool, username);
  // PreventUserExistenceErrors: an unknown or disabled user's code is simply wrong.
  if ((!found || !found.enabled) && client.preventUserExistenceErrors) throw errors.codeMismatch('Invalid verification code provided, please try again.');
  const user = found ?? existingUser(pool, username);
  checkCode(ctx, user.forgotCode, code);
  checkPolicy(pool, password);
  setPassword(pool, user, password, ctx.clock.now());
  user.forgotCode = undefined;
  // A reset proves control of the contact: RESET_REQUIRED, FORCE_CHANGE_PASSWORD and lockout end.
  if (user.status !== 'UNCONFIRMED') user.status = 'CONFIRMED';
  user.failures = 0;
  user.lockedUntil = 0;
  await postConfirmation(ctx, pool, user, client.id, 'PostConfirmation_ConfirmForgotPassword', stringMap(input, 'ClientMetadata'));
  return {};
}
