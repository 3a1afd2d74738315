// An app with core and one plugin meets a step of a plugin it lacks: its default handler
// receives the step, nothing throws out of the flow, and a raw answer finishes the sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failUnclaimed } from '@nextstep/core';
import { totp } from '@nextstep/plugin-totp';
import { lastCode, PASSWORD, startPool, type Emu } from './support.js';

let emu: Emu;
let auth: Awaited<ReturnType<typeof startPool>>['auth'];
beforeAll(async () => {
  ({ emu, auth } = await startPool([
    { username: 'sms-only', password: PASSWORD, attributes: { phone_number: '+15555550199', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' } },
    { username: 'sms-only-2', password: PASSWORD, attributes: { phone_number: '+15555550198', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' } },
  ]));
});
afterAll(() => emu?.close());

describe('a step whose plugin is not installed', () => {
  it('reaches surfaceUnclaimed with the plugin that would handle it; a raw answer signs in', async () => {
    const flow = await auth([totp()]).signIn({ username: 'sms-only', password: PASSWORD });
    expect(flow.nextStep).toMatchObject({
      signInStep: 'UNCLAIMED_CHALLENGE',
      challengeName: 'SMS_MFA',
      stepType: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      suggestedPlugin: '@nextstep/plugin-sms',
    });
    if (flow.nextStep.signInStep === 'UNCLAIMED_CHALLENGE') {
      expect(flow.nextStep.challengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('SMS');
    }
    await flow.confirm({ challengeResponses: { SMS_MFA_CODE: lastCode(emu, 'sms-only', 'SMS') } });
    expect(flow.isSignedIn).toBe(true);
  });

  it('with failUnclaimed, fails with a typed error naming the plugin', async () => {
    const e = await auth([totp()], failUnclaimed as never)
      .signIn({ username: 'sms-only-2', password: PASSWORD })
      .then(() => undefined, (x: unknown) => x as { kind: string; message: string });
    expect(e?.kind).toBe('unclaimed');
    expect((e as { recoverySuggestion?: string })?.recoverySuggestion).toContain('@nextstep/plugin-sms');
  });
});
