import { expectTypeOf, test } from 'vitest';
import type { CognitoClient, CognitoOperation, CognitoTransport } from '../index.js';

declare const cognito: CognitoClient;

test('operations core knows are typed; any other operation is plain JSON', async () => {
  const user = await cognito.send('GetUser', { AccessToken: 't' });
  expectTypeOf(user.Username).toEqualTypeOf<string>(); // GetUser always names the user
  const secret = await cognito.send('AssociateSoftwareToken', { Session: 's' });
  expectTypeOf(secret.SecretCode).toEqualTypeOf<string | undefined>();
  const other = await cognito.send('AdminListGroupsForUser', { Username: 'u' }, { timeoutMs: 5000 });
  expectTypeOf(other).toEqualTypeOf<Record<string, any>>();
  // @ts-expect-error: GetUser takes an AccessToken string, and the untyped fallback needs an object
  await cognito.send('GetUser', 42);
});

test('a plain transport still implements the interface; CognitoOperation is any name', () => {
  const transport: CognitoTransport = { send: async (operation, input, options) => ({ operation, input, aborted: options?.signal?.aborted }) };
  expectTypeOf(transport).toMatchTypeOf<CognitoTransport>();
  expectTypeOf<'InitiateAuth'>().toMatchTypeOf<CognitoOperation>();
  expectTypeOf<'SomeFutureOperation'>().toMatchTypeOf<CognitoOperation>();
});
