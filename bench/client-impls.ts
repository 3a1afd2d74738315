// The clients bench/client.bench.ts and bench/client-memory.ts measure: each signs one user
// in against the emulator, either to DONE (a user without MFA) or to its SMS MFA step, where
// the flow is kept ("parked") for the memory figure.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAuth, createFetchTransport, surfaceUnclaimed, type Auth } from '../packages/core/src/index.js';
import { sms } from '../packages/plugin-sms/src/index.js';

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

function nextstep(label: string, endpoint: string, fetchTransport: boolean): Client {
  const userPool = { userPoolId: POOL, clientId: CLIENT, endpoint };
  const auth: Auth = createAuth({
    userPool,
    plugins: [sms()],
    defaultHandler: surfaceUnclaimed,
    ...(fetchTransport ? { transport: createFetchTransport({ region: 'us-east-1', endpoint }) } : {}),
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

/** nextstep with its default Node transport (the AWS SDK bare client). */
export const nextstepSdk = (endpoint: string) => nextstep('nextstep, default Node transport (AWS SDK client)', endpoint, false);
/** nextstep with its fetch transport (what browsers get by default). */
export const nextstepFetch = (endpoint: string) => nextstep('nextstep, fetch transport', endpoint, true);

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
          onFailure: (err: Error) => reject(new Error(`amazon-cognito-identity-js: ${err.name}`)),
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

export const CLIENTS = { 'nextstep-sdk': nextstepSdk, 'nextstep-fetch': nextstepFetch, 'amazon-cognito-identity-js': cognitoIdentityJs } as const;
export type ClientName = keyof typeof CLIENTS;
