// Bundled for the browser by browser.test.ts and loaded by a page served with
// `script-src 'self'`: core, the TOTP plugin and (for contrast) stock tapable.
import { createAuth, surfaceUnclaimed, type Flow } from '@nextstep/core';
import { totp } from '@nextstep/plugin-totp';
import * as stock from 'tapable';

interface PoolInput {
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

function attempt(run: () => unknown): string {
  try {
    run();
    return 'ran';
  } catch (error) {
    return (error as Error).name;
  }
}

const w = window as unknown as Record<string, unknown>;

// Checked while the module itself evaluates, in the page's own context.
w.cspAtLoad = {
  newFunction: attempt(() => new Function('return 1')),
  stockTapable: attempt(() => {
    const hook = new stock.SyncHook<[]>([]);
    hook.tap('t', () => undefined);
    hook.call();
  }),
};

let current: Flow | undefined;
let log: string[] = [];

w.cspSignIn = async (pool: PoolInput, username: string, password: string) => {
  log = [];
  const auth = createAuth({
    userPool: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
    plugins: [totp()],
    defaultHandler: surfaceUnclaimed,
  });
  auth.hooks.request.tapPromise('page', async (call) => {
    log.push(`request ${call.operation}`);
    return call;
  });
  auth.hooks.stepEntered.tap('page', (_flow, next) => void log.push(`stepEntered ${next.signInStep}`));
  auth.hooks.signedIn.tap('page', (flow) => void log.push(`signedIn ${flow.username}`));
  current = await auth.signIn({ username, password });
  return { isSignedIn: current.isSignedIn, step: current.nextStep.signInStep, log };
};

w.cspConfirm = async (answer: string) => {
  if (!current) throw new Error('no flow');
  await current.confirm(answer);
  return { isSignedIn: current.isSignedIn, step: current.nextStep.signInStep, hasToken: Boolean(current.tokens?.accessToken), log };
};

w.cspReady = true;
