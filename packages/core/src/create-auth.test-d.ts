import { expectTypeOf, test } from 'vitest';
import { createAuth, failUnclaimed, surfaceUnclaimed, type Auth, type NextStep } from './index.js';

const userPool = { userPoolId: 'us-east-1_Test1', clientId: 'client' };

test('defaultHandler is required by the type', () => {
  // @ts-expect-error: a missing defaultHandler must not compile
  createAuth({ userPool, plugins: [] });
  expectTypeOf(createAuth({ userPool, plugins: [], defaultHandler: surfaceUnclaimed })).toEqualTypeOf<Auth>();
  expectTypeOf(createAuth({ userPool, defaultHandler: failUnclaimed })).toEqualTypeOf<Auth>();
});

test('nextStep is a union discriminated by signInStep', () => {
  const step = {} as NextStep;
  if (step.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION') {
    expectTypeOf(step.allowedMFATypes).toEqualTypeOf<('SMS' | 'TOTP' | 'EMAIL')[]>();
  }
  if (step.signInStep === 'DONE') expectTypeOf(step.tokens.accessToken).toBeString();
  if (step.signInStep === 'UNCLAIMED_CHALLENGE') expectTypeOf(step.challengeParameters).toEqualTypeOf<Record<string, string>>();
});
