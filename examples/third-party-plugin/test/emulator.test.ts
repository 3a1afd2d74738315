// End to end against @nextstep/emulator over HTTP, which injects a SECURITY_QUESTION challenge
// (one Cognito does not have) after the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import { securityQuestion } from '../src/index.js';

const PASSWORD = 'Correct-horse-9-sq';
let pool: EmulatorPool;

beforeAll(async () => {
  pool = await startEmulatorPool({
    id: 'us-east-1_SecurityQ',
    clients: [{ id: 'sq-client', secret: 'sq-client-secret-for-tests' }],
    users: ['ada', 'bob'].map((username) => ({
      username,
      password: PASSWORD,
      unknownChallenge: { challengeName: 'SECURITY_QUESTION', challengeParameters: { question: 'Name of your first pet?' }, answer: 'rex' },
    })),
  });
});
afterAll(() => pool?.close());

describe('security question against the emulator', () => {
  it('shows the typed step, refuses a bad answer locally, then signs in', async () => {
    const auth = pool.auth([securityQuestion()]);
    let out = await auth.signIn({ username: 'ada', password: PASSWORD });
    if (out.isSignedIn || out.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION') throw new Error(`unexpected ${out.nextStep.signInStep}`);
    expect(out.nextStep.question).toBe('Name of your first pet?');
    await expect(out.confirm('x')).rejects.toMatchObject({ name: 'SecurityAnswerTooShort' });
    out = await out.confirm(' Rex ');
    expect(out.isSignedIn).toBe(true);
    if (out.isSignedIn) expect(out.tokens.accessToken).toMatch(/^ey/);
  });

  it('without the plugin the challenge reaches the default handler, untyped', async () => {
    const out = await pool.auth([]).signIn({ username: 'bob', password: PASSWORD });
    expect(out.nextStep).toMatchObject({ signInStep: 'UNCLAIMED_CHALLENGE', challengeName: 'SECURITY_QUESTION' });
  });
});
