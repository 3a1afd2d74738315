// End to end: one registration per step decides both who handles a step and what is installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NextstepPlugin } from './index.js';
import { PLUGIN_API_VERSION } from './plugin.js';
import { PASSWORD, startCoreFixture, type CoreFixture } from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

describe('step registration', () => {
  it('stage -10 on CONFIRM_SIGN_IN_WITH_PASSWORD replaces the built-in handler in a real sign-in', async () => {
    const answered: string[] = [];
    const pw: NextstepPlugin = {
      name: '@acme/password-pad',
      api: PLUGIN_API_VERSION,
      steps: [
        {
          type: 'CONFIRM_SIGN_IN_WITH_PASSWORD',
          stage: -10,
          handler: {
            plugin: '@acme/password-pad',
            view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
            async answer(answer) {
              answered.push('acme');
              // The app's password pad sends the password with a prefix the handler strips.
              return { kind: 'respond', challengeResponses: { ANSWER: 'PASSWORD', PASSWORD: String(answer).replace(/^pad:/, '') } };
            },
          },
        },
      ],
    };
    const flow = await fx.auth({ plugins: [pw] }).signIn({ username: 'alice', options: { authFlowType: 'USER_AUTH' } });
    let out = await flow.confirm('PASSWORD');
    expect(out.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
    out = await out.confirm(`pad:${PASSWORD}`);
    expect(answered).toEqual(['acme']);
    expect(out.isSignedIn).toBe(true);
  });

  it('a step handled by any plugin counts as installed for MFA selection', async () => {
    // Regression: a handler registered apart from the plugin's claims was "not installed", so
    // SELECT_MFA_TYPE went to the default handler although TOTP had a handler.
    const totpLike: NextstepPlugin = {
      name: '@acme/authenticator',
      api: PLUGIN_API_VERSION,
      steps: [
        {
          type: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
          handler: () => ({
            plugin: '@acme/authenticator',
            view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }),
            answer: async (answer) => ({ kind: 'respond', challengeResponses: { SOFTWARE_TOKEN_MFA_CODE: String(answer) } }),
          }),
        },
      ],
    };
    let out = await fx.auth({ plugins: [totpLike] }).signIn({ username: 'chooser', password: PASSWORD });
    expect(out.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['TOTP'] });
    out = await out.confirm('TOTP');
    expect(out.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    out = await out.confirm(fx.emu.totpCode('us-east-1_CoreTest', 'chooser'));
    expect(out.isSignedIn).toBe(true);
  });
});
