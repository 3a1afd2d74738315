import type { CognitoAuthResponse, StepContext } from '@nextstep/core';

/**
 * Answers the current challenge directly (instead of a `respond` outcome) because a kind
 * handler added ClientMetadata, which rides on the RespondToAuthChallenge call itself.
 * The answer's own `options.clientMetadata` is kept; the handler's keys win.
 */
export async function respondDirect(
  ctx: StepContext,
  challengeName: string,
  responses: Record<string, string>,
  clientMetadata: Record<string, string>,
): Promise<CognitoAuthResponse> {
  const secretHash = await ctx.secretHash(ctx.username);
  return (await ctx.cognito.send('RespondToAuthChallenge', {
    ClientId: ctx.clientId,
    ChallengeName: challengeName,
    Session: ctx.session,
    ChallengeResponses: { USERNAME: ctx.username, ...(secretHash ? { SECRET_HASH: secretHash } : {}), ...responses },
    ClientMetadata: { ...(ctx.options.clientMetadata ?? {}), ...clientMetadata },
  })) as CognitoAuthResponse;
}
