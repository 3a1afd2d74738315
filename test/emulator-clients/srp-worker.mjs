// Worker thread for the SRP stress suite: runs amazon-cognito-identity-js SRP sign-ins
// (CPU-bound jsbn maths) off the main thread, where the emulator runs.
import { parentPort, workerData } from 'node:worker_threads';
import cij from 'amazon-cognito-identity-js';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = cij;
const { endpoint, userPoolId, clientId, users, concurrency } = workerData;
const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });

function signIn({ username, password }) {
  return new Promise((resolve) => {
    const user = new CognitoUser({ Username: username, Pool: pool });
    const started = performance.now();
    const done = (outcome) => resolve({ username, ms: Math.round(performance.now() - started), ...outcome });
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => done({ ok: true, sub: session.getIdToken().payload.sub, name: session.getIdToken().payload['cognito:username'] }),
      // Only the error's name and message travel back: never the password.
      onFailure: (err) => done({ ok: false, error: `${err.name}: ${err.message}` }),
      newPasswordRequired: () => done({ ok: false, error: 'unexpected NEW_PASSWORD_REQUIRED' }),
      mfaRequired: () => done({ ok: false, error: 'unexpected SMS_MFA' }),
      totpRequired: () => done({ ok: false, error: 'unexpected SOFTWARE_TOKEN_MFA' }),
      customChallenge: () => done({ ok: false, error: 'unexpected CUSTOM_CHALLENGE' }),
      mfaSetup: () => done({ ok: false, error: 'unexpected MFA_SETUP' }),
      selectMFAType: () => done({ ok: false, error: 'unexpected SELECT_MFA_TYPE' }),
    });
  });
}

const results = [];
let next = 0;
async function lane() {
  while (next < users.length) {
    const user = users[next++];
    results.push(await signIn(user));
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
parentPort.postMessage(results);
