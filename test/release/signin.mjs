// Release rehearsal, ESM: signs in with the installed tarballs against the emulator started
// from the installed @nextstep/emulator (NEXTSTEP_ENDPOINT), through SRP and an SMS MFA step.
import { createAuth, failUnclaimed, isAuthError } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { email } from '@nextstep/plugin-email';
import { customChallenge } from '@nextstep/plugin-custom-challenge';

const endpoint = process.env.NEXTSTEP_ENDPOINT;
if (!endpoint) throw new Error('NEXTSTEP_ENDPOINT (the emulator) is not set: refusing to talk to AWS');
const userPool = { userPoolId: 'us-east-1_rehearsal', clientId: 'rehearsal-client', endpoint };
const auth = createAuth({ userPool, plugins: [sms(), totp(), email(), customChallenge()], defaultHandler: failUnclaimed });
const password = 'Rehearsal-Passw0rd!';

const ada = await auth.signIn({ username: 'ada', password });
if (!ada.isSignedIn || !ada.tokens?.idToken) throw new Error(`ada: expected DONE, got ${ada.nextStep.signInStep}`);

const sam = await auth.signIn({ username: 'sam', password });
if (sam.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_SMS_CODE') throw new Error(`sam: expected the SMS step, got ${sam.nextStep.signInStep}`);
try {
  await sam.confirm('000000');
  throw new Error('a wrong code was accepted');
} catch (error) {
  if (!isAuthError(error) || error.name !== 'CodeMismatchException') throw error;
}
const outbox = await (await fetch(new URL('/_emulator/outbox', endpoint))).json();
const messages = Array.isArray(outbox) ? outbox : (outbox.messages ?? []);
const code = messages.filter((m) => m.username === 'sam').at(-1)?.code;
if (!code) throw new Error('no SMS code in the emulator outbox');
await sam.confirm(code);
if (!sam.isSignedIn) throw new Error(`sam: expected DONE, got ${sam.nextStep.signInStep}`);
console.log('  ESM: ada signed in (SRP), sam signed in (SRP + SMS MFA, after a wrong code)');
