/**
 * Two drivers with one interface, so a scenario runs unchanged against aws-amplify v6 and
 * nextstep. Each call's result is recorded, normalised, in the driver's transcript: the
 * parity suite compares the two transcripts.
 */
import { Amplify } from 'aws-amplify';
import * as amplifyAuth from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import type { Auth } from './nextstep.js';

/** One recorded call: the normalised output, or the error's name. */
export interface Recorded {
  op: string;
  output?: unknown;
  error?: string;
}

/** Where a driver signs in. */
export interface PoolTarget {
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

/** Input of signIn, in Amplify's spelling (nextstep spells it the same). */
export interface SignInArgs {
  username: string;
  password?: string;
  options?: { authFlowType?: string; preferredChallenge?: string; clientMetadata?: Record<string, string> };
}

/** What a scenario may do; every call is recorded. */
export interface Driver {
  readonly name: 'amplify' | 'nextstep';
  readonly transcript: Recorded[];
  /** The last nextStep seen (raw, not normalised), e.g. to read a TOTP shared secret. */
  lastNextStep(): Record<string, any> | undefined;
  signIn(input: SignInArgs): Promise<void>;
  confirmSignIn(challengeResponse: string, options?: Record<string, unknown>): Promise<void>;
  signUp(input: { username: string; password: string; options?: { userAttributes?: Record<string, string> } }): Promise<void>;
  confirmSignUp(input: { username: string; confirmationCode: string }): Promise<void>;
  resendSignUpCode(input: { username: string }): Promise<void>;
  resetPassword(input: { username: string }): Promise<void>;
  confirmResetPassword(input: { username: string; confirmationCode: string; newPassword: string }): Promise<void>;
}

/**
 * Turns an output into comparable JSON: the user's name becomes `<user>`, a TOTP secret
 * `<secret>`, a sign-up's `userId` `<sub>`, `getSetupUri` is called (with and without an account name), and the tokens
 * nextstep adds to DONE are dropped (a deliberate addition, checked separately).
 */
export function normalise(value: unknown, username: string): unknown {
  const seen: Record<string, unknown> = {};
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'function') return undefined;
    if (v instanceof URL) return v.toString();
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (key === 'nextStep' && k === 'tokens') continue;
        if (k === 'totpSetupDetails' && x && typeof x === 'object') {
          const details = x as { sharedSecret: string; getSetupUri(app: string, account?: string): URL };
          seen.secret = details.sharedSecret;
          out[k] = {
            sharedSecret: details.sharedSecret,
            setupUri: details.getSetupUri('ParityApp').toString(),
            setupUriWithAccount: details.getSetupUri('ParityApp', 'ada@example.com').toString(),
          };
          continue;
        }
        // A sub differs between the two users by nature; its presence is what compares.
        if (k === 'userId' && typeof x === 'string') {
          out[k] = '<sub>';
          continue;
        }
        const w = walk(x, k);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    return v;
  };
  const walked = walk(value);
  if (walked === undefined) return undefined;
  let text = JSON.stringify(walked);
  if (typeof seen.secret === 'string' && seen.secret) text = text.split(seen.secret).join('<secret>');
  text = text.split(username).join('<user>');
  return JSON.parse(text);
}

abstract class Recording {
  readonly transcript: Recorded[] = [];
  protected nextStep: Record<string, any> | undefined;
  protected username = '';

  lastNextStep() {
    return this.nextStep;
  }

  /** Values that must never appear in an error (checked on the nextstep side only). */
  protected async record(op: string, username: string, run: () => Promise<unknown>, secrets: (string | undefined)[] = []): Promise<void> {
    if (username) this.username = username;
    try {
      const output = await run();
      if (output && typeof output === 'object' && 'nextStep' in output) this.nextStep = (output as any).nextStep;
      this.transcript.push({ op, output: normalise(output, this.username) });
    } catch (error) {
      const name = error instanceof Error ? error.name : String(error);
      const entry: Recorded = { op, error: name };
      // A password, code or answer echoed in an error is a leak: mark it so the transcripts differ.
      const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { metadata?: unknown }).metadata ?? {})}` : '';
      if (secrets.some((s) => s && s.length >= 4 && text.includes(s))) (entry as Recorded & { secretInError?: boolean }).secretInError = true;
      this.transcript.push(entry);
    }
  }
}

let amplifyQuiet = false;

/** aws-amplify v6 configured with `userPoolEndpoint` (one global sign-in, as in an app). */
export class AmplifyDriver extends Recording implements Driver {
  readonly name = 'amplify' as const;

  constructor(target: PoolTarget) {
    super();
    if (!amplifyQuiet) {
      // Amplify warns on every configure with a custom endpoint; the suite knows.
      ConsoleLogger.LOG_LEVEL = 'ERROR';
      amplifyQuiet = true;
    }
    Amplify.configure({
      Auth: { Cognito: { userPoolId: target.userPoolId, userPoolClientId: target.clientId, userPoolEndpoint: target.endpoint } },
    });
  }

  /** Ends whatever Amplify holds (tokens of an earlier scenario) so signIn may start. */
  async reset(): Promise<void> {
    await amplifyAuth.signOut().catch(() => undefined);
  }

  signIn(input: SignInArgs) {
    return this.record('signIn', input.username, () => amplifyAuth.signIn(input as amplifyAuth.SignInInput));
  }
  confirmSignIn(challengeResponse: string, options?: Record<string, unknown>) {
    return this.record('confirmSignIn', '', () =>
      amplifyAuth.confirmSignIn({ challengeResponse, ...(options ? { options } : {}) } as amplifyAuth.ConfirmSignInInput),
    );
  }
  signUp(input: { username: string; password: string; options?: { userAttributes?: Record<string, string> } }) {
    return this.record('signUp', input.username, () => amplifyAuth.signUp(input as amplifyAuth.SignUpInput));
  }
  confirmSignUp(input: { username: string; confirmationCode: string }) {
    return this.record('confirmSignUp', input.username, () => amplifyAuth.confirmSignUp(input));
  }
  resendSignUpCode(input: { username: string }) {
    return this.record('resendSignUpCode', input.username, () => amplifyAuth.resendSignUpCode(input));
  }
  resetPassword(input: { username: string }) {
    return this.record('resetPassword', input.username, () => amplifyAuth.resetPassword(input));
  }
  confirmResetPassword(input: { username: string; confirmationCode: string; newPassword: string }) {
    return this.record('confirmResetPassword', input.username, () => amplifyAuth.confirmResetPassword(input));
  }
}

/**
 * nextstep's DONE carries the tokens (Amplify keeps them in its store instead); normalise()
 * drops them, so their presence is checked here: a DONE without an access token is marked,
 * which makes the transcripts differ.
 */
function withTokensChecked<T>(output: T): T {
  const step = (output as { nextStep?: { signInStep?: string; tokens?: { accessToken?: string } } }).nextStep;
  if (step?.signInStep === 'DONE' && !step.tokens?.accessToken) return { ...output, doneWithoutTokens: true };
  return output;
}

/** nextstep's Amplify-style calls (`auth.signIn` / `auth.confirmSignIn` on the latest flow). */
export class NextstepDriver extends Recording implements Driver {
  readonly name = 'nextstep' as const;

  constructor(readonly auth: Auth) {
    super();
  }

  signIn(input: SignInArgs) {
    return this.record(
      'signIn',
      input.username,
      async () => {
        const flow = await this.auth.signIn(input as Parameters<Auth['signIn']>[0]);
        return withTokensChecked(flow.output());
      },
      [input.password],
    );
  }
  confirmSignIn(challengeResponse: string, options?: Record<string, unknown>) {
    return this.record(
      'confirmSignIn',
      '',
      async () =>
        withTokensChecked(
          await this.auth.confirmSignIn({ challengeResponse, ...(options ? { options } : {}) } as Parameters<Auth['confirmSignIn']>[0]),
        ),
      [challengeResponse, typeof options?.password === 'string' ? options.password : undefined],
    );
  }
  signUp(input: { username: string; password: string; options?: { userAttributes?: Record<string, string> } }) {
    return this.record('signUp', input.username, () => this.auth.signUp(input as Parameters<Auth['signUp']>[0]), [input.password]);
  }
  confirmSignUp(input: { username: string; confirmationCode: string }) {
    return this.record('confirmSignUp', input.username, () => this.auth.confirmSignUp(input as Parameters<Auth['confirmSignUp']>[0]), [
      input.confirmationCode,
    ]);
  }
  resendSignUpCode(input: { username: string }) {
    return this.record('resendSignUpCode', input.username, () => this.auth.resendSignUpCode(input as Parameters<Auth['resendSignUpCode']>[0]));
  }
  resetPassword(input: { username: string }) {
    return this.record('resetPassword', input.username, () => this.auth.resetPassword(input as Parameters<Auth['resetPassword']>[0]));
  }
  confirmResetPassword(input: { username: string; confirmationCode: string; newPassword: string }) {
    return this.record(
      'confirmResetPassword',
      input.username,
      () => this.auth.confirmResetPassword(input as Parameters<Auth['confirmResetPassword']>[0]),
      [input.confirmationCode, input.newPassword],
    );
  }
}
