import { describe, expect, it } from 'vitest';
import { createAuthChallenge, defineAuthChallenge, SECURITY_ANSWER, SECURITY_QUESTION, solveCaptcha, verifyAuthChallengeResponse } from '../src/demo-triggers.js';

type Entry = { challengeName: string; challengeResult: boolean; challengeMetadata?: string };
const define = async (session: Entry[]) => (await defineAuthChallenge({ request: { session }, response: {} })).response;
const create = async (session: Entry[]) => (await createAuthChallenge({ request: { session }, response: {} })).response as {
  publicChallengeParameters: Record<string, string>; privateChallengeParameters: Record<string, string>; challengeMetadata: string;
};

describe('demo custom-auth triggers', () => {
  it('asks SRP first, then a captcha, then the question, then issues tokens', async () => {
    expect(await define([{ challengeName: 'SRP_A', challengeResult: true }])).toMatchObject({ challengeName: 'PASSWORD_VERIFIER', issueTokens: false });
    const afterSrp = [{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }];
    expect(await define(afterSrp)).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false });
    const captcha = await create(afterSrp);
    expect(captcha.publicChallengeParameters.challengeType).toBe('captcha');
    expect(solveCaptcha(captcha.publicChallengeParameters.question!)).toBe(captcha.privateChallengeParameters.answer);
    const solved = [...afterSrp, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'CAPTCHA' }];
    expect(await define(solved)).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE' });
    expect((await create(solved)).publicChallengeParameters).toEqual({ challengeType: 'security-question', question: SECURITY_QUESTION });
    const both = [...solved, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUESTION' }];
    expect(await define(both)).toMatchObject({ issueTokens: true, failAuthentication: false });
  });

  it('says "Not quite" after a wrong answer and fails after three', async () => {
    const wrong = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'CAPTCHA' };
    expect((await create([wrong])).publicChallengeParameters.question).toMatch(/^Not quite\. What is \d+ \+ \d+\?$/);
    expect(await define([wrong, wrong])).toMatchObject({ challengeName: 'CUSTOM_CHALLENGE' });
    expect(await define([wrong, wrong, wrong])).toMatchObject({ issueTokens: false, failAuthentication: true });
    expect(await define([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: false }])).toMatchObject({ failAuthentication: true });
  });

  it('verifies answers trimmed and case-insensitively', async () => {
    const verify = async (answer: string, expected: string) =>
      (await verifyAuthChallengeResponse({ request: { privateChallengeParameters: { answer: expected }, challengeAnswer: answer }, response: {} })).response.answerCorrect;
    expect(await verify(' REX ', SECURITY_ANSWER)).toBe(true);
    expect(await verify('rexy', SECURITY_ANSWER)).toBe(false);
    expect(await verify('', '')).toBe(false);
  });
});
