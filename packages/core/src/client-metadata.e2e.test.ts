// End-to-end: ClientMetadata a step handler adds to a `respond` outcome, the sign-in's
// ClientMetadata on StepContext, and Cognito access outside a step (auth.cognito, flow.cognito).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from './index.js';
import type { CognitoCall, NextstepPlugin, StepContext, StepHandler } from './types.js';
import { CUSTOM_ANSWER, PASSWORD, startCoreFixture, testCodePlugin, type CoreFixture } from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

const STEP = 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';

/** A custom-challenge plugin whose outcome carries `extra` ClientMetadata; it records what ctx showed. */
function metadataPlugin(extra: Record<string, string> | undefined, seen: Array<StepContext['clientMetadata']>): NextstepPlugin {
  const name = 'test-metadata';
  return {
    name,
    api: 1,
    steps: [{ type: STEP, handler: (): StepHandler => ({
        plugin: name,
        view: (ctx) => ({ signInStep: STEP, additionalInfo: { ...ctx.step.parameters } }),
        answer: async (answer, ctx) => {
          seen.push(ctx.clientMetadata);
          return { kind: 'respond', challengeResponses: { ANSWER: answer as string }, ...(extra ? { clientMetadata: extra } : {}) };
        },
      }) }],
  };
}

/** ClientMetadata of every RespondToAuthChallenge, as core hands it to the transport path. */
function recordRespondMetadata(calls: CognitoCall[]) {
  return (call: CognitoCall) => {
    if (call.operation === 'RespondToAuthChallenge') calls.push(structuredClone(call));
    return call;
  };
}

describe('ClientMetadata of a respond outcome', () => {
  it('is merged over the sign-in ClientMetadata, reaches the triggers, and ctx shows the sign-in ClientMetadata', async () => {
    const seen: Array<StepContext['clientMetadata']> = [];
    const calls: CognitoCall[] = [];
    const auth = fx.auth({ plugins: [metadataPlugin({ echo: 'from-outcome' }, seen)] });
    auth.hooks.request.tap('record', recordRespondMetadata(calls));
    const flow = await auth.signIn({
      username: 'custom',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP', clientMetadata: { echo: 'from-sign-in', keep: 'kept' } },
    });
    // The Create trigger echoes ClientMetadata.echo into the public parameters.
    expect(flow.nextStep).toMatchObject({ signInStep: STEP, additionalInfo: { echo: 'from-sign-in' } });

    await flow.confirm('wrong answer'); // a wrong answer: the triggers ask another round
    expect(calls[0]!.input.ClientMetadata).toEqual({ echo: 'from-outcome', keep: 'kept' });
    expect(flow.nextStep).toMatchObject({ signInStep: STEP, additionalInfo: { echo: 'from-outcome' } });

    expect(seen[0]).toEqual({ echo: 'from-sign-in', keep: 'kept' });
    expect(Object.isFrozen(seen[0])).toBe(true);

    await flow.confirm(CUSTOM_ANSWER);
    expect(flow.isSignedIn).toBe(true);
  });

  it("is merged over the answer's options.clientMetadata when the answer has some", async () => {
    const calls: CognitoCall[] = [];
    const auth = fx.auth({ plugins: [metadataPlugin({ extra: 'yes' }, [])] });
    auth.hooks.request.tap('record', recordRespondMetadata(calls));
    const flow = await auth.signIn({
      username: 'custom',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP', clientMetadata: { echo: 'from-sign-in' } },
    });
    await flow.confirm('wrong', { clientMetadata: { echo: 'from-answer' } });
    expect(calls[0]!.input.ClientMetadata).toEqual({ echo: 'from-answer', extra: 'yes' });
    expect(flow.nextStep).toMatchObject({ additionalInfo: { echo: 'from-answer' } });
  });

  it('without any ClientMetadata, none is sent and ctx.clientMetadata is undefined', async () => {
    const seen: Array<StepContext['clientMetadata']> = [];
    const calls: CognitoCall[] = [];
    const auth = fx.auth({ plugins: [metadataPlugin(undefined, seen)] });
    auth.hooks.request.tap('record', recordRespondMetadata(calls));
    const flow = await auth.signIn({ username: 'custom', options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    await flow.confirm(CUSTOM_ANSWER);
    expect(flow.isSignedIn).toBe(true);
    expect(seen).toEqual([undefined]);
    expect(calls[0]!.input).not.toHaveProperty('ClientMetadata');
  });
});

describe('Cognito outside a step', () => {
  it('auth.cognito and flow.cognito call Cognito through the hooks; failures keep Cognito names', async () => {
    const auth = fx.auth({ plugins: [testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE')] });
    const ops: Array<{ operation: string; flowId: string | undefined }> = [];
    auth.hooks.request.tap('record', (call) => {
      ops.push({ operation: call.operation, flowId: call.flow?.id });
      return call;
    });
    const flow = await auth.signIn({ username: 'alice', password: PASSWORD });
    expect(flow.isSignedIn).toBe(true);
    const accessToken = flow.tokens!.accessToken;

    const viaAuth = await auth.cognito.send('GetUser', { AccessToken: accessToken });
    expect(viaAuth.Username).toBe('alice');
    const viaFlow = await flow.cognito.send('GetUser', { AccessToken: accessToken });
    expect(viaFlow.Username).toBe('alice');
    expect(auth.cognito).toBe(auth.cognito);
    expect(ops.slice(-2)).toEqual([
      { operation: 'GetUser', flowId: undefined },
      { operation: 'GetUser', flowId: flow.id },
    ]);

    const error = await auth.cognito.send('GetUser', { AccessToken: 'not-a-token' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).name).toBe('NotAuthorizedException');
    expect((error as AuthError).message).not.toContain('not-a-token');
  });
});
