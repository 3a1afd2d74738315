/**
 * `webauthn()`: a passkey as first factor. Cognito's WEB_AUTHN challenge (USER_AUTH with
 * `preferredChallenge: 'WEB_AUTHN'`, or WEB_AUTHN picked at first-factor selection) is
 * answered by running the authenticator with CREDENTIAL_REQUEST_OPTIONS and sending
 * CREDENTIAL. When the ceremony fails locally (the user cancels, no authenticator, wrong
 * relying party) nothing is sent: the app gets `CONFIRM_SIGN_IN_WITH_PASSKEY` with a typed
 * error and may try again on the same flow.
 * @module
 */
import { definePlugin, PLUGIN_API_VERSION, isAuthError, AuthError } from '@nextstep/core/plugin';
import type { NextstepPlugin, StepContext, StepHandler, StepOutcome } from '@nextstep/core/plugin';
import { browserAuthenticator, ceremony, type Authenticator, type RequestOptionsJSON, type WebAuthnErrorName } from './authenticator.js';
import { register } from './registry.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** The step type the app sees after a failed passkey ceremony. */
export const PASSKEY_STEP = 'CONFIRM_SIGN_IN_WITH_PASSKEY';

/**
 * A passkey ceremony failed before anything was sent. `confirm('RETRY')` runs it again on
 * the same Cognito session; or start a new sign-in with another first factor.
 */
export interface PasskeyRetryStep {
  /** The step's name. */
  signInStep: typeof PASSKEY_STEP;
  /** Why the last ceremony failed. */
  error: {
    /** The error's name. */
    name: WebAuthnErrorName;
    /** A message safe to show. */
    message: string;
  };
}

/** Options of {@link webauthn}. */
export interface WebAuthnOptions {
  /** Who runs the ceremonies: `navigator.credentials` by default; in Node, e.g. `softwareAuthenticator(...)` (tests, servers). */
  authenticator?: Authenticator;
}

function requestOptions(ctx: StepContext): RequestOptionsJSON {
  try {
    return JSON.parse(ctx.step.parameters.CREDENTIAL_REQUEST_OPTIONS ?? '') as RequestOptionsJSON;
  } catch {
    throw new AuthError('UnexpectedCognitoResponse', 'The WEB_AUTHN challenge carries no valid CREDENTIAL_REQUEST_OPTIONS.', { kind: 'service' });
  }
}

/** The passkey plugin. */
export function webauthn(options: WebAuthnOptions = {}): NextstepPlugin<PasskeyRetryStep> {
  const authenticator = options.authenticator ?? browserAuthenticator();

  async function assertion(ctx: StepContext): Promise<StepOutcome> {
    const credential = await ceremony(() => authenticator.get(requestOptions(ctx)));
    return { kind: 'respond', challengeName: 'WEB_AUTHN', challengeResponses: { CREDENTIAL: JSON.stringify(credential) } };
  }

  const challenge: StepHandler<any> = {
    plugin: PLUGIN_NAME,
    view: () => ({ signInStep: PASSKEY_STEP, error: { name: 'WebAuthnFailed', message: '' } }),
    auto: () => true,
    async answer(_answer, ctx) {
      try {
        return await assertion(ctx);
      } catch (err) {
        if (!isAuthError(err) || err.kind !== 'validation') throw err;
        ctx.logger.debug('passkey ceremony failed', { flowId: ctx.flow.id, error: err.name });
        return {
          kind: 'step',
          step: { type: PASSKEY_STEP, challengeName: 'WEB_AUTHN', parameters: ctx.step.parameters, data: { error: { name: err.name, message: err.message } } },
        };
      }
    },
  };

  const retry: StepHandler<PasskeyRetryStep> = {
    plugin: PLUGIN_NAME,
    view: (ctx) => ({ signInStep: PASSKEY_STEP, error: ctx.step.data.error as PasskeyRetryStep['error'] }),
    // A failure here throws before anything is sent: the flow stays at this step.
    answer: (_answer, ctx) => assertion(ctx),
  };

  return definePlugin<PasskeyRetryStep>({
    name: PLUGIN_NAME,
    version: VERSION,
    api: PLUGIN_API_VERSION,
    steps: [
      { type: 'WEB_AUTHN', handler: challenge },
      { type: PASSKEY_STEP, handler: retry },
    ],
    apply({ hooks }) {
      register(hooks, authenticator);
    },
  });
}
