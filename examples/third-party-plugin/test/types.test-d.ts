// Type tests (checked by tsc): the app's step union gains the plugin's step and its fields.
import { expectTypeOf } from 'vitest';
import { createAuth, surfaceUnclaimed } from '@nextstep/core';
import { securityQuestion, type SecurityQuestionStep } from '../src/index.js';

const auth = createAuth({ userPool: { userPoolId: 'us-east-1_X', clientId: 'c' }, plugins: [securityQuestion()], defaultHandler: surfaceUnclaimed });
export async function signIn(ask: (question: string) => Promise<string>) {
  let out = await auth.signIn({ username: 'ada', password: 'pw' });
  while (!out.isSignedIn) {
    if (out.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION') {
      expectTypeOf(out.nextStep).toEqualTypeOf<SecurityQuestionStep>();
      out = await out.confirm(await ask(out.nextStep.question));
    } else {
      throw new Error(`not handled here: ${out.nextStep.signInStep}`);
    }
  }
  return out.tokens;
}
