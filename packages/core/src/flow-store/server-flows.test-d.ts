import { expectTypeOf, test } from 'vitest';
import { createAuth, serverFlows, surfaceUnclaimed, type Auth, type FlowClaim, type FlowStore, type Keyring, type ServerFlowResult } from '../index.js';

declare const keyring: Keyring;
const auth = createAuth({ userPool: { userPoolId: 'us-east-1_Test1', clientId: 'c' }, defaultHandler: surfaceUnclaimed, sessions: 'many' });

test('serverFlows answers by flow id with the Auth\u2019s step types', () => {
  type Step = typeof auth extends Auth<infer S> ? S : never;
  const flows = serverFlows(auth, { keyring });
  expectTypeOf(flows.start({ username: 'u', password: 'p' })).resolves.toEqualTypeOf<ServerFlowResult<Step>>();
  expectTypeOf(flows.answer('id', '123456')).resolves.toHaveProperty('flowId').toEqualTypeOf<string>();
  expectTypeOf<ServerFlowResult['userId']>().toEqualTypeOf<string | undefined>();
  // @ts-expect-error: a keyring is required
  serverFlows(auth, {});
});

test('a flow store claim is a discriminated union', () => {
  expectTypeOf<ReturnType<FlowStore['claim']>>().resolves.toEqualTypeOf<FlowClaim>();
  const c = {} as FlowClaim;
  if (c.status === 'claimed') expectTypeOf(c.value).toEqualTypeOf<string>();
});
