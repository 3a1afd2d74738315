import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import { CUSTOM_CHALLENGE_STEP, customChallenge, invalidAnswer } from './index.js';
import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';

const plainStep = descriptor(CUSTOM_CHALLENGE_STEP, 'CUSTOM_CHALLENGE', { question: 'Capital of France?' });
const captchaStep = descriptor(CUSTOM_CHALLENGE_STEP, 'CUSTOM_CHALLENGE', { challengeType: 'captcha', image: 'x.png' });
const unknownStep = descriptor(CUSTOM_CHALLENGE_STEP, 'CUSTOM_CHALLENGE', { challengeType: 'retina-scan' });

describe('custom challenge plugin', () => {
  it('reports the version in package.json and the plugin API it implements', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    const plugin = customChallenge();
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.api).toBe(PLUGIN_API_VERSION);
  });

  it('handles a challenge without a kind as a plain ANSWER, showing the public parameters', async () => {
    const h = handlerFor(customChallenge(), plainStep)!;
    expect(h.view(fakeContext(plainStep))).toEqual({ signInStep: CUSTOM_CHALLENGE_STEP, additionalInfo: { question: 'Capital of France?' } });
    expect(() => h.validate!('', fakeContext(plainStep))).toThrow(AuthError);
    await expect(h.answer('Paris', fakeContext(plainStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResponses: { ANSWER: 'Paris' },
    });
  });

  it('dispatches by the kind parameter to the registered handler', async () => {
    const plugin = customChallenge({
      handlers: {
        captcha: {
          additionalInfo: (c) => ({ kind: c.kind!, image: c.parameters.image }),
          validate(answer) {
            if (typeof answer !== 'string' || !/^[a-z]{5}$/.test(answer)) throw invalidAnswer('Type the five letters.');
          },
          answer: (a) => String(a).toUpperCase(),
        },
      },
    });
    const h = handlerFor(plugin, captchaStep)!;
    expect(h.view(fakeContext(captchaStep))).toEqual({ signInStep: CUSTOM_CHALLENGE_STEP, additionalInfo: { kind: 'captcha', image: 'x.png' } });
    expect(() => h.validate!('abc', fakeContext(captchaStep))).toThrow(expect.objectContaining({ name: 'InvalidChallengeAnswer', kind: 'validation' }));
    await expect(h.answer('abcde', fakeContext(captchaStep))).resolves.toMatchObject({ challengeResponses: { ANSWER: 'ABCDE' } });
  });

  it("hands a kind handler's ClientMetadata to core in the respond outcome", async () => {
    const plugin = customChallenge({ handlers: { captcha: { answer: (a) => ({ answer: String(a), clientMetadata: { solver: 'app' } }) } } });
    const h = handlerFor(plugin, captchaStep)!;
    await expect(h.answer('abcde', fakeContext(captchaStep))).resolves.toEqual({
      kind: 'respond',
      challengeName: 'CUSTOM_CHALLENGE',
      challengeResponses: { ANSWER: 'abcde' },
      clientMetadata: { solver: 'app' },
    });
  });

  it('leaves an unknown kind unclaimed (default handler) unless told to answer it plainly', () => {
    expect(handlerFor(customChallenge({ handlers: { captcha: {} } }), unknownStep)).toBeUndefined();
    expect(handlerFor(customChallenge(), unknownStep)).toBeUndefined();
    expect(handlerFor(customChallenge({ unknownKinds: 'answer' }), unknownStep)).toBeDefined();
  });

  it('takes handlers registered later, under a kind parameter the app names', () => {
    const step = descriptor(CUSTOM_CHALLENGE_STEP, 'CUSTOM_CHALLENGE', { flavour: 'question' });
    const plugin = customChallenge({ kindParameter: 'flavour' });
    expect(handlerFor(plugin, step)).toBeUndefined();
    expect(plugin.register('question', {}).kinds()).toEqual(['question']);
    expect(handlerFor(plugin, step)).toBeDefined();
    expect(() => plugin.register('', {})).toThrow(expect.objectContaining({ kind: 'config' }));
    expect(() => customChallenge({ kindParameter: '' })).toThrow(expect.objectContaining({ kind: 'config' }));
  });

  it('lets a handler answer automatically', async () => {
    const plugin = customChallenge({ handlers: { captcha: { auto: () => true, answer: (_a, c) => `auto:${c.parameters.image}` } } });
    const h = handlerFor(plugin, captchaStep)!;
    expect(h.auto!(fakeContext(captchaStep))).toBe(true);
    await expect(h.answer(undefined, fakeContext(captchaStep))).resolves.toMatchObject({ challengeResponses: { ANSWER: 'auto:x.png' } });
  });

  it('refuses a handler answer that is empty', async () => {
    const h = handlerFor(customChallenge({ handlers: { captcha: { answer: () => '' } } }), captchaStep)!;
    await expect(h.answer('x', fakeContext(captchaStep))).rejects.toMatchObject({ kind: 'validation' });
  });
});
