// The account menu against the emulator, driven by a script: attributes, a wrong then a
// right password change, MFA preference, sign-out (the session leaves the store).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchAuthSession } from '@nextstep/core';
import { startEmulator } from '@nextstep/emulator';
import { accountMenu, type MenuIO } from '../src/account-menu.js';
import { createAppAuth } from '../src/auth.js';

const PASSWORD = 'Menu-Passw0rd!';
let emu: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: {
      pools: [{
        id: 'us-east-1_MenuTest',
        mfa: 'OPTIONAL',
        enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
        clients: [{ id: 'menu-client' }],
        users: [{ username: 'ada', password: PASSWORD, attributes: { email: 'ada@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' } }],
      }],
    },
  });
});
afterAll(() => emu?.close());

/** Answers the menu's questions in order and keeps what it said. */
function script(answers: string[]): MenuIO & { said: string[] } {
  const said: string[] = [];
  return {
    said,
    choose: async (message) => {
      const next = answers.shift();
      if (next === undefined) throw new Error(`no scripted answer for "${message}"`);
      return next;
    },
    secret: async () => answers.shift()!,
    info: (t) => void said.push(`info ${t}`),
    error: (t) => void said.push(`error ${t}`),
  };
}

it('attributes, password (wrong, then right), MFA preference, sign out', async () => {
  const auth = createAppAuth({ userPoolId: 'us-east-1_MenuTest', clientId: 'menu-client', endpoint: emu.endpoint, region: 'us-east-1' });
  expect((await auth.signIn({ username: 'ada', password: PASSWORD })).isSignedIn).toBe(true);
  const io = script([
    'attributes',
    'password', 'Wrong-Passw0rd!', 'N3w-Menu-Passw0rd!',
    'password', PASSWORD, 'N3w-Menu-Passw0rd!',
    'mfa', 'email', 'PREFERRED',
    'sign-out',
  ]);
  expect(await accountMenu(auth, io)).toBe('signed-out');
  expect(io.said[0]).toContain('email: ada@example.com');
  expect(io.said[1]).toMatch(/^error .*NotAuthorizedException/);
  expect(io.said).toContain('info Password changed.');
  expect(io.said).toContain('info MFA enabled: EMAIL; preferred: EMAIL');
  expect(io.said.at(-1)).toBe('info Signed out.');
  expect(io.said.join('\n')).not.toContain('N3w-Menu-Passw0rd!');
  expect(await fetchAuthSession(auth)).toEqual({});
  expect((await auth.signIn({ username: 'ada', password: 'N3w-Menu-Passw0rd!' })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
});
