// End-to-end: runSignIn drives flows to DONE, retrying after recoverable errors and
// orchestrating CONFIRM_SIGN_UP and RESET_PASSWORD.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, runSignIn, type PromptContext } from './index.js';
import { NEW_PASSWORD, PASSWORD, startCoreFixture, testCodePlugin, wrongCode, type CoreFixture } from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

const SMS = testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE');

describe('runSignIn', () => {
  it('retries a step after CodeMismatchException with lastError and attempt', async () => {
    const seen: { attempt: number; lastError?: string }[] = [];
    const flow = await runSignIn(fx.auth({ plugins: [SMS] }), { username: 'sms', password: PASSWORD }, {
      CONFIRM_SIGN_IN_WITH_SMS_CODE: (step, ctx: PromptContext) => {
        expect(step.codeDeliveryDetails?.deliveryMedium).toBe('SMS');
        seen.push({ attempt: ctx.attempt, ...(ctx.lastError ? { lastError: ctx.lastError.name } : {}) });
        return ctx.attempt === 1 ? wrongCode(fx.code('sms')) : fx.code('sms');
      },
    });
    expect(flow.isSignedIn).toBe(true);
    expect(seen).toEqual([{ attempt: 1 }, { attempt: 2, lastError: 'CodeMismatchException' }]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const run = runSignIn(fx.auth({ plugins: [SMS] }), { username: 'sms', password: PASSWORD }, {
      CONFIRM_SIGN_IN_WITH_SMS_CODE: () => wrongCode(fx.code('sms')),
    }, { maxAttempts: 2 });
    await expect(run).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });

  it('a local validation error is retried too', async () => {
    let asked = 0;
    const flow = await runSignIn(fx.auth({ plugins: [SMS] }), { username: 'sms', password: PASSWORD }, {
      CONFIRM_SIGN_IN_WITH_SMS_CODE: (_s, ctx) => (++asked === 1 ? 'abc' : (expect(ctx.lastError?.kind).toBe('validation'), fx.code('sms'))),
    });
    expect(flow.isSignedIn).toBe(true);
    expect(asked).toBe(2);
  });

  it('a step without a prompt ends the run with NoPrompterForStep', async () => {
    const run = runSignIn(fx.auth({ plugins: [SMS] }), { username: 'sms', password: PASSWORD }, {});
    const err = await run.catch((e: AuthError) => e);
    expect(err).toMatchObject({ name: 'NoPrompterForStep', kind: 'config' });
  });

  it('CONFIRM_SIGN_UP: sends a code, asks for it, confirms and signs in', async () => {
    const { pool } = await fx.freshUser({ password: PASSWORD });
    const auth = fx.auth({ pool });
    await auth.signUp({ username: 'runner-new', password: PASSWORD, options: { userAttributes: { email: 'rn@example.com' } } });
    fx.emu.outbox.clear();
    const flow = await runSignIn(auth, { username: 'runner-new', password: PASSWORD }, {
      CONFIRM_SIGN_UP: () => fx.code('runner-new', 'EMAIL', pool),
    });
    expect(flow.isSignedIn).toBe(true);
  });

  it('RESET_PASSWORD: starts the reset, asks code and new password, signs in with it', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD, status: 'RESET_REQUIRED', attributes: { email: 'rr@example.com', email_verified: 'true' } });
    const flow = await runSignIn(fx.auth({ pool }), { username, password: PASSWORD }, {
      RESET_PASSWORD: (step) => {
        expect(step.codeDeliveryDetails?.deliveryMedium).toBe('EMAIL');
        return { answer: fx.code(username, 'EMAIL', pool), options: { password: NEW_PASSWORD } };
      },
    });
    expect(flow.isSignedIn).toBe(true);
  });

  it('NEW_PASSWORD_REQUIRED with attributes through { answer, options }', async () => {
    const { pool, username } = await fx.freshUser({ password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['name'] });
    const flow = await runSignIn(fx.auth({ pool }), { username, password: PASSWORD }, {
      CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: (step) => ({ answer: NEW_PASSWORD, options: { userAttributes: Object.fromEntries(step.missingAttributes.map((a) => [a, 'Ada'])) } }),
    });
    expect(flow.isSignedIn).toBe(true);
  });
});
