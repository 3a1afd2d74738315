// The clients bench/client.bench.ts and bench/client-memory.ts measure: each signs one user
// in against the emulator, either to DONE (a user without MFA) or to its SMS MFA step, where
// the flow is kept ("parked") for the memory figure.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Auth } from '../packages/core/src/index.js';
import { loadNextstep } from './client-build.js';

// nextstep as built (see client-build.ts), not tsx-transpiled source.
const { createAuth, createNodeHttpTransport, createSdkTransport, sms, surfaceUnclaimed } = await loadNextstep();

export const POOL = 'us-east-1_ClientBench';
export const CLIENT = 'client-bench';
export const PASSWORD = 'Bench-Passw0rd!-client';
/** Users of the bench pool: `done` signs in without MFA, `mfa` always gets SMS_MFA. */
export const USERS = { done: 'bench-done', mfa: 'bench-mfa' } as const;

/** The emulator config both processes agree on. */
export const serverConfig = {
  pools: [
    {
      id: POOL,
      mfa: 'OPTIONAL',
      enabledMfas: ['SMS_MFA'],
      clients: [{ id: CLIENT, secret: false, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      users: [
        { username: USERS.done, password: PASSWORD },
        { username: USERS.mfa, password: PASSWORD, attributes: { phone_number: '+15555550142', phone_number_verified: 'true' }, mfa: { sms: true } },
      ],
    },
  ],
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const require = createRequire(join(root, 'noop.js'));
export const version = (pkg: string) => (require(join(root, pkg, 'package.json')) as { version: string }).version;

export type Flow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';
/** One client: `signIn` resolves with an object that holds the flow (kept alive by the caller). */
export interface Client {
  label: string;
  version: string;
  signIn(username: string, flow: Flow, expect: 'DONE' | 'SMS'): Promise<unknown>;
}

function nextstep(label: string, endpoint: string, transport: 'default' | 'node-http' | 'sdk'): Client {
  const userPool = { userPoolId: POOL, clientId: CLIENT, endpoint };
  const auth: Auth = createAuth({
    userPool,
    plugins: [sms()],
    defaultHandler: surfaceUnclaimed,
    // 'default': no transport, so createAuth picks its Node default (transport/default-node.ts).
    ...(transport === 'sdk' ? { transport: createSdkTransport() } : {}),
    ...(transport === 'node-http' ? { transport: createNodeHttpTransport() } : {}),
  });
  return {
    label,
    version: '@nextstep/core ' + version('../packages/core'),
    async signIn(username, flowType, expect) {
      const flow = await auth.signIn({ username, password: PASSWORD, options: { authFlowType: flowType } });
      const want = expect === 'DONE' ? 'DONE' : 'CONFIRM_SIGN_IN_WITH_SMS_CODE';
      if (flow.nextStep.signInStep !== want) throw new Error(`${label}: expected ${want}, got ${flow.nextStep.signInStep}`);
      return flow;
    },
  };
}

/** nextstep with no transport given: what `createAuth` uses in Node (transport/default-node.ts: the fetch transport, undici). */
export const nextstepDefault = (endpoint: string) => nextstep('nextstep, default transport (fetch, undici in Node)', endpoint, 'default');
/** nextstep with the AWS SDK transport (`@nextstep/core/sdk-transport`), endpoint from the pool. */
export const nextstepSdk = (endpoint: string) => nextstep('nextstep, SDK transport (@nextstep/core/sdk-transport)', endpoint, 'sdk');
/** nextstep with the opt-in node:http keep-alive transport (`@nextstep/core/node-http-transport`), endpoint from the pool. */
export const nextstepNodeHttp = (endpoint: string) => nextstep('nextstep, opt-in node:http transport (@nextstep/core/node-http-transport)', endpoint, 'node-http');

/** amazon-cognito-identity-js: its own HTTP client and jsbn SRP, callback API. */
export function cognitoIdentityJs(endpoint: string): Client {
  const cij = require('amazon-cognito-identity-js');
  const pool = new cij.CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENT, endpoint });
  return {
    label: 'amazon-cognito-identity-js',
    version: version('amazon-cognito-identity-js'),
    signIn(username, flowType, expect) {
      const user = new cij.CognitoUser({ Username: username, Pool: pool });
      user.setAuthenticationFlowType(flowType);
      const details = new cij.AuthenticationDetails({ Username: username, Password: PASSWORD });
      return new Promise((resolve, reject) => {
        const wrong = (what: string) => () => reject(new Error(`amazon-cognito-identity-js: expected ${expect}, got ${what}`));
        user.authenticateUser(details, {
          onSuccess: expect === 'DONE' ? () => resolve(user) : wrong('tokens'),
          onFailure: (err: Error & { code?: string }) => reject(new Error(`amazon-cognito-identity-js: ${err.code ?? err.name}: ${err.message}`)),
          mfaRequired: expect === 'SMS' ? () => resolve(user) : wrong('mfaRequired'),
          totpRequired: wrong('totpRequired'),
          selectMFAType: wrong('selectMFAType'),
          mfaSetup: wrong('mfaSetup'),
          newPasswordRequired: wrong('newPasswordRequired'),
          customChallenge: wrong('customChallenge'),
        });
      });
    },
  };
}

export const CLIENTS = { 'nextstep-default': nextstepDefault, 'nextstep-node-http': nextstepNodeHttp, 'nextstep-sdk': nextstepSdk, 'amazon-cognito-identity-js': cognitoIdentityJs } as const;
export type ClientName = keyof typeof CLIENTS;
