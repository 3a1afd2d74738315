import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, TriggerFunction } from './index.js';
import { startEmulator } from './index.js';
import { failure, sdkClient, srpSignIn, withEmulator } from './test-support/harness.js';

const POOL = 'us-east-1_custom';
const events: any[] = [];

// Two correct answers in a row issue tokens; three wrong answers fail the sign-in.
const define: TriggerFunction = (event) => {
  events.push(structuredClone(event));
  const s = event.request.session as { challengeName: string; challengeResult: boolean; challengeMetadata?: string }[];
  const last = s[s.length - 1];
  if (s.length === 1 && last?.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
  else if (s.filter((x) => x.challengeName === 'CUSTOM_CHALLENGE' && !x.challengeResult).length >= 3) event.response.failAuthentication = true;
  else if (s.filter((x) => x.challengeName === 'CUSTOM_CHALLENGE' && x.challengeResult).length >= 2) event.response.issueTokens = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
};
const create: TriggerFunction = async (event) => {
  events.push(structuredClone(event));
  await new Promise((r) => setTimeout(r, 1));
  const round = event.request.session.length;
  event.response.publicChallengeParameters = { question: `What is ${round} + ${round}?`, round, extra: { nested: true } };
  event.response.privateChallengeParameters = { answer: String(round * 2) };
  event.response.challengeMetadata = `ROUND_${round}`;
};
const verify: TriggerFunction = async (event) => {
  events.push(structuredClone(event));
  return { answerCorrect: event.request.challengeAnswer === event.request.privateChallengeParameters.answer };
};

let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          triggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify },
          clients: [{ id: 'c' }, { id: 'nocustom', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }],
          users: [{ username: 'carol', password: 'Passw0rd!', attributes: { email: 'carol@example.com' } }],
        },
        { id: 'us-east-1_noTriggers', clients: [{ id: 'plain' }], users: [{ username: 'dave', password: 'Passw0rd!' }] },
      ],
    },
  }));
});
afterAll(() => emu.close());

const answer = (session: string | undefined, text: string, username = 'carol') =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeResponses: { USERNAME: username, ANSWER: text }, ClientMetadata: { step: 'answer' } }));

describe('CUSTOM_AUTH', () => {
  it('without SRP: define → create → CUSTOM_CHALLENGE; answers go through verify and define again', async () => {
    events.length = 0;
    const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'carol' }, ClientMetadata: { app: 'test' } }));
    expect(first.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(first.ChallengeParameters).toEqual({ question: 'What is 0 + 0?', round: '0', extra: '{"nested":true}', USERNAME: 'carol' });
    expect(events[0]).toMatchObject({ triggerSource: 'DefineAuthChallenge_Authentication', userName: 'carol', userPoolId: POOL, request: { session: [], clientMetadata: { app: 'test' }, userAttributes: { email: 'carol@example.com' } } });
    expect(events[1]).toMatchObject({ triggerSource: 'CreateAuthChallenge_Authentication', request: { challengeName: 'CUSTOM_CHALLENGE' } });
    const wrong = await answer(first.Session, 'nope');
    expect(wrong.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const verifyEvent = events.find((e) => e.triggerSource === 'VerifyAuthChallengeResponse_Authentication');
    expect(verifyEvent.request).toMatchObject({ challengeAnswer: 'nope', privateChallengeParameters: { answer: '0' }, clientMetadata: { step: 'answer' } });
    const lastDefine = events.filter((e) => e.triggerSource === 'DefineAuthChallenge_Authentication').at(-1);
    expect(lastDefine.request.session).toEqual([{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'ROUND_0' }]);
    const r2 = await answer(wrong.Session, '2');
    const r3 = await answer(r2.Session, '4');
    expect(r3.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('with SRP first: define sees SRP_A, then PASSWORD_VERIFIER, then CUSTOM_CHALLENGE', async () => {
    events.length = 0;
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'c', username: 'carol', password: 'Passw0rd!', authFlow: 'CUSTOM_AUTH' });
    expect(events[0].request.session).toEqual([{ challengeName: 'SRP_A', challengeResult: true }]);
    expect(second.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const defines = events.filter((e) => e.triggerSource === 'DefineAuthChallenge_Authentication');
    expect(defines.at(-1).request.session).toEqual([
      { challengeName: 'SRP_A', challengeResult: true },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
    ]);
    const r1 = await answer(second.Session, '4');
    const r2 = await answer(r1.Session, '6');
    expect(r2.AuthenticationResult).toBeTruthy();
  });

  it('failAuthentication → NotAuthorizedException, and the session is dead', async () => {
    const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'carol' } }));
    const a = await answer(first.Session, 'x');
    const b = await answer(a.Session, 'x');
    const err = await failure(answer(b.Session, 'x'));
    expect(err.name).toBe('NotAuthorizedException');
    const again = await failure(answer(b.Session, '4'));
    expect(again).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('is refused when the client does not allow it or the pool has no triggers', async () => {
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'nocustom', AuthParameters: { USERNAME: 'carol' } })))).message).toBe('CUSTOM_AUTH flow not enabled for this client');
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'plain', AuthParameters: { USERNAME: 'dave' } })))).name).toBe('InvalidParameterException');
  });

  it('a throwing trigger → UserLambdaValidationException', async () => {
    const e2 = await startEmulator({ config: { pools: [{ id: 'us-east-1_throw', triggers: { defineAuthChallenge: () => { throw new Error('boom'); } }, clients: [{ id: 't' }], users: [{ username: 'x', password: 'Passw0rd!' }] }] } });
    try {
      const err = await failure(sdkClient(e2).send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 't', AuthParameters: { USERNAME: 'x' } })));
      expect(err).toMatchObject({ name: 'UserLambdaValidationException', message: 'DefineAuthChallenge failed with error boom.' });
    } finally {
      await e2.close();
    }
  });

  it('a trigger that never settles → UserLambdaValidationException after the timeout', async () => {
    const e2 = await startEmulator({ triggerTimeoutMs: 200, config: { pools: [{ id: 'us-east-1_hang', triggers: { defineAuthChallenge: () => new Promise(() => {}) }, clients: [{ id: 't' }], users: [{ username: 'x', password: 'Passw0rd!' }] }] } });
    try {
      const err = await failure(sdkClient(e2).send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 't', AuthParameters: { USERNAME: 'x' } })));
      expect(err).toMatchObject({ name: 'UserLambdaValidationException', message: 'DefineAuthChallenge failed with error Task timed out after 0.20 seconds.' });
    } finally {
      await e2.close();
    }
  });

  it('loads triggers from "./module.js#export" paths in a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nextstep-emu-'));
    writeFileSync(join(dir, 'triggers.mjs'), `
      export const define = (event) => { event.response.issueTokens = event.request.session.some((s) => s.challengeResult); event.response.challengeName = 'CUSTOM_CHALLENGE'; return event; };
      export async function create(event) { event.response.publicChallengeParameters = { hint: 'say open' }; event.response.privateChallengeParameters = { a: 'open' }; return event; }
      export default async (event) => { event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.a; return event; };
    `);
    writeFileSync(join(dir, 'pool.json'), JSON.stringify({ pools: [{ id: 'us-east-1_file', triggers: { defineAuthChallenge: './triggers.mjs#define', createAuthChallenge: './triggers.mjs#create', verifyAuthChallengeResponse: './triggers.mjs' }, clients: [{ id: 'f' }], users: [{ username: 'x', password: 'Passw0rd!' }] }] }));
    const e2 = await startEmulator({ config: join(dir, 'pool.json') });
    try {
      const c2 = sdkClient(e2);
      const first = await c2.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: 'f', AuthParameters: { USERNAME: 'x' } }));
      expect(first.ChallengeParameters?.hint).toBe('say open');
      const done = await c2.send(new RespondToAuthChallengeCommand({ ClientId: 'f', ChallengeName: 'CUSTOM_CHALLENGE', Session: first.Session, ChallengeResponses: { USERNAME: 'x', ANSWER: 'open' } }));
      expect(done.AuthenticationResult).toBeTruthy();
    } finally {
      await e2.close();
    }
  });
});
