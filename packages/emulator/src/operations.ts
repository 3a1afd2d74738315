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
import * as groups from './groups.js';
import * as poolAdmin from './pool-admin.js';
import * as domains from './user-pool-domains.js';
import * as servers from './resource-servers.js';
import { adminDeleteUserAttributes, adminListUserAuthEvents } from './auth-events.js';
import * as idps from './identity-providers.js';
import * as links from './federated-links.js';
import * as imports from './user-import.js';
import * as risk from './risk-configuration.js';
import { getUiCustomization, setUiCustomization } from './ui-customization.js';
import { getLogDeliveryConfiguration, setLogDeliveryConfiguration } from './log-delivery.js';
import { getSigningCertificate } from './signing-certificate.js';
import { adminSetUserSettings, setUserSettings } from './user-settings.js';
import * as login from './managed-login.js';
import * as secrets from './client-secrets.js';

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
  CreateGroup: groups.createGroup,
  GetGroup: groups.getGroup,
  ListGroups: groups.listGroups,
  UpdateGroup: groups.updateGroup,
  DeleteGroup: groups.deleteGroup,
  AdminAddUserToGroup: groups.adminAddUserToGroup,
  AdminRemoveUserFromGroup: groups.adminRemoveUserFromGroup,
  AdminListGroupsForUser: groups.adminListGroupsForUser,
  ListUsersInGroup: groups.listUsersInGroup,
  UpdateUserPool: poolAdmin.updateUserPool,
  ListUserPools: poolAdmin.listUserPools,
  UpdateUserPoolClient: poolAdmin.updateUserPoolClient,
  DeleteUserPoolClient: poolAdmin.deleteUserPoolClient,
  ListUserPoolClients: poolAdmin.listUserPoolClients,
  AddCustomAttributes: poolAdmin.addCustomAttributesOp,
  TagResource: poolAdmin.tagResource,
  UntagResource: poolAdmin.untagResource,
  ListTagsForResource: poolAdmin.listTagsForResource,
  CreateUserPoolDomain: domains.createUserPoolDomain,
  DescribeUserPoolDomain: domains.describeUserPoolDomain,
  UpdateUserPoolDomain: domains.updateUserPoolDomain,
  DeleteUserPoolDomain: domains.deleteUserPoolDomain,
  CreateResourceServer: servers.createResourceServer,
  DescribeResourceServer: servers.describeResourceServer,
  ListResourceServers: servers.listResourceServers,
  UpdateResourceServer: servers.updateResourceServer,
  DeleteResourceServer: servers.deleteResourceServer,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminListUserAuthEvents: adminListUserAuthEvents,
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
  CreateIdentityProvider: idps.createIdentityProvider,
  DescribeIdentityProvider: idps.describeIdentityProvider,
  UpdateIdentityProvider: idps.updateIdentityProvider,
  DeleteIdentityProvider: idps.deleteIdentityProvider,
  ListIdentityProviders: idps.listIdentityProviders,
  GetIdentityProviderByIdentifier: idps.getIdentityProviderByIdentifier,
  AdminLinkProviderForUser: links.adminLinkProviderForUser,
  AdminDisableProviderForUser: links.adminDisableProviderForUser,
  GetCSVHeader: imports.getCsvHeader,
  CreateUserImportJob: imports.createUserImportJob,
  DescribeUserImportJob: imports.describeUserImportJob,
  ListUserImportJobs: imports.listUserImportJobs,
  StartUserImportJob: imports.startUserImportJob,
  StopUserImportJob: imports.stopUserImportJob,
  SetRiskConfiguration: risk.setRiskConfiguration,
  DescribeRiskConfiguration: risk.describeRiskConfiguration,
  AdminUpdateAuthEventFeedback: risk.adminUpdateAuthEventFeedback,
  UpdateAuthEventFeedback: risk.updateAuthEventFeedback,
  SetUICustomization: setUiCustomization,
  GetUICustomization: getUiCustomization,
  SetLogDeliveryConfiguration: setLogDeliveryConfiguration,
  GetLogDeliveryConfiguration: getLogDeliveryConfiguration,
  GetSigningCertificate: getSigningCertificate,
  SetUserSettings: setUserSettings,
  AdminSetUserSettings: adminSetUserSettings,
  CreateManagedLoginBranding: login.createManagedLoginBranding,
  DescribeManagedLoginBranding: login.describeManagedLoginBranding,
  DescribeManagedLoginBrandingByClient: login.describeManagedLoginBrandingByClient,
  UpdateManagedLoginBranding: login.updateManagedLoginBranding,
  DeleteManagedLoginBranding: login.deleteManagedLoginBranding,
  CreateTerms: login.createTerms,
  DescribeTerms: login.describeTerms,
  ListTerms: login.listTerms,
  UpdateTerms: login.updateTerms,
  DeleteTerms: login.deleteTerms,
  AddUserPoolClientSecret: secrets.addUserPoolClientSecret,
  ListUserPoolClientSecrets: secrets.listUserPoolClientSecrets,
  DeleteUserPoolClientSecret: secrets.deleteUserPoolClientSecret,
};
