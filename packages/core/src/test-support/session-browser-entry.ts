// Bundled by session/browser.test.ts for headless Chromium: a sign-in whose session lives in
// localStorage, and the session calls, exposed on window. The emulator is reached through
// the page's own origin (the test server forwards POSTs), so the strict CSP holds.
import { createAuth, fetchAuthSession, getCurrentUser, signOut, surfaceUnclaimed, webStorageStore, type Auth } from '../index.js';

const w = window as unknown as Record<string, unknown>;
const refreshed: string[] = [];
let auth: Auth | undefined;
// The test moves the emulator's clock; the page's clock follows by this offset.
let offsetMs = 0;
w.nsSetUp = (userPoolId: string, clientId: string, offset: number) => {
  offsetMs = offset;
  auth = createAuth({
    userPool: { userPoolId, clientId, endpoint: `${location.origin}/` },
    defaultHandler: surfaceUnclaimed,
    store: webStorageStore(localStorage),
    clock: () => Date.now() + offsetMs,
  });
  auth.hooks.tokenRefreshed.tap('page', (s) => void refreshed.push(s.username));
};
w.nsSignIn = async (username: string, password: string) => (await auth!.signIn({ username, password })).isSignedIn;
w.nsState = async () => {
  const session = await fetchAuthSession(auth!);
  const user = session.tokens ? await getCurrentUser(auth!) : undefined;
  return {
    signedIn: !!session.tokens,
    username: user?.username,
    iat: session.tokens?.accessToken.payload.iat,
    refreshed: [...refreshed],
    keys: Object.keys(localStorage),
  };
};
w.nsSignOut = () => signOut(auth!);
w.nsReady = true;
