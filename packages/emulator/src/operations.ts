/** The operation table: `x-amz-target` operation name → handler. */
import { associateSoftwareToken, getUser, setUserMfaPreference, verifySoftwareToken } from './account.js';
import * as admin from './admin.js';
import { adminUpdateUserAttributes, deleteUser, deleteUserAttributes, getUserAttributeVerificationCode, updateUserAttributes, verifyUserAttribute } from './attributes.js';
import * as devices from './devices.js';
import { adminInitiateAuth, initiateAuth } from './initiate-auth.js';
import * as webauthn from './webauthn.js';
import { adminRespondToAuthChallenge, respondToAuthChallenge } from './respond-to-auth-challenge.js';
import type { Ctx } from './context.js';
import type { Input } from './params.js';
import { getTokensFromRefreshToken } from './refresh.js';
import { adminUserGlobalSignOut, changePassword, globalSignOut, revokeToken } from './signout.js';
import { confirmForgotPassword, confirmSignUp, forgotPassword, resendConfirmationCode, signUp } from './signup.js';

export type Operation = (ctx: Ctx, input: Input) => unknown;

export const operations: Record<string, Operation> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AssociateSoftwareToken: associateSoftwareToken,
  VerifySoftwareToken: verifySoftwareToken,
  SetUserMFAPreference: setUserMfaPreference,
  GetUser: getUser,
  UpdateUserAttributes: updateUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteUser: deleteUser,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  RevokeToken: revokeToken,
  GlobalSignOut: globalSignOut,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ChangePassword: changePassword,
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  CreateUserPool: admin.createUserPool,
  DescribeUserPool: admin.describeUserPool,
  DeleteUserPool: admin.deleteUserPool,
  SetUserPoolMfaConfig: admin.setUserPoolMfaConfig,
  GetUserPoolMfaConfig: admin.getUserPoolMfaConfig,
  CreateUserPoolClient: admin.createUserPoolClient,
  DescribeUserPoolClient: admin.describeUserPoolClient,
  AdminCreateUser: admin.adminCreateUser,
  AdminSetUserPassword: admin.adminSetUserPassword,
  AdminSetUserMFAPreference: admin.adminSetUserMfaPreference,
  AdminGetUser: admin.adminGetUser,
  AdminDeleteUser: admin.adminDeleteUser,
  AdminDisableUser: admin.adminSetEnabled(false),
  AdminEnableUser: admin.adminSetEnabled(true),
  AdminConfirmSignUp: admin.adminConfirmSignUp,
  AdminResetUserPassword: admin.adminResetUserPassword,
  ListUsers: admin.listUsers,
  ConfirmDevice: devices.confirmDevice,
  ListDevices: devices.listDevices,
  GetDevice: devices.getDevice,
  ForgetDevice: devices.forgetDevice,
  UpdateDeviceStatus: devices.updateDeviceStatus,
  AdminListDevices: devices.adminListDevices,
  AdminGetDevice: devices.adminGetDevice,
  AdminForgetDevice: devices.adminForgetDevice,
  AdminUpdateDeviceStatus: devices.adminUpdateDeviceStatus,
  StartWebAuthnRegistration: webauthn.startWebAuthnRegistration,
  CompleteWebAuthnRegistration: webauthn.completeWebAuthnRegistration,
  ListWebAuthnCredentials: webauthn.listWebAuthnCredentials,
  DeleteWebAuthnCredential: webauthn.deleteWebAuthnCredential,
  GetUserAuthFactors: webauthn.getUserAuthFactors,
};
