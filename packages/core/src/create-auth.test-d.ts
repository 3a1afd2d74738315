import { expectTypeOf, test } from 'vitest';
import { createAuth, failUnclaimed, surfaceUnclaimed, type AppStep, type Auth, type CoreStep, type NextStep, type SignInResult, type UnclaimedChallengeStep } from './index.js';
import { definePlugin, PLUGIN_API_VERSION, type NextstepPlugin, type StepAnswer } from './plugin.js';

const userPool = { userPoolId: 'us-east-1_Test1', clientId: 'client' };

/** A third-party step with its own fields. */
interface PinStep {
  signInStep: 'ACME_PIN';
  digits: number;
}

const pin = () =>
  definePlugin<PinStep>({
    name: '@acme/pin',
    api: PLUGIN_API_VERSION,
    steps: [
      {
        type: 'ACME_PIN',
        handler: { plugin: '@acme/pin', view: () => ({ signInStep: 'ACME_PIN', digits: 4 }), answer: async () => ({ kind: 'restart' }) },
      },
    ],
  });

test('defaultHandler is required by the type', () => {
  // @ts-expect-error: a missing defaultHandler must not compile
  createAuth({ userPool, plugins: [] });
  expectTypeOf(createAuth({ userPool, plugins: [], defaultHandler: surfaceUnclaimed })).toEqualTypeOf<Auth<AppStep<[]>>>();
  expectTypeOf(createAuth({ userPool, defaultHandler: failUnclaimed })).toEqualTypeOf<Auth<CoreStep | UnclaimedChallengeStep>>();
});

test('nextStep is a union discriminated by signInStep', () => {
  const step = {} as NextStep;
  if (step.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION') {
    expectTypeOf(step.allowedMFATypes).toEqualTypeOf<('SMS' | 'TOTP' | 'EMAIL')[]>();
  }
  if (step.signInStep === 'DONE') expectTypeOf(step.tokens.accessToken).toBeString();
  if (step.signInStep === 'UNCLAIMED_CHALLENGE') expectTypeOf(step.challengeParameters).toEqualTypeOf<Record<string, string>>();
});

test('the app step union is inferred from the plugins given to createAuth', async () => {
  const auth = createAuth({ userPool, plugins: [pin()], defaultHandler: surfaceUnclaimed });
  const out = await auth.signIn({ username: 'ada', password: 'pw' });
  expectTypeOf(out.nextStep.signInStep).toEqualTypeOf<CoreStep['signInStep'] | 'ACME_PIN' | 'UNCLAIMED_CHALLENGE'>();
  if (!out.isSignedIn) {
    switch (out.nextStep.signInStep) {
      case 'ACME_PIN':
        expectTypeOf(out.nextStep.digits).toBeNumber();
        break;
      case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
        expectTypeOf(out.nextStep.allowedMFATypes).toEqualTypeOf<('SMS' | 'TOTP' | 'EMAIL')[]>();
        break;
      // @ts-expect-error: no plugin for SMS codes was given, so the step is not in the union
      case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
        break;
    }
  }
  // A plugin declared to show no steps adds nothing.
  const trace = definePlugin({ name: '@acme/trace', api: PLUGIN_API_VERSION, steps: [] });
  expectTypeOf(createAuth({ userPool, plugins: [trace], defaultHandler: surfaceUnclaimed })).toEqualTypeOf<Auth<CoreStep | UnclaimedChallengeStep>>();
  // A plugin that does not declare its steps may show any of them: the app sees every Amplify step.
  const plain: NextstepPlugin = { name: '@acme/old-style', api: PLUGIN_API_VERSION, steps: [] };
  expectTypeOf(createAuth({ userPool, plugins: [plain, pin()], defaultHandler: surfaceUnclaimed })).toEqualTypeOf<Auth<NextStep | PinStep>>();
});

test('the confirm loop narrows afresh after each await', async () => {
  const auth = createAuth({ userPool, plugins: [pin()], defaultHandler: surfaceUnclaimed });
  const ask = async (_step: { signInStep: string }): Promise<StepAnswer> => '1234';
  let out = await auth.signIn({ username: 'ada', password: 'pw' });
  if (!out.isSignedIn && out.nextStep.signInStep === 'ACME_PIN') {
    out = await out.confirm('1234');
    // After the await the step may be any again (no TS2367 "no overlap" here).
    if (!out.isSignedIn && out.nextStep.signInStep === 'CONFIRM_SIGN_UP') expectTypeOf(out.nextStep).toEqualTypeOf<{ signInStep: 'CONFIRM_SIGN_UP' }>();
  }
  while (!out.isSignedIn) {
    expectTypeOf(out.nextStep.signInStep).not.toEqualTypeOf<'DONE'>();
    out = await out.confirm(await ask(out.nextStep));
  }
  expectTypeOf(out.isSignedIn).toEqualTypeOf<true>();
  expectTypeOf(out.tokens.accessToken).toBeString();
  expectTypeOf(out).toMatchTypeOf<SignInResult<AppStep<[ReturnType<typeof pin>]>>>();
});
