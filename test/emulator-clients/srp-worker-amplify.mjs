// Worker thread for the SRP stress suite: sign-ins through aws-amplify v6, whose SRP code is
// its own (not amazon-cognito-identity-js's). Amplify holds one global sign-in, so one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

const { endpoint, userPoolId, clientId, users } = workerData;
ConsoleLogger.LOG_LEVEL = 'ERROR';
Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId: clientId, userPoolEndpoint: endpoint } } });

const results = [];
for (const { username, password } of users) {
  const started = performance.now();
  try {
    const out = await signIn({ username, password });
    if (!out.isSignedIn) {
      results.push({ username, ok: false, ms: 0, error: `unexpected step ${out.nextStep.signInStep}` });
      continue;
    }
    const session = await fetchAuthSession();
    const payload = session.tokens?.idToken?.payload ?? {};
    results.push({ username, ok: true, ms: Math.round(performance.now() - started), sub: payload.sub, name: payload['cognito:username'] });
    await signOut();
  } catch (err) {
    // Only the error's name and message travel back: never the password.
    results.push({ username, ok: false, ms: Math.round(performance.now() - started), error: `${err.name}: ${err.message}` });
  }
}
parentPort.postMessage(results);
