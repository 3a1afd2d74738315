// Flows by id against the emulator over HTTP: concurrent users never cross, a claim is
// exclusive (one Cognito call), finished flows leave the store, confirmSignIn never guesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../errors.js';
import { PASSWORD, startCoreFixture, testCodePlugin, wrongCode, type CoreFixture } from '../test-support/pool.js';
import { jwtPayload } from '../session/jwt.js';
import { memoryStore } from '../session/memory-store.js';
import { createKeyring, type Keyring } from './keyring.js';
import { memoryFlowStore } from './memory-flow-store.js';
import { serverFlows } from './server-flows.js';
import type { FlowStore } from './types.js';

const USERS = 20;
const SMS = testCodePlugin('CONFIRM_SIGN_IN_WITH_SMS_CODE');
let fx: CoreFixture;
let keyring: Keyring;
beforeAll(async () => {
  fx = await startCoreFixture(USERS);
  keyring = await createKeyring({ current: { id: 't1', key: new Uint8Array(32).fill(7) } });
});
afterAll(() => fx.close());

async function rejection(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected a rejection');
}

/** A flow store that records what it was given. */
function recording(inner: FlowStore): FlowStore & { values: string[] } {
  const values: string[] = [];
  return { values, save: (id, v, ttl) => (values.push(v), inner.save(id, v, ttl)), claim: (id, l) => inner.claim(id, l), remove: (id) => inner.remove(id) };
}

describe('no global "latest flow" on servers', () => {
  it('sessions: "many": confirmSignIn is refused, pointing at flow ids; answers by id never cross users', async () => {
    const auth = fx.auth({ plugins: [SMS], sessions: 'many' });
    const names = Array.from({ length: USERS }, (_, i) => `bulk-${i}`);
    const store = recording(memoryFlowStore());
    const flows = serverFlows(auth, { keyring, store });
    const started = await Promise.all(names.map((username, i) => flows.start({ username, password: `${PASSWORD}-${i}`, options: { authFlowType: 'USER_PASSWORD_AUTH' } })));
    const codes = names.map((n) => fx.code(n));
    const refused = await rejection(auth.confirmSignIn({ challengeResponse: codes[0]! }));
    expect(refused).toMatchObject({ name: 'FlowIdRequired', kind: 'validation' });
    expect(refused.message).toMatch(/flow id|flowId/i);
    // Answer in reverse order, all at once.
    const done = await Promise.all([...started.keys()].reverse().map((i) => flows.answer(started[i]!.flowId, codes[i]!)));
    done.reverse().forEach((r, i) => expect(r.isSignedIn).toBe(true));
    for (const [i, r] of done.entries()) {
      const record = await auth.store.get(r.userId!);
      expect(jwtPayload(record!.accessToken).username).toBe(names[i]);
    }
    // Sealed values only: no Session, no code in the store.
    expect(store.values.length).toBe(USERS);
    for (const v of store.values) expect(v.startsWith('ns1.t1.')).toBe(true);
    // Finished flows are gone.
    expect((await rejection(flows.answer(started[0]!.flowId, codes[0]!))).name).toBe('FlowNotFound');
  });

  it('per-request views (withStore) keep their own latest flow', async () => {
    const auth = fx.auth({ plugins: [SMS], sessions: 'many' });
    const a = auth.withStore(memoryStore());
    const b = auth.withStore(memoryStore());
    await Promise.all([a.signIn({ username: 'bulk-0', password: `${PASSWORD}-0` }), b.signIn({ username: 'bulk-1', password: `${PASSWORD}-1` })]);
    const [ca, cb] = [fx.code('bulk-0'), fx.code('bulk-1')];
    await Promise.all([b.confirmSignIn({ challengeResponse: cb }), a.confirmSignIn({ challengeResponse: ca })]);
    const [ua] = await a.store.list();
    const [ub] = await b.store.list();
    expect(jwtPayload((await a.store.get(ua!))!.accessToken).username).toBe('bulk-0');
    expect(jwtPayload((await b.store.get(ub!))!.accessToken).username).toBe('bulk-1');
  });
});

describe('claims', () => {
  it('two instances answering one flow at once: one proceeds, the other gets FlowBusy, one Cognito call', async () => {
    const store = memoryFlowStore();
    const one = fx.auth({ plugins: [SMS], sessions: 'many' });
    const two = fx.auth({ plugins: [SMS], sessions: 'many' });
    const calls: string[] = [];
    for (const a of [one, two]) a.hooks.request.tap('count', (c) => (calls.push(c.operation), c));
    const { flowId } = await serverFlows(one, { keyring, store }).start({ username: 'bulk-2', password: `${PASSWORD}-2` });
    const code = fx.code('bulk-2');
    calls.length = 0;
    const results = await Promise.allSettled([serverFlows(one, { keyring, store }).answer(flowId, code), serverFlows(two, { keyring, store }).answer(flowId, code)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ name: 'FlowBusy' });
    expect(calls).toEqual(['RespondToAuthChallenge']);
  });

  it('a wrong code keeps the flow answerable on another instance; a fatal error removes it', async () => {
    const store = memoryFlowStore();
    const a = serverFlows(fx.auth({ plugins: [SMS], sessions: 'many' }), { keyring, store });
    const b = serverFlows(fx.auth({ plugins: [SMS], sessions: 'many' }), { keyring, store });
    const { flowId } = await a.start({ username: 'bulk-3', password: `${PASSWORD}-3` });
    const code = fx.code('bulk-3');
    expect((await rejection(a.answer(flowId, wrongCode(code)))).name).toBe('CodeMismatchException');
    expect((await b.answer(flowId, code)).isSignedIn).toBe(true);

    const again = await a.start({ username: 'bulk-4', password: `${PASSWORD}-4` });
    fx.emu.clock.advance(4 * 60_000); // past the Cognito session
    expect((await rejection(b.answer(again.flowId, fx.code('bulk-4')))).kind).toBe('session');
    expect((await rejection(b.answer(again.flowId, fx.code('bulk-4')))).name).toBe('FlowNotFound');
  });

  it('a foreign or tampered sealed snapshot is a typed error and the flow is dropped', async () => {
    const store = memoryFlowStore();
    const auth = fx.auth({ plugins: [SMS], sessions: 'many' });
    const { flowId } = await serverFlows(auth, { keyring, store }).start({ username: 'bulk-5', password: `${PASSWORD}-5` });
    const other = await createKeyring({ current: { id: 'other', key: new Uint8Array(32).fill(8) } });
    expect((await rejection(serverFlows(auth, { keyring: other, store }).answer(flowId, fx.code('bulk-5')))).name).toBe('SealedValueUnknownKey');
    expect((await rejection(serverFlows(auth, { keyring, store }).answer(flowId, fx.code('bulk-5')))).name).toBe('FlowNotFound');
    expect((await rejection(serverFlows(auth, { keyring, store }).answer('../../etc', '123456'))).name).toBe('InvalidFlowId');
  });
});
