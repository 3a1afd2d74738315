/**
 * Run as a separate Node process by the parity suite: reads `{ target, snapshot, answer }` as
 * JSON on stdin, resumes the flow with a fresh Auth (nothing shared with the parent but the
 * snapshot), answers its step and prints the resulting output as JSON on stdout.
 */
import { nextstepAuth } from './nextstep.js';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const { target, snapshot, answer } = JSON.parse(input);
const auth = nextstepAuth(target);
const flow = await auth.resumeFlow(snapshot);
const before = flow.output().nextStep.signInStep;
await flow.confirm(answer);
// A marked line: anything else a dependency prints on stdout cannot be mistaken for the result.
process.stdout.write('\nRESULT ' + JSON.stringify({ before, isSignedIn: flow.isSignedIn, step: flow.nextStep.signInStep, hasAccessToken: Boolean(flow.tokens?.accessToken) }) + '\n');
