// End to end against the emulator over HTTP, with custom-auth triggers given as functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthError } from '@nextstep/core';
import { CUSTOM_CHALLENGE_STEP, customChallenge, invalidAnswer } from './index.js';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import type { Emulator } from '@nextstep/emulator';

const PASSWORD = 'Correct-horse-9';

let emu: Emulator;
let env: EmulatorPool;
/** ClientMetadata the Verify trigger received, by round. */
const seenMetadata: Record<string, string>[] = [];

interface SessionEntry { challengeName: string; challengeResult: boolean; challengeMetadata?: string }

// Rounds per user: a question, then a captcha (which the app's handler answers by itself).
const ROUNDS: Record<string, { kind: string; question?: string; image?: string; answer: string }[]> = {
  quiz: [
    { kind: 'question', question: 'Capital of France?', answer: 'paris' },
    { kind: 'captcha', image: 'abc123', answer: '321cba' },
  ],
  mystery: [{ kind: 'retina-scan', answer: 'eye' }],
  plain: [{ kind: '', question: 'Say hello', answer: 'hello' }],
  doomed: [{ kind: 'question', question: 'Favourite colour?', answer: 'blue' }],
};

function define(event: any) {
  const session: SessionEntry[] = event.request.session ?? [];
  const rounds = ROUNDS[event.userName] ?? [];
  const last = session[session.length - 1];
  const custom = session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE');
  const r = event.response;
  r.issueTokens = false;
  r.failAuthentication = false;
  if (last?.challengeName === 'SRP_A') r.challengeName = 'PASSWORD_VERIFIER';
  else if (last && !last.challengeResult) {
    // One wrong answer ends "doomed"; the others may try again, up to three times.
    if (event.userName === 'doomed' || custom.filter((s) => !s.challengeResult).length >= 3) r.failAuthentication = true;
    else r.challengeName = 'CUSTOM_CHALLENGE';
  } else if (custom.filter((s) => s.challengeResult).length >= rounds.length) r.issueTokens = true;
  else r.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}

function create(event: any) {
  const session: SessionEntry[] = event.request.session ?? [];
  const passed = session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE' && s.challengeResult).length;
  const round = ROUNDS[event.userName]![passed]!;
  const pub: Record<string, string> = { round: String(passed + 1) };
  if (round.kind) pub.challengeType = round.kind;
  if (round.question) pub.question = round.question;
  if (round.image) pub.image = round.image;
  event.response.publicChallengeParameters = pub;
  event.response.privateChallengeParameters = { answer: round.answer };
  event.response.challengeMetadata = round.kind || 'plain';
  return event;
}

function verify(event: any) {
  seenMetadata.push({ ...(event.request.clientMetadata ?? {}) });
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}

beforeAll(async () => {
  env = await startEmulatorPool({
    id: 'us-east-1_PluginCustom',
    triggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify },
    // A client with a secret: answers this plugin sends itself must carry SECRET_HASH.
    clients: [{ id: 'custom-client', secret: 'custom-client-secret-for-tests' }],
    users: Object.keys(ROUNDS).map((username) => ({ username, password: PASSWORD })),
  });
  emu = env.emulator;
});
afterAll(() => emu?.close());

function plugin() {
  return customChallenge({
    handlers: {
      question: {
        validate(answer) {
          if (typeof answer !== 'string' || /\d/.test(answer)) throw invalidAnswer('Answer in words.');
        },
        answer: (a) => String(a).trim().toLowerCase(),
      },
      captcha: {
        auto: () => true,
        additionalInfo: (c) => ({ challengeType: 'captcha', note: 'solved automatically' , image: c.parameters.image! }),
        answer: (_a, c) => ({ answer: [...c.parameters.image!].reverse().join(''), clientMetadata: { solver: 'auto' } }),
      },
    },
  });
}

async function rejected(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    return e as AuthError;
  }
  throw new Error('expected a rejection');
}

describe('custom challenge plugin against the emulator', () => {
  for (const authFlowType of ['CUSTOM_WITHOUT_SRP', 'CUSTOM_WITH_SRP'] as const) {
    it(`${authFlowType}: dispatches rounds by kind, transforms, retries, and answers automatically with ClientMetadata`, async () => {
      seenMetadata.length = 0;
      const flow = await env.auth([plugin()]).signIn({
        username: 'quiz',
        ...(authFlowType === 'CUSTOM_WITH_SRP' ? { password: PASSWORD } : {}),
        options: { authFlowType },
      });
      expect(flow.nextStep).toEqual({
        signInStep: CUSTOM_CHALLENGE_STEP,
        // Cognito's ChallengeParameters as sent, USERNAME included (Amplify's additionalInfo too).
        additionalInfo: { USERNAME: 'quiz', round: '1', challengeType: 'question', question: 'Capital of France?' },
      });
      // Refused locally: nothing reaches the Verify trigger.
      expect((await rejected(flow.confirm('   '))).kind).toBe('validation');
      expect((await rejected(flow.confirm('42'))).name).toBe('InvalidChallengeAnswer');
      expect(seenMetadata).toHaveLength(0);

      // A wrong answer: Define asks again, so the flow is at a new round of the same kind.
      await flow.confirm('Lyon');
      expect(flow.nextStep.signInStep).toBe(CUSTOM_CHALLENGE_STEP);
      expect(seenMetadata).toHaveLength(1);

      // "  PARIS " is sent as "paris"; the captcha round then answers itself.
      await flow.confirm('  PARIS ');
      expect(flow.isSignedIn).toBe(true);
      expect(seenMetadata).toHaveLength(3);
      expect(seenMetadata[2]).toMatchObject({ solver: 'auto' });
    });
  }

  it("a handler's ClientMetadata is merged over the sign-in's, which every other round keeps", async () => {
    seenMetadata.length = 0;
    const flow = await env.auth([plugin()]).signIn({
      username: 'quiz',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP', clientMetadata: { app: 'web', solver: 'human' } },
    });
    await flow.confirm('Paris');
    expect(flow.isSignedIn).toBe(true);
    expect(seenMetadata).toEqual([
      { app: 'web', solver: 'human' }, // the question round: the sign-in's ClientMetadata
      { app: 'web', solver: 'auto' }, // the captcha round: its handler's key wins
    ]);
  });

  it('a challenge without a kind is answered plainly', async () => {
    const flow = await env.auth([plugin()]).signIn({ username: 'plain', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    expect(flow.nextStep).toEqual({ signInStep: CUSTOM_CHALLENGE_STEP, additionalInfo: { USERNAME: 'plain', round: '1', question: 'Say hello' } });
    await flow.confirm('hello');
    expect(flow.isSignedIn).toBe(true);
  });

  it('an unknown kind reaches the default handler, which surfaces it; a raw answer continues', async () => {
    const flow = await env.auth([plugin()]).signIn({ username: 'mystery', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    if (flow.nextStep.signInStep !== 'UNCLAIMED_CHALLENGE') throw new Error(`unexpected ${flow.nextStep.signInStep}`);
    expect(flow.nextStep.challengeName).toBe('CUSTOM_CHALLENGE');
    expect(flow.nextStep.challengeParameters).toMatchObject({ challengeType: 'retina-scan' });
    await flow.confirm({ challengeResponses: { ANSWER: 'eye' } });
    expect(flow.isSignedIn).toBe(true);
  });

  it("a trigger's failAuthentication ends the flow with the typed sign-in-again error", async () => {
    const flow = await env.auth([plugin()]).signIn({ username: 'doomed', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    expect(flow.nextStep.signInStep).toBe(CUSTOM_CHALLENGE_STEP);
    const e = await rejected(flow.confirm('red'));
    // Core's typed "sign in again" error (Cognito answered NotAuthorizedException).
    expect(e.kind).toBe('session');
    expect(flow.status).toBe('failed');
    await expect(flow.confirm('blue')).rejects.toMatchObject({ kind: 'validation', name: 'SignInFlowEnded' });
    expect(e.mustSignInAgain).toBe(true);
  });
});
