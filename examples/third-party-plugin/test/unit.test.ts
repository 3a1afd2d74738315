// Unit tests with the kit: the handler core's real registration picks, a complete fake context.
import { describe, expect, it } from 'vitest';
import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';
import { securityQuestion, SECURITY_QUESTION_STEP } from '../src/index.js';

const step = descriptor(SECURITY_QUESTION_STEP, 'SECURITY_QUESTION', { question: 'Name of your first pet?' });

describe('security question plugin', () => {
  it('is the handler core picks, showing the question', () => {
    const h = handlerFor(securityQuestion(), step)!;
    expect(h.plugin).toBe('nextstep-plugin-security-question');
    expect(h.view(fakeContext(step))).toEqual({ signInStep: SECURITY_QUESTION_STEP, question: 'Name of your first pet?' });
  });

  it('refuses empty and short answers locally, naming the problem', () => {
    const h = handlerFor(securityQuestion({ minLength: 3 }), step)!;
    const ctx = fakeContext(step);
    expect(() => h.validate!('  ', ctx)).toThrow(expect.objectContaining({ name: 'EmptyChallengeResponse', kind: 'validation' }));
    expect(() => h.validate!('ab', ctx)).toThrow(expect.objectContaining({ name: 'SecurityAnswerTooShort', kind: 'validation' }));
    expect(() => h.validate!('Rex', ctx)).not.toThrow();
  });

  it('answers the challenge with the normalised answer and calls nothing itself', async () => {
    const ctx = fakeContext(step);
    const outcome = await handlerFor(securityQuestion(), step)!.answer('  Rex ', ctx);
    expect(outcome).toEqual({ kind: 'respond', challengeName: 'SECURITY_QUESTION', challengeResponses: { ANSWER: 'rex' } });
    expect(ctx.calls).toEqual([]);
  });
});
