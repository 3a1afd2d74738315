// Values from outside, checked where they enter: options (nulls included), answers' options,
// account calls' options and saved flows. Each case ends in a typed validation AuthError
// before anything is sent, and a flow with a rejected answer stays answerable.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth, createFetchTransport, isAuthError, surfaceUnclaimed, type AuthError, type FlowSnapshot } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { CODE, PASSWORD, startFakeCognito, USERNAME, type FakeCognito } from './fake-cognito.js';
import { outcomeOf, record, settle, summary } from './tally.js';

let fake: FakeCognito;
beforeAll(async () => {
  fake = await startFakeCognito();
});
afterAll(async () => {
  await fake.close();
  console.info(`input cases:\n${summary()}`);
});
beforeEach(() => {
  fake.calls = [];
});

const makeAuth = () =>
  createAuth({
    userPool: { userPoolId: 'us-east-1_Hostile', clientId: 'hostile-client', endpoint: fake.url },
    transport: createFetchTransport({ maxAttempts: 1 }),
    plugins: [sms(), totp()],
    defaultHandler: surfaceUnclaimed,
  });

async function validationError(promise: Promise<unknown> | (() => unknown), group: string): Promise<AuthError> {
  const settled = await settle(typeof promise === 'function' ? Promise.resolve().then(promise) : promise);
  record(group, outcomeOf(settled));
  expect(settled.ok).toBe(false);
  const error = !settled.ok && settled.error;
  expect(isAuthError(error), String(error)).toBe(true);
  expect((error as AuthError).kind).toBe('validation');
  return error as AuthError;
}

describe('signIn options', () => {
  const cases: [string, unknown, string][] = [
    ['clientMetadata: null', { authFlowType: 'USER_PASSWORD_AUTH', clientMetadata: null }, 'InvalidClientMetadata'],
    ['clientMetadata: []', { clientMetadata: [] }, 'InvalidClientMetadata'],
    ['clientMetadata with a number', { clientMetadata: { a: 1 } }, 'InvalidClientMetadata'],
    ['clientMetadata a string', { clientMetadata: 'a=b' }, 'InvalidClientMetadata'],
    ['options: null', null, 'InvalidOptions'],
    ['options a string', 'fast', 'InvalidOptions'],
    ['authFlowType: null', { authFlowType: null }, 'InvalidAuthFlowType'],
    ['authFlowType: 5', { authFlowType: 5 }, 'InvalidAuthFlowType'],
    ['preferredChallenge: {}', { authFlowType: 'USER_AUTH', preferredChallenge: {} }, 'InvalidPreferredChallenge'],
    ['signal not an AbortSignal', { signal: { aborted: false } }, 'InvalidSignal'],
    ['timeoutMs: -1', { timeoutMs: -1 }, 'InvalidTimeout'],
    ['timeoutMs: NaN', { timeoutMs: Number.NaN }, 'InvalidTimeout'],
    ['timeoutMs: "5"', { timeoutMs: '5' }, 'InvalidTimeout'],
  ];
  it.each(cases)('%s → %s, nothing sent', async (_label, options, name) => {
    const error = await validationError(makeAuth().signIn({ username: USERNAME, password: PASSWORD, options } as never), 'signIn options');
    expect(error.name).toBe(name);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("an answer's options", () => {
  const cases: [string, unknown, string][] = [
    ['userAttributes: null', { userAttributes: null }, 'InvalidUserAttributes'],
    ['clientMetadata: null', { clientMetadata: null }, 'InvalidClientMetadata'],
    ['clientMetadata with a list', { clientMetadata: { a: ['b'] } }, 'InvalidClientMetadata'],
    ['friendlyDeviceName: 5', { friendlyDeviceName: 5 }, 'InvalidFriendlyDeviceName'],
    ['password: {}', { password: {} }, 'InvalidSignInPassword'],
    ['signal: "stop"', { signal: 'stop' }, 'InvalidSignal'],
    ['timeoutMs: 0', { timeoutMs: 0 }, 'InvalidTimeout'],
    ['options a number', 5, 'InvalidOptions'],
  ];
  it.each(cases)('%s → %s; the flow answers again', async (_label, options, name) => {
    const flow = await makeAuth().signIn({ username: USERNAME, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const sent = fake.calls.length;
    const error = await validationError(flow.confirm(CODE, options as never), 'answer options');
    expect(error.name).toBe(name);
    expect(fake.calls).toHaveLength(sent);
    await flow.confirm(CODE);
    expect(flow.isSignedIn).toBe(true);
  });
});

describe('account calls', () => {
  const auth = () => makeAuth();
  const cases: [string, () => Promise<unknown>, string][] = [
    ['signUp clientMetadata: null', () => auth().signUp({ username: 'u', password: PASSWORD, options: { clientMetadata: null } } as never), 'InvalidClientMetadata'],
    ['signUp userAttributes: null', () => auth().signUp({ username: 'u', password: PASSWORD, options: { userAttributes: null } } as never), 'InvalidUserAttributes'],
    ['signUp validationData: 7', () => auth().signUp({ username: 'u', password: PASSWORD, options: { validationData: 7 } } as never), 'InvalidValidationData'],
    ['confirmSignUp forceAliasCreation: "yes"', () => auth().confirmSignUp({ username: 'u', confirmationCode: CODE, options: { forceAliasCreation: 'yes' } } as never), 'InvalidForceAliasCreation'],
    ['resendSignUpCode options: null', () => auth().resendSignUpCode({ username: 'u', options: null } as never), 'InvalidOptions'],
    ['resetPassword clientMetadata: null', () => auth().resetPassword({ username: 'u', options: { clientMetadata: null } } as never), 'InvalidClientMetadata'],
    ['confirmResetPassword signal: 1', () => auth().confirmResetPassword({ username: 'u', confirmationCode: CODE, newPassword: PASSWORD, options: { signal: 1 } } as never), 'InvalidSignal'],
  ];
  it.each(cases)('%s → %s, nothing sent', async (_label, run, name) => {
    const error = await validationError(run(), 'account options');
    expect(error.name).toBe(name);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('resumeFlow', () => {
  const base = (): FlowSnapshot =>
    ({
      format: 'nextstep.flow/1',
      id: 'f-1',
      username: USERNAME,
      answerUsername: USERNAME,
      authFlow: 'USER_PASSWORD_AUTH',
      userPoolId: 'us-east-1_Hostile',
      clientId: 'hostile-client',
      session: 'session-'.repeat(4),
      expiresAt: Date.now() + 60_000,
      status: 'active',
      step: { type: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', challengeName: 'SELECT_MFA_TYPE', parameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }, data: { allowedMFATypes: ['SMS', 'TOTP'] } },
      state: {},
    }) as FlowSnapshot;
  const mutate = (edit: (s: any) => void): FlowSnapshot => {
    const s = structuredClone(base()) as any;
    edit(s);
    return s;
  };

  it('a well-formed snapshot resumes at its step', () => {
    const flow = makeAuth().resumeFlow(base());
    expect(flow.nextStep).toEqual({ signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] });
  });

  const cases: [string, (s: any) => void, string][] = [
    ['step.parameters: null', (s) => (s.step.parameters = null), 'step.parameters'],
    ['step.parameters with a number', (s) => (s.step.parameters = { MFAS_CAN_CHOOSE: 5 }), 'step.parameters.MFAS_CAN_CHOOSE'],
    ['allowedMFATypes not a list', (s) => (s.step.data.allowedMFATypes = 'TOTP'), 'step.data.allowedMFATypes'],
    ['allowedMFATypes an object', (s) => (s.step.data.allowedMFATypes = { 0: 'SMS' }), 'step.data.allowedMFATypes'],
    ['allowedMFATypes with an unknown type', (s) => (s.step.data.allowedMFATypes = ['VOICE']), 'step.data.allowedMFATypes[0]'],
    ['step.data: null', (s) => (s.step.data = null), 'step.data'],
    ['step.data a list', (s) => (s.step.data = []), 'step.data'],
    ['step.availableChallenges: 5', (s) => (s.step.availableChallenges = 5), 'step.availableChallenges'],
    ['step missing', (s) => delete s.step, 'step'],
    ['step.type empty', (s) => (s.step.type = ''), 'step.type'],
    ['state: null', (s) => (s.state = null), 'state'],
    ['state with Infinity', (s) => (s.state = { n: Infinity }), 'state.n'],
    ['expiresAt: "soon"', (s) => (s.expiresAt = 'soon'), 'expiresAt'],
    ['session: 5', (s) => (s.session = 5), 'session'],
    ['clientMetadata with a number', (s) => (s.clientMetadata = { a: 1 }), 'clientMetadata.a'],
    ['preferredChallenge unknown', (s) => (s.preferredChallenge = 'TELEPATHY'), 'preferredChallenge'],
    ['status unknown', (s) => (s.status = 'paused'), 'status'],
    ['format wrong', (s) => (s.format = 'nextstep.flow/0'), 'format'],
    ['username: null', (s) => (s.username = null), 'username'],
  ];
  it.each(cases)('%s → InvalidFlowSnapshot naming %s', async (_label, edit, field) => {
    const error = await validationError(() => makeAuth().resumeFlow(mutate(edit)), 'snapshots');
    expect(error.name).toBe('InvalidFlowSnapshot');
    expect(error.metadata).toMatchObject({ field: expect.stringContaining(field.split('[')[0]!.split('.')[0]!) });
    expect(error.metadata?.field).toBe(field);
  });

  it('JSON text that is not a snapshot → InvalidFlowSnapshot', async () => {
    for (const text of ['', 'null', '[]', '{', '"x"', '{"format":"nextstep.flow/1"}']) {
      expect((await validationError(() => makeAuth().resumeFlow(text), 'snapshots')).name).toBe('InvalidFlowSnapshot');
    }
  });
});
