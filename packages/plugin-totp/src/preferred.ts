import { AuthError, validationError } from '@nextstep/core/plugin';
import type { AuthTokens, CognitoTransport } from '@nextstep/core/plugin';

/**
 * What {@link markTotpPreferred} needs: a way to call Cognito and, unless an access token is
 * given, the tokens of a finished sign-in. A signed-in `Flow` has both; an `Auth` has
 * `cognito` (pass the access token then).
 */
export interface CognitoAccess {
  /** Calls Cognito (e.g. a flow's or an Auth's `cognito`). */
  readonly cognito: CognitoTransport;
  /** The tokens of a finished sign-in; the access token comes from here unless given. */
  readonly tokens?: AuthTokens | undefined;
}

/**
 * Makes TOTP the signed-in user's preferred MFA (SetUserMFAPreference with the access
 * token: `SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }`), e.g. after a
 * sign-in that set up an authenticator app. The call goes through the Auth instance's
 * transport and hooks.
 *
 * @example
 * ```ts
 * await flow.confirm(code);                 // CONTINUE_SIGN_IN_WITH_TOTP_SETUP → DONE
 * await markTotpPreferred(flow);            // uses flow.tokens.accessToken
 * await markTotpPreferred(auth, accessToken); // or any access token, through an Auth
 * ```
 * @param source a signed-in `Flow`, or an `Auth` (or anything with `cognito`) plus `accessToken`.
 * @param accessToken the user's access token; default `source.tokens.accessToken`.
 * @throws AuthError `NotSignedIn` (kind `validation`, nothing sent) without an access token;
 * Cognito's exception otherwise (e.g. `NotAuthorizedException`, `InvalidParameterException`
 * when the user has no verified software token).
 */
export async function markTotpPreferred(source: CognitoAccess, accessToken?: string): Promise<void> {
  if (!source || typeof source.cognito?.send !== 'function') {
    throw validationError('InvalidArgument', 'markTotpPreferred needs a signed-in flow or an Auth instance.');
  }
  const token = accessToken ?? source.tokens?.accessToken;
  if (typeof token !== 'string' || token === '') {
    throw new AuthError('NotSignedIn', 'There is no access token: finish the sign-in first, or pass the access token.', {
      kind: 'validation',
      recoverySuggestion: 'Call markTotpPreferred after the flow reaches DONE.',
    });
  }
  await source.cognito.send('SetUserMFAPreference', {
    AccessToken: token,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
}

/** The error's name only: never its message, which a transport might have filled from the input. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}
