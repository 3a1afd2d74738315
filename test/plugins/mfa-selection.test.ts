// MFA selection and MFA setup selection offer exactly the installed plugins' types, for every
// combination of installed plugins, and each offered type leads to a finished sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '@nextstep/core';
import {
  AMPLIFY_NAME,
  COMBINATIONS,
  comboName,
  lastCode,
  PASSWORD,
  pluginsFor,
  selectionUser,
  setupUser,
  startPool,
  totpCode,
  TOTP_SECRET,
  type Emu,
} from './support.js';

let emu: Emu;
let auth: Awaited<ReturnType<typeof startPool>>['auth'];
beforeAll(async () => ({ emu, auth } = await startPool()));
afterAll(() => emu?.close());

describe.each(COMBINATIONS.map((c) => [comboName(c), c] as const))('installed: %s', (name, combo) => {
  const offered = (['sms', 'totp', 'email'] as const).filter((k) => combo.includes(k)).map((k) => AMPLIFY_NAME[k]);

  it('MFA selection offers exactly the installed types, refuses others, and each choice signs in', async () => {
    if (combo.length === 0) {
      // No MFA plugin: the selection reaches the default handler; nothing throws, raw answers work.
      const username = selectionUser(name, 'raw');
      const flow = await auth([]).signIn({ username, password: PASSWORD });
      if (flow.nextStep.signInStep !== 'UNCLAIMED_CHALLENGE') throw new Error(`unexpected ${flow.nextStep.signInStep}`);
      expect(flow.nextStep.challengeName).toBe('SELECT_MFA_TYPE');
      await flow.confirm({ challengeResponses: { ANSWER: 'EMAIL_OTP' } });
      const second = flow.output().nextStep;
      if (second.signInStep !== 'UNCLAIMED_CHALLENGE') throw new Error(`unexpected ${second.signInStep}`);
      expect(second).toMatchObject({ challengeName: 'EMAIL_OTP', stepType: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', suggestedPlugin: '@nextstep/plugin-email' });
      await flow.confirm({ challengeResponses: { EMAIL_OTP_CODE: lastCode(emu, username, 'EMAIL') } });
      expect(flow.isSignedIn).toBe(true);
      return;
    }
    for (const kind of combo) {
      const username = selectionUser(name, kind);
      const flow = await auth(pluginsFor(combo)).signIn({ username, password: PASSWORD });
      expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: offered });
      for (const other of (['SMS', 'TOTP', 'EMAIL'] as const).filter((t) => !offered.includes(t))) {
        const e = await flow.confirm(other).then(() => undefined, (x: unknown) => x);
        expect(e).toBeInstanceOf(AuthError);
        expect((e as AuthError).kind).toBe('validation');
      }
      await flow.confirm(AMPLIFY_NAME[kind]);
      if (kind === 'totp') {
        expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
        await flow.confirm(totpCode(emu, TOTP_SECRET));
      } else {
        expect(flow.nextStep.signInStep).toBe(kind === 'sms' ? 'CONFIRM_SIGN_IN_WITH_SMS_CODE' : 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
        await flow.confirm(lastCode(emu, username, kind === 'sms' ? 'SMS' : 'EMAIL'));
      }
      expect(flow.isSignedIn).toBe(true);
    }
  });

  it('MFA setup offers exactly the installed types that can be set up during sign-in', async () => {
    const setupable = combo.filter((k) => k !== 'sms');
    if (setupable.length === 0) {
      const flow = await auth(pluginsFor(combo)).signIn({ username: setupUser(name, 'raw'), password: PASSWORD });
      if (flow.nextStep.signInStep !== 'UNCLAIMED_CHALLENGE') throw new Error(`unexpected ${flow.nextStep.signInStep}`);
      expect(flow.nextStep.challengeName).toBe('MFA_SETUP');
      expect(flow.nextStep.stepType).toBe('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
      return;
    }
    for (const kind of setupable) {
      const username = setupUser(name, kind);
      const flow = await auth(pluginsFor(combo)).signIn({ username, password: PASSWORD });
      if (setupable.length > 1) {
        expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] });
        const e = await flow.confirm('SMS').then(() => undefined, (x: unknown) => x);
        expect((e as AuthError).kind).toBe('validation');
        await flow.confirm(AMPLIFY_NAME[kind]);
      }
      if (kind === 'totp') {
        if (flow.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') throw new Error(`unexpected ${flow.nextStep.signInStep}`);
        await flow.confirm(totpCode(emu, flow.nextStep.totpSetupDetails.sharedSecret));
      } else {
        expect(flow.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
        await flow.confirm(`${username}@example.com`);
        expect(flow.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
        await flow.confirm(lastCode(emu, username, 'EMAIL'));
      }
      expect(flow.isSignedIn).toBe(true);
    }
  });
});
