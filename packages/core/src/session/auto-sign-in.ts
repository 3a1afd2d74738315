/**
 * Amplify JS v6's `autoSignIn`: after `signUp({ options: { autoSignIn: true } })` and
 * `confirmSignUp` answered `COMPLETE_AUTO_SIGN_IN`, signs the user in with Cognito's
 * sign-up Session (USER_AUTH), once, without asking for the password again.
 * @module
 */
import type { Auth } from '../auth.js';
import { AuthError } from '../errors.js';
import { validationError } from '../fail.js';
import { Flow } from '../flow.js';
import type { NextStep, SignInOutput } from '../types.js';
import { takeSignUp } from './pending-sign-up.js';
import { registered } from './registry.js';

/** Options of {@link autoSignIn}. */
export interface AutoSignInInput {
  /**
   * Whose confirmed sign-up to sign in. Optional with `sessions: 'one'` (the latest
   * confirmed sign-up); required with `sessions: 'many'`, where sign-ups run side by side.
   */
  username?: string;
}

/**
 * Signs in the user whose sign-up was just confirmed. The result is a sign-in output, DONE
 * (tokens stored) or a step to answer with `auth.confirmSignIn`. Rejects with
 * `AutoSignInException` when no confirmed sign-up with autoSignIn waits (or it was used).
 */
export async function autoSignIn(auth: Auth<any>, input: AutoSignInInput = {}): Promise<SignInOutput> {
  const { engine, adopt } = registered(auth);
  const username = input?.username;
  if (username !== undefined && (typeof username !== 'string' || username.trim() === '')) {
    throw validationError('EmptySignInUsername', 'The username is empty.');
  }
  if (username === undefined && engine.session.mode === 'many') {
    throw validationError('UsernameRequired', 'This Auth holds many users (sessions: "many"): pass the username to autoSignIn.');
  }
  const pending = takeSignUp(engine, username);
  if (!pending) {
    throw new AuthError('AutoSignInException', 'No confirmed sign-up waits for autoSignIn (or it was used already).', {
      kind: 'validation',
      recoverySuggestion: 'Call signUp with options.autoSignIn, then confirmSignUp, then autoSignIn once.',
    });
  }
  const flow = await Flow.start<NextStep>(engine, {
    id: globalThis.crypto.randomUUID(),
    username: pending.username,
    authFlow: 'USER_AUTH',
    ...(pending.session ? { signUpSession: pending.session } : {}),
    ...(pending.options.clientMetadata ? { clientMetadata: { ...pending.options.clientMetadata } } : {}),
  });
  adopt(flow as unknown as Flow);
  return (flow as unknown as Flow).output();
}
