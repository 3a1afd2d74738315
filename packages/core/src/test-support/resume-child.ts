// Run in a child process by flows.e2e.test.ts: resumes a flow from a snapshot given on
// stdin with a fresh Auth instance, answers it, prints the outcome as JSON on stdout.
import { createAuth, surfaceUnclaimed } from '../index.js';

const input = JSON.parse(await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
})) as { snapshot: string; endpoint: string; code: string; now: number };

const auth = createAuth({
  userPool: { userPoolId: 'us-east-1_CoreTest', clientId: 'core-client', endpoint: input.endpoint },
  defaultHandler: surfaceUnclaimed,
  clock: () => input.now,
});
const flow = auth.resumeFlow(input.snapshot);
const before = flow.nextStep.signInStep;
const raw = flow.nextStep;
await flow.confirm(raw.signInStep === 'UNCLAIMED_CHALLENGE' ? { challengeResponses: { SMS_MFA_CODE: input.code } } : input.code);
process.stdout.write(JSON.stringify({ before, isSignedIn: flow.isSignedIn, hasAccessToken: !!flow.tokens?.accessToken, id: flow.id }));
