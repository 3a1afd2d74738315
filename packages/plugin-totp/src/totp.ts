import { AuthError, checkCode, configError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import type {
  CognitoAuthResponse,
  NextstepPlugin,
  StepAnswer,
  StepContext,
  StepHandler,
  StepOutcome,
  TotpCodeStep,
  TotpSetupDetails,
  TotpSetupStep,
} from '@nextstep/core/plugin';
import { errorName, markTotpPreferred } from './preferred.js';
import { buildSetupUri } from './setup-uri.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** The sign-in step with a code from the authenticator app. */
export const TOTP_CODE_STEP = 'CONFIRM_SIGN_IN_WITH_TOTP_CODE';
/** The step that adds an authenticator app during sign-in (Cognito's MFA_SETUP). */
export const TOTP_SETUP_STEP = 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP';

/** Options of {@link totp}. */
export interface TotpOptions {
  /**
   * The service name authenticator apps show; the default `appName` of
   * `totpSetupDetails.getSetupUri()`. Default `nextstep`.
   */
  issuer?: string;
  /** Device name given to VerifySoftwareToken; an answer's `options.friendlyDeviceName` wins. */
  friendlyDeviceName?: string;
  /**
   * After a setup ends the sign-in, make TOTP the user's preferred MFA
   * (SetUserMFAPreference with the new access token). Default false. A failure there is
   * logged and does not undo the sign-in.
   */
  markPreferred?: boolean;
}

/** Key of the secret in the setup step's state (kept so a resumed flow shows the same secret). */
const SECRET = 'sharedSecret';

/**
 * The TOTP plugin: claims `CONFIRM_SIGN_IN_WITH_TOTP_CODE` (Cognito's SOFTWARE_TOKEN_MFA)
 * and `CONTINUE_SIGN_IN_WITH_TOTP_SETUP` (MFA_SETUP offering an authenticator app).
 *
 * On entering setup it calls AssociateSoftwareToken and shows `totpSetupDetails`
 * (`sharedSecret`, `getSetupUri(appName?, accountName?)`); the answer goes through
 * VerifySoftwareToken, then MFA_SETUP is answered with the Session that returns. A QR code of
 * the URI is in the separate `@nextstep/plugin-totp/qr` entry.
 *
 * @example
 * ```ts
 * const auth = createAuth({ userPool, plugins: [totp({ issuer: 'Acme' })], defaultHandler: surfaceUnclaimed });
 * ```
 */
export function totp(options: TotpOptions = {}): NextstepPlugin<TotpCodeStep | TotpSetupStep> {
  const issuer = options.issuer ?? 'nextstep';
  if (issuer.trim() === '') {
    throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: issuer must be non-empty.`);
  }

  const codeHandler: StepHandler<TotpCodeStep> = {
    plugin: PLUGIN_NAME,
    view: () => ({ signInStep: TOTP_CODE_STEP }),
    validate(answer) {
      checkCode(answer, [6], 'authenticator code');
    },
    async answer(answer) {
      const code = checkCode(answer, [6], 'authenticator code');
      return { kind: 'respond', challengeName: 'SOFTWARE_TOKEN_MFA', challengeResponses: { SOFTWARE_TOKEN_MFA_CODE: code } };
    },
  };

  const setupHandler: StepHandler<TotpSetupStep> = {
    plugin: PLUGIN_NAME,
    async enter(ctx: StepContext) {
      if (typeof ctx.state[SECRET] === 'string') return; // already associated (e.g. resumed)
      if (!ctx.session) throw noSession();
      const out = await ctx.cognito.send('AssociateSoftwareToken', { Session: ctx.session });
      if (typeof out.SecretCode !== 'string') {
        throw new AuthError('InvalidAssociateResponse', 'AssociateSoftwareToken returned no secret.', { kind: 'service' });
      }
      ctx.state[SECRET] = out.SecretCode;
    },
    view(ctx) {
      const sharedSecret = String(ctx.state[SECRET] ?? '');
      const username = ctx.username;
      const totpSetupDetails: TotpSetupDetails = {
        sharedSecret,
        getSetupUri: (appName?: string, accountName?: string) =>
          buildSetupUri(sharedSecret, appName || issuer, accountName || username),
      };
      return { signInStep: TOTP_SETUP_STEP, totpSetupDetails };
    },
    validate(answer) {
      checkCode(answer, [6], 'authenticator code');
    },
    async answer(answer: StepAnswer | undefined, ctx: StepContext): Promise<StepOutcome> {
      const code = checkCode(answer, [6], 'authenticator code');
      if (!ctx.session) throw noSession();
      const input: Record<string, unknown> = { Session: ctx.session, UserCode: code };
      const deviceName = ctx.options.friendlyDeviceName ?? options.friendlyDeviceName;
      if (deviceName) input.FriendlyDeviceName = deviceName;
      // A wrong code rejects here with EnableSoftwareTokenMFAException; the Session is
      // untouched, so the step can be answered again. A Session Cognito returns becomes the
      // flow's (core records it), so MFA_SETUP below is answered with it.
      const verified = await ctx.cognito.send('VerifySoftwareToken', input);
      if (verified.Status !== undefined && verified.Status !== 'SUCCESS') {
        throw new AuthError('EnableSoftwareTokenMFAException', 'The authenticator code was not accepted.', {
          kind: 'service',
          recoverySuggestion: 'Type the current code from the authenticator app.',
        });
      }
      if (!options.markPreferred) return { kind: 'respond', challengeName: 'MFA_SETUP', challengeResponses: {} };

      // Answered here rather than by a `respond` outcome: the plugin needs the new access token
      // before the flow reports DONE. Core adds ClientId, USERNAME, SECRET_HASH, the Session
      // and ClientMetadata to this call as to its own.
      const response = (await ctx.cognito.send('RespondToAuthChallenge', {
        ChallengeName: 'MFA_SETUP',
        ChallengeResponses: {},
      })) as CognitoAuthResponse;
      const accessToken = response.AuthenticationResult?.AccessToken;
      if (accessToken) await markPreferredAfterSetup(ctx, accessToken);
      return { kind: 'response', response };
    },
  };

  return {
    name: PLUGIN_NAME,
    version: VERSION,
    api: PLUGIN_API_VERSION,
    steps: [
      { type: TOTP_CODE_STEP, handler: codeHandler },
      { type: TOTP_SETUP_STEP, handler: setupHandler },
    ],
  };
}

/** `markPreferred`: a preference that did not stick is worth a warning, not a failed sign-in. */
async function markPreferredAfterSetup(ctx: StepContext, accessToken: string): Promise<void> {
  try {
    await markTotpPreferred(ctx, accessToken);
  } catch (error) {
    (ctx.logger.warn ?? ctx.logger.debug).call(ctx.logger, 'totp: could not mark TOTP preferred', { error: errorName(error) });
  }
}

function noSession(): AuthError {
  return new AuthError('SessionMissing', 'TOTP setup needs the sign-in Session, and the flow has none.', {
    kind: 'session',
    recoverySuggestion: 'Sign in again.',
  });
}
