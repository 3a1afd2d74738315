// Bundled for the browser by amplify-passkeys.test.ts: aws-amplify v6 and nextstep (core +
// passkey plugin) in one page, both using the browser's navigator.credentials. Each side runs
// the same passkey scenario and returns plain outcomes (no tokens) for the test to compare.
import { Amplify } from 'aws-amplify';
import * as amp from 'aws-amplify/auth';
import { createAuth, getCurrentUser, signOut, surfaceUnclaimed, type Auth } from '@nextstep/core';
import { associateWebAuthnCredential, deleteWebAuthnCredential, listWebAuthnCredentials, webauthn } from '@nextstep/plugin-webauthn';

/** The pool the page talks to (the emulator on 127.0.0.1). */
export interface PagePool {
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

/** One client's outcome of a step: what the app sees, never a secret. */
export interface Outcome {
  isSignedIn?: boolean;
  step?: string;
  count?: number;
  error?: string;
  /** nextstep: the error a retry step carries (`nextStep.error.name`). */
  stepError?: string;
  user?: string;
}

const w = window as unknown as Record<string, unknown>;
const errorName = (e: unknown): Outcome => ({ error: (e as Error)?.name ?? String(e) });
async function attempt(fn: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await fn();
  } catch (e) {
    return errorName(e);
  }
}

// --- aws-amplify ---
w.ampConfigure = (pool: PagePool) => {
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.userPoolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.endpoint } } });
};
w.ampPasswordSignIn = (username: string, password: string) =>
  attempt(async () => {
    const out = await amp.signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    return { isSignedIn: out.isSignedIn, step: out.nextStep.signInStep };
  });
w.ampPasskeySignIn = (username: string) =>
  attempt(async () => {
    const out = await amp.signIn({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    return { isSignedIn: out.isSignedIn, step: out.nextStep.signInStep };
  });
w.ampAssociate = () => attempt(async () => (await amp.associateWebAuthnCredential(), {}));
w.ampList = () => attempt(async () => ({ count: (await amp.listWebAuthnCredentials()).credentials.length }));
w.ampDeleteAll = () =>
  attempt(async () => {
    const { credentials } = await amp.listWebAuthnCredentials();
    for (const c of credentials) await amp.deleteWebAuthnCredential({ credentialId: c.credentialId! });
    return { count: credentials.length };
  });
w.ampCurrentUser = () => attempt(async () => ({ user: (await amp.getCurrentUser()).username }));
w.ampSignOut = () => attempt(async () => (await amp.signOut(), {}));

// --- nextstep ---
let auth: Auth<any> | undefined;
w.nsConfigure = (pool: PagePool) => {
  auth = createAuth({ userPool: pool, plugins: [webauthn()], defaultHandler: surfaceUnclaimed });
};
w.nsPasswordSignIn = (username: string, password: string) =>
  attempt(async () => {
    const out = await auth!.signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    return { isSignedIn: out.isSignedIn, step: out.nextStep.signInStep };
  });
w.nsPasskeySignIn = (username: string) =>
  attempt(async () => {
    const out = await auth!.signIn({ username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    const stepError = (out.nextStep as { error?: { name?: string } }).error?.name;
    return { isSignedIn: out.isSignedIn, step: out.nextStep.signInStep, ...(stepError ? { stepError } : {}) };
  });
w.nsAssociate = () => attempt(async () => (await associateWebAuthnCredential(auth!), {}));
w.nsList = () => attempt(async () => ({ count: (await listWebAuthnCredentials(auth!)).credentials.length }));
w.nsDeleteAll = () =>
  attempt(async () => {
    const { credentials } = await listWebAuthnCredentials(auth!);
    for (const c of credentials) await deleteWebAuthnCredential(auth!, { credentialId: c.credentialId! });
    return { count: credentials.length };
  });
w.nsCurrentUser = () => attempt(async () => ({ user: (await getCurrentUser(auth!)).username }));
w.nsSignOut = () => attempt(async () => (await signOut(auth!), {}));

w.pageReady = true;
