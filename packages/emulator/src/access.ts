/**
 * Who may call what. Cognito's unsigned operations (sign-in, sign-up, a user's own calls) are
 * open to any web origin, as Cognito's are. Everything else — admin operations, which Cognito
 * only takes SigV4-signed, and the `/_emulator/*` helper routes, which hand out client
 * secrets, codes and the clock — answers a browser only from the origins the user named
 * (`corsOrigins`); a request from any other origin is refused before it does anything.
 */

/** Operations Cognito accepts without SigV4 (public clients call them from browsers). */
export const UNSIGNED_OPERATIONS: ReadonlySet<string> = new Set([
  'InitiateAuth', 'RespondToAuthChallenge', 'SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword',
  'ConfirmForgotPassword', 'GetUser', 'UpdateUserAttributes', 'GetUserAttributeVerificationCode', 'VerifyUserAttribute',
  'DeleteUserAttributes', 'DeleteUser', 'ChangePassword', 'GlobalSignOut', 'RevokeToken', 'GetTokensFromRefreshToken',
  'AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference', 'SetUserSettings', 'ConfirmDevice', 'ForgetDevice',
  'GetDevice', 'ListDevices', 'UpdateDeviceStatus', 'GetUserAuthFactors', 'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration', 'ListWebAuthnCredentials', 'DeleteWebAuthnCredential', 'UpdateAuthEventFeedback',
]);

/** The origins allowed to reach admin operations and helper routes from a browser. */
export class CorsOrigins {
  private readonly origins = new Set<string>();

  constructor(origins: Iterable<string> = []) {
    for (const o of origins) this.add(o);
  }

  /** Allows one more origin (`http://localhost:5173`); throws on anything that is not an origin. */
  add(origin: string): void {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`CORS origin ${JSON.stringify(origin)} is not a URL origin like http://localhost:5173`);
    }
    if (parsed.origin === 'null' || parsed.origin !== origin.replace(/\/$/, '')) throw new Error(`CORS origin ${JSON.stringify(origin)} must be an origin (scheme://host[:port]) without a path`);
    this.origins.add(parsed.origin);
  }

  /** True for a request without an Origin header (not a browser page) or from a named origin. */
  allows(origin: string | undefined): boolean {
    return origin === undefined || this.origins.has(origin);
  }

  list(): string[] {
    return [...this.origins];
  }
}

/** True when the Authorization header is an AWS Signature Version 4 (any credentials: the emulator does not check them). */
export function isSigV4(authorization: string | undefined): boolean {
  return typeof authorization === 'string' && /^AWS4-HMAC-SHA256 Credential=[^,]+,\s*SignedHeaders=[^,]+,\s*Signature=[0-9a-f]+$/.test(authorization.trim());
}
