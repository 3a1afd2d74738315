// End to end against the emulator over HTTP: codes are read from its outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthError } from '@nextstep/core';
import { email, EMAIL_CODE_STEP, EMAIL_SETUP_STEP } from './index.js';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import type { Emulator } from '@nextstep/emulator';

const PASSWORD = 'Correct-horse-9';

let emu: Emulator;
let env: EmulatorPool;

beforeAll(async () => {
  env = await startEmulatorPool({
    id: 'us-east-1_PluginEmail',
    mfa: 'ON',
    enabledMfas: ['EMAIL_OTP'],
    allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
    clients: [{ id: 'email-client', secret: false }],
    users: [
      { username: 'mfa', password: PASSWORD, attributes: { email: 'mfa@example.com', email_verified: 'true' }, mfa: { email: true, preferred: 'EMAIL' } },
      { username: 'pwless', password: PASSWORD, attributes: { email: 'pwless@example.com', email_verified: 'true' } },
      { username: 'setup', password: PASSWORD },
    ],
  });
  emu = env.emulator;
});
afterAll(() => emu?.close());

const lastEmail = (username: string) => emu.outbox.last({ username, medium: 'EMAIL' });
const wrong = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

async function rejected(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    return e as AuthError;
  }
  throw new Error('expected a rejection');
}

describe('email plugin against the emulator', () => {
  it('EMAIL_OTP as MFA: masked destination, wrong code refused and step kept, right code signs in', async () => {
    const flow = await env.auth([email()]).signIn({ username: 'mfa', password: PASSWORD });
    if (flow.nextStep.signInStep !== EMAIL_CODE_STEP) throw new Error(`unexpected ${flow.nextStep.signInStep}`);
    expect(flow.nextStep.codeDeliveryDetails?.deliveryMedium).toBe('EMAIL');
    expect(flow.nextStep.codeDeliveryDetails?.destination).not.toContain('mfa@example.com');
    const sent = lastEmail('mfa')!;
    expect((await rejected(flow.confirm('12'))).kind).toBe('validation');
    expect((await rejected(flow.confirm(wrong(sent.code)))).name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe(EMAIL_CODE_STEP);
    await flow.confirm(sent.code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('EMAIL_OTP as passwordless first factor (USER_AUTH)', async () => {
    const flow = await env.auth([email()]).signIn({
      username: 'pwless',
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    });
    expect(flow.nextStep.signInStep).toBe(EMAIL_CODE_STEP);
    const sent = lastEmail('pwless')!;
    expect(sent.purpose).toBe('OTP');
    expect(sent.code).toMatch(/^(\d{6}|\d{8})$/);
    await flow.confirm(sent.code);
    expect(flow.isSignedIn).toBe(true);
  });

  it('MFA_SETUP with email: the address is checked locally, sent, then the code step follows', async () => {
    const flow = await env.auth([email()]).signIn({ username: 'setup', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: EMAIL_SETUP_STEP });
    const before = emu.outbox.messages().length;
    const e = await rejected(flow.confirm('not an address'));
    expect(e.name).toBe('InvalidEmailAddress');
    expect(emu.outbox.messages().length).toBe(before);

    await flow.confirm('setup@example.com');
    expect(flow.nextStep.signInStep).toBe(EMAIL_CODE_STEP);
    const sent = lastEmail('setup')!;
    expect(sent.destination).toBe('setup@example.com');
    expect((await rejected(flow.confirm(wrong(sent.code)))).name).toBe('CodeMismatchException');
    await flow.confirm(sent.code);
    expect(flow.isSignedIn).toBe(true);
  });
});
