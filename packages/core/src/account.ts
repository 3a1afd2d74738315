/**
 * Sign-up and password reset, with Amplify JS v6's input and output shapes. RESET_PASSWORD
 * and CONFIRM_SIGN_UP send the app here.
 * @module
 */
import { callCognito, type Engine } from './engine.js';
import { validationError } from './fail.js';
import { checkCode, CONFIRMATION_CODE_LENGTHS } from './validate.js';
import { pendingSession, rememberSignUp, signUpConfirmed } from './session/pending-sign-up.js'; // sessions (#10)
import { checkAccountOptions, type CallControl } from './guard/index.js'; // p15 (issue #15)
import type {
  CodeDeliveryDetails,
  ConfirmResetPasswordInput,
  ConfirmSignUpInput,
  ConfirmSignUpOutput,
  ResendSignUpCodeInput,
  ResetPasswordInput,
  ResetPasswordOutput,
  SignUpInput,
  SignUpOutput,
} from './types.js';

// Error names are Amplify JS v6's AuthValidationErrorCode values, so migrated apps keep working.
function requireUsername(username: unknown, name: string): string {
  if (typeof username !== 'string' || username.trim() === '') {
    throw validationError(name, 'The username is empty.');
  }
  return username;
}

function requirePassword(password: unknown, name: string, what: string): string {
  if (typeof password !== 'string' || password === '') throw validationError(name, `The ${what} is empty.`);
  return password;
}

/** Cognito's CodeDeliveryDetails → Amplify's shape. */
export function deliveryDetails(raw: Record<string, any> | undefined): CodeDeliveryDetails | undefined {
  if (!raw) return undefined;
  const out: CodeDeliveryDetails = {};
  if (raw.DeliveryMedium) out.deliveryMedium = raw.DeliveryMedium;
  if (raw.Destination) out.destination = raw.Destination;
  if (raw.AttributeName) out.attributeName = raw.AttributeName;
  return out;
}

/** `{ codeDeliveryDetails }` when Cognito's answer has them, else nothing. */
function withDetails(out: Record<string, any>): { codeDeliveryDetails?: CodeDeliveryDetails } {
  const details = deliveryDetails(out.CodeDeliveryDetails);
  return details ? { codeDeliveryDetails: details } : {};
}

function toAttributeList(attributes: Record<string, string> | undefined) {
  return attributes ? Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) : undefined;
}

/**
 * The call every account operation makes: ClientId, Username, the operation's own fields,
 * then the app's ClientMetadata (the call path adds SecretHash).
 */
function send(
  engine: Engine,
  operation: 'SignUp' | 'ConfirmSignUp' | 'ResendConfirmationCode' | 'ForgotPassword' | 'ConfirmForgotPassword',
  control: CallControl | undefined,
  username: string,
  fields: Record<string, unknown>,
  clientMetadata: Record<string, string> | undefined,
  after: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  return callCognito(engine, operation, {
    ClientId: engine.userPool.clientId,
    Username: username,
    ...fields,
    ...(clientMetadata ? { ClientMetadata: clientMetadata } : {}),
    ...after,
  }, undefined, control); // p15: control
}

/** SignUp. */
export async function signUp(engine: Engine, input: SignUpInput): Promise<SignUpOutput> {
  const control = checkAccountOptions(input, 'signUp'); // p15 (issue #15)
  const username = requireUsername(input?.username, 'EmptySignUpUsername');
  const password = requirePassword(input?.password, 'EmptySignUpPassword', 'password');
  const opts = input.options ?? {};
  const out = await send(engine, 'SignUp', control, username, {
    Password: password,
    ...(opts.userAttributes ? { UserAttributes: toAttributeList(opts.userAttributes) } : {}),
    ...(opts.validationData ? { ValidationData: toAttributeList(opts.validationData) } : {}),
  }, opts.clientMetadata);
  const confirmed = out.UserConfirmed === true;
  // sessions (#10): keep Cognito's sign-up Session for autoSignIn.
  const auto = opts.autoSignIn ? (opts.autoSignIn === true ? {} : opts.autoSignIn) : undefined;
  if (auto) rememberSignUp(engine, username, out.Session, confirmed, auto);
  return {
    isSignUpComplete: confirmed,
    ...(out.UserSub ? { userId: out.UserSub as string } : {}),
    nextStep: confirmed
      ? { signUpStep: auto ? 'COMPLETE_AUTO_SIGN_IN' : 'DONE' }
      : { signUpStep: 'CONFIRM_SIGN_UP', ...withDetails(out) },
  };
}

/** ConfirmSignUp. */
export async function confirmSignUp(engine: Engine, input: ConfirmSignUpInput): Promise<ConfirmSignUpOutput> {
  const control = checkAccountOptions(input, 'confirmSignUp'); // p15 (issue #15)
  const username = requireUsername(input?.username, 'EmptyConfirmSignUpUsername');
  const code = checkCode(input.confirmationCode, CONFIRMATION_CODE_LENGTHS, 'confirmation code', 'EmptyConfirmSignUpCode');
  const opts = input.options ?? {};
  const session = pendingSession(engine, username); // sessions (#10)
  const out = await send(engine, 'ConfirmSignUp', control, username, {
    ConfirmationCode: code,
    ...(opts.forceAliasCreation !== undefined ? { ForceAliasCreation: opts.forceAliasCreation } : {}),
  }, opts.clientMetadata, session ? { Session: session } : {});
  return { isSignUpComplete: true, nextStep: { signUpStep: signUpConfirmed(engine, username, out.Session) ? 'COMPLETE_AUTO_SIGN_IN' : 'DONE' } };
}

/** ResendConfirmationCode. */
export async function resendSignUpCode(engine: Engine, input: ResendSignUpCodeInput): Promise<CodeDeliveryDetails> {
  const control = checkAccountOptions(input, 'resendSignUpCode'); // p15 (issue #15)
  const username = requireUsername(input?.username, 'EmptySignUpUsername');
  const out = await send(engine, 'ResendConfirmationCode', control, username, {}, input.options?.clientMetadata);
  return deliveryDetails(out.CodeDeliveryDetails) ?? {};
}

/** ForgotPassword. */
export async function resetPassword(engine: Engine, input: ResetPasswordInput): Promise<ResetPasswordOutput> {
  const control = checkAccountOptions(input, 'resetPassword'); // p15 (issue #15)
  const username = requireUsername(input?.username, 'EmptyResetPasswordUsername');
  const out = await send(engine, 'ForgotPassword', control, username, {}, input.options?.clientMetadata);
  return {
    isPasswordReset: false,
    nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE', ...withDetails(out) },
  };
}

/** ConfirmForgotPassword. */
export async function confirmResetPassword(engine: Engine, input: ConfirmResetPasswordInput): Promise<void> {
  const control = checkAccountOptions(input, 'confirmResetPassword'); // p15 (issue #15)
  const username = requireUsername(input?.username, 'EmptyConfirmResetPasswordUsername');
  const code = checkCode(input.confirmationCode, CONFIRMATION_CODE_LENGTHS, 'reset code', 'EmptyConfirmResetPasswordConfirmationCode');
  const password = requirePassword(input.newPassword, 'EmptyConfirmResetPasswordNewPassword', 'new password');
  await send(engine, 'ConfirmForgotPassword', control, username, { ConfirmationCode: code, Password: password }, input.options?.clientMetadata);
}
