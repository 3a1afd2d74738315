/** The tokens of a finished sign-in, from Cognito's AuthenticationResult. @module */
import type { AuthTokens, CognitoAuthResponse } from './types.js';

/** Amplify's token shape, frozen; undefined when the answer carries no access token. */
export function tokensOf(response: CognitoAuthResponse): AuthTokens | undefined {
  const result = response.AuthenticationResult;
  if (!result?.AccessToken) return undefined;
  const tokens: AuthTokens = { accessToken: result.AccessToken };
  if (result.IdToken) tokens.idToken = result.IdToken;
  if (result.RefreshToken) tokens.refreshToken = result.RefreshToken;
  if (result.ExpiresIn !== undefined) tokens.expiresIn = result.ExpiresIn;
  if (result.TokenType) tokens.tokenType = result.TokenType;
  return Object.freeze(tokens);
}
