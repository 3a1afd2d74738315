import type { CognitoAuthResponse, StepContext } from '@nextstep/core';

/**
 * Answers the current challenge directly (instead of a `respond` outcome) when the plugin
 * must act on Cognito's answer before core sees it, e.g. to mark TOTP preferred with the
 * access token of a finished sign-in.
 */
export async function respondDirect(
  ctx: StepContext,
  challengeName: string,
  responses: Record<string, string>,
): Promise<CognitoAuthResponse> {
  const secretHash = await ctx.secretHash(ctx.username);
  const input: Record<string, unknown> = {
    ClientId: ctx.clientId,
    ChallengeName: challengeName,
    Session: ctx.session,
    ChallengeResponses: { USERNAME: ctx.username, ...(secretHash ? { SECRET_HASH: secretHash } : {}), ...responses },
  };
  // What core would send: the answer's ClientMetadata, else the sign-in's.
  const metadata = ctx.options.clientMetadata ?? ctx.clientMetadata;
  if (metadata) input.ClientMetadata = { ...metadata };
  return (await ctx.cognito.send('RespondToAuthChallenge', input)) as CognitoAuthResponse;
}
