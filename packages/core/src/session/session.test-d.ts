import { expectTypeOf, test } from 'vitest';
import {
  createAuth,
  fetchAuthSession,
  getCurrentUser,
  signOut,
  surfaceUnclaimed,
  updateMFAPreference,
  updateUserAttribute,
  type Auth,
  type AuthSession,
  type AuthUser,
  type ConfirmSignUpOutput,
  type SignOutOutput,
  type SignUpOutput,
} from '../index.js';

const auth = createAuth({ userPool: { userPoolId: 'us-east-1_Test1', clientId: 'c' }, defaultHandler: surfaceUnclaimed });

test('session calls take the Auth (or a per-request view) and give Amplify\u2019s shapes', () => {
  expectTypeOf(fetchAuthSession(auth)).resolves.toEqualTypeOf<AuthSession>();
  expectTypeOf(fetchAuthSession(auth.withStore(auth.store), { forceRefresh: true })).resolves.toEqualTypeOf<AuthSession>();
  expectTypeOf(getCurrentUser(auth, { userId: 'sub' })).resolves.toEqualTypeOf<AuthUser>();
  expectTypeOf(signOut(auth, { global: true })).resolves.toEqualTypeOf<SignOutOutput>();
  expectTypeOf(auth.withStore(auth.store)).toEqualTypeOf<Auth>();
  // @ts-expect-error: not a preference value
  void updateMFAPreference(auth, { totp: 'ON' });
});

test('attribute and sign-up next steps are discriminated unions', async () => {
  const out = await updateUserAttribute(auth, { userAttribute: { attributeKey: 'email', value: 'a@example.com' } });
  if (out.nextStep.updateAttributeStep === 'CONFIRM_ATTRIBUTE_WITH_CODE') expectTypeOf(out.nextStep.codeDeliveryDetails).toEqualTypeOf<import('../index.js').CodeDeliveryDetails | undefined>();
  expectTypeOf<SignUpOutput['nextStep']['signUpStep']>().toEqualTypeOf<'CONFIRM_SIGN_UP' | 'DONE' | 'COMPLETE_AUTO_SIGN_IN'>();
  expectTypeOf<ConfirmSignUpOutput['nextStep']['signUpStep']>().toEqualTypeOf<'DONE' | 'COMPLETE_AUTO_SIGN_IN'>();
});
