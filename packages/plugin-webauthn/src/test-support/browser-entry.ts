// Bundled for the browser by webauthn.browser.test.ts, loaded by a page served with
// `script-src 'self'`: core and the passkey plugin with the browser's navigator.credentials.
import { createAuth, surfaceUnclaimed, type Flow } from '@nextstep/core';
import { associateWebAuthnCredential, listWebAuthnCredentials, webauthn } from '../index.js';

interface PoolInput {
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

const w = window as unknown as Record<string, unknown>;
let current: Flow<any> | undefined;
const authOf = (pool: PoolInput) => createAuth({ userPool: pool, plugins: [webauthn()], defaultHandler: surfaceUnclaimed });
const view = (flow: Flow<any>) => ({ isSignedIn: flow.isSignedIn, step: flow.nextStep.signInStep, error: (flow.nextStep as { error?: { name: string } }).error?.name });

w.pkRegister = async (pool: PoolInput, username: string, password: string) => {
  const auth = authOf(pool);
  const flow = await auth.signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  if (!flow.isSignedIn) return { error: flow.nextStep.signInStep };
  try {
    await associateWebAuthnCredential(auth);
  } catch (e) {
    return { error: (e as Error).name };
  }
  return { credentials: (await listWebAuthnCredentials(auth)).credentials.map((c) => c.credentialId) };
};

w.pkSignIn = async (pool: PoolInput, username: string) => {
  current = await authOf(pool).signIn({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
  return view(current);
};

w.pkRetry = async () => {
  try {
    await current!.confirm('RETRY');
  } catch (e) {
    return { ...view(current!), thrown: (e as Error).name, status: current!.status };
  }
  return { ...view(current!), hasToken: Boolean(current!.tokens?.accessToken) };
};

w.pkReady = true;
