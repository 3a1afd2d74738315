/**
 * `@nextstep/plugin-webauthn`: passkeys in a nextstep sign-in (WEB_AUTHN as first factor)
 * and their management. A software authenticator for Node is in `@nextstep/plugin-webauthn/software`.
 * @module
 */
export { webauthn, PASSKEY_STEP } from './webauthn.js';
export type { WebAuthnOptions, PasskeyRetryStep } from './webauthn.js';
export { associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential } from './calls.js';
export type { AuthWebAuthnCredential, ListWebAuthnCredentialsInput, ListWebAuthnCredentialsOutput, DeleteWebAuthnCredentialInput } from './calls.js';
export { browserAuthenticator, webAuthnError } from './authenticator.js';
export type { Authenticator, CreationOptionsJSON, RequestOptionsJSON, CredentialJSON, WebAuthnErrorName } from './authenticator.js';
export { VERSION } from './version.js';
