// The one call path: what it fills in for a flow's calls, and where a returned Session goes.
import { describe, expect, it } from 'vitest';
import { callCognito, type CallScope, type Engine } from './engine.js';
import { AsyncSeriesWaterfallHook, HookMap, SyncBailHook, SyncHook } from './hooks/index.js';
import { secretHash } from './secret-hash.js';
import type { AuthHooks, CognitoCall, CognitoCallResult } from './types.js';
import { memoryStore } from './session/memory-store.js';

function engineWith(reply: Record<string, unknown>, clientSecret?: string) {
  const sent: { operation: string; input: Record<string, any> }[] = [];
  const hooks = {
    challenge: new HookMap(() => new SyncBailHook<[unknown, unknown], unknown>(['input', 'flow'])),
    step: new HookMap(() => new SyncBailHook<[unknown, unknown], unknown>(['step', 'flow'])),
    request: new AsyncSeriesWaterfallHook<[CognitoCall]>(['call']),
    response: new AsyncSeriesWaterfallHook<[CognitoCallResult]>(['result']),
    flowStarted: new SyncHook(['flow']),
    stepEntered: new SyncHook<[unknown, unknown]>(['flow', 'next']),
    signedIn: new SyncHook(['flow']),
    flowFailed: new SyncHook<[unknown, unknown]>(['flow', 'error']),
  } as unknown as AuthHooks;
  const engine: Engine = {
    hooks,
    userPool: { userPoolId: 'us-east-1_Eng', clientId: 'client-1', ...(clientSecret ? { clientSecret } : {}) },
    transport: { send: async (operation, input) => (sent.push({ operation, input }), reply) },
    logger: { debug() {} },
    now: () => 0,
    sessionValidityMs: 1000,
    defaultHandler: { name: 'x', handle: () => { throw new Error('unused'); } },
    session: { store: memoryStore(), mode: 'one', scoped: false, rotation: false },
  };
  return { engine, sent, hooks };
}

function scope(sessions: string[], metadata?: Record<string, string>): CallScope {
  return {
    flow: { id: 'f', username: 'ada', authFlow: 'USER_SRP_AUTH', userPoolId: 'us-east-1_Eng', clientId: 'client-1' },
    username: () => 'ada-sub',
    session: () => 'session-1',
    clientMetadata: metadata,
    onSession: (s) => void sessions.push(s),
  };
}

describe('callCognito', () => {
  it("fills a plugin's RespondToAuthChallenge: ClientId, USERNAME, SECRET_HASH, Session, ClientMetadata", async () => {
    const { engine, sent } = engineWith({ Session: 'session-2' }, 'the-secret');
    const sessions: string[] = [];
    await callCognito(engine, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ChallengeResponses: {} }, scope(sessions, { app: 'x' }));
    expect(sent).toEqual([
      {
        operation: 'RespondToAuthChallenge',
        input: {
          ChallengeName: 'MFA_SETUP',
          ClientId: 'client-1',
          ChallengeResponses: { USERNAME: 'ada-sub', SECRET_HASH: await secretHash('the-secret', 'ada-sub', 'client-1') },
          Session: 'session-1',
          ClientMetadata: { app: 'x' },
        },
      },
    ]);
    expect(sessions).toEqual(['session-2']);
  });

  it('keeps what the caller gave, and request hooks see the filled input but not the secret hash', async () => {
    const { engine, sent, hooks } = engineWith({}, 'the-secret');
    const seen: Record<string, any>[] = [];
    hooks.request.tap('spy', (call) => (seen.push(structuredClone(call.input)), call));
    await callCognito(
      engine,
      'RespondToAuthChallenge',
      { ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: 'given' }, Session: 'mine', ClientMetadata: { a: '1' } },
      scope([], { app: 'x' }),
    );
    expect(seen[0]).toMatchObject({ ChallengeResponses: { USERNAME: 'given' }, Session: 'mine', ClientMetadata: { a: '1' } });
    expect(seen[0]!.ChallengeResponses.SECRET_HASH).toBeUndefined();
    expect(sent[0]!.input.ChallengeResponses.SECRET_HASH).toBe(await secretHash('the-secret', 'given', 'client-1'));
  });

  it('adds nothing flow-specific outside a flow, and no SECRET_HASH without a client secret', async () => {
    const { engine, sent } = engineWith({ Session: 'ignored' });
    await callCognito(engine, 'GetUser', { AccessToken: 't' });
    await callCognito(engine, 'ConfirmSignUp', { Username: 'ada', ConfirmationCode: '123456' });
    expect(sent.map((c) => c.input)).toEqual([{ AccessToken: 't' }, { Username: 'ada', ConfirmationCode: '123456', ClientId: 'client-1' }]);
  });
});
