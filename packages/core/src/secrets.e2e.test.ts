// Nothing secret reaches a log line or an error message: every flow runs with a capturing
// debug logger, and the output plus every error is searched for the secrets used.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  autoSignIn,
  confirmUserAttribute,
  createKeyring,
  memoryFlowStore,
  serverFlows,
  deleteUser,
  fetchAuthSession,
  fetchUserAttributes,
  isAuthError,
  runSignIn,
  signOut,
  updateMFAPreference,
  updatePassword,
  updateUserAttributes,
  type Auth,
} from './index.js';
import {
  CLIENT_SECRET,
  CUSTOM_ANSWER,
  NEW_PASSWORD,
  PASSWORD,
  allTestPlugins,
  capturingLogger,
  startCoreFixture,
  wrongCode,
  type CoreFixture,
} from './test-support/pool.js';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
});
afterAll(() => fx.close());

it('logs and errors never contain passwords, codes, Sessions, secrets or tokens', async () => {
  const logger = capturingLogger();
  const secrets = new Set<string>([PASSWORD, NEW_PASSWORD, CLIENT_SECRET, CUSTOM_ANSWER]);
  const messages: string[] = [];
  const watch = (auth: Auth) => {
    auth.hooks.response.tap('collect', (result) => {
      const o = result.output;
      if (o.Session) secrets.add(o.Session);
      for (const t of ['AccessToken', 'IdToken', 'RefreshToken'] as const) if (o.AuthenticationResult?.[t]) secrets.add(o.AuthenticationResult[t]);
      if (o.SecretCode) secrets.add(o.SecretCode);
      return result;
    });
    return auth;
  };
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      if (!isAuthError(err)) throw err;
      messages.push(`${err.name} ${err.message} ${err.recoverySuggestion ?? ''} ${JSON.stringify(err.metadata ?? {})} ${String(err.cause ?? '')}`);
    }
  };
  const plugins = allTestPlugins();
  const plain = watch(fx.auth({ plugins, logger }));
  const secret = watch(fx.auth({ plugins, logger, secret: true }));

  await runSignIn(plain, { username: 'alice', password: PASSWORD }, {});
  await runSignIn(secret, { username: 'alice', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }, {});
  await attempt(() => plain.signIn({ username: 'alice', password: `${PASSWORD}-wrong` }));
  await attempt(() => secret.signIn({ username: 'alice', password: `${PASSWORD}-wrong`, options: { authFlowType: 'USER_PASSWORD_AUTH' } }));
  secrets.add(`${PASSWORD}-wrong`);

  const codes: string[] = [];
  const sms = await secret.signIn({ username: 'sms', password: PASSWORD });
  codes.push(fx.code('sms'));
  await attempt(() => sms.confirm(wrongCode(fx.code('sms'))));
  codes.push(wrongCode(fx.code('sms')));
  const snapshot = JSON.stringify(sms);
  await secret.resumeFlow(snapshot).confirm(fx.code('sms'));

  const custom = await plain.signIn({ username: 'custom', password: PASSWORD, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
  await attempt(() => custom.confirm('wrong-custom-answer'));
  await custom.confirm(CUSTOM_ANSWER);

  const { pool, username } = await fx.freshUser({ password: PASSWORD, status: 'FORCE_CHANGE_PASSWORD', requiredAttributes: ['name'] });
  const np = watch(fx.auth({ pool, logger }));
  const flow = await np.signIn({ username, password: PASSWORD });
  await attempt(() => flow.confirm(NEW_PASSWORD));
  await flow.confirm(NEW_PASSWORD, { userAttributes: { name: 'Ada' } });

  const email = await plain.signIn({ username: 'passwordless', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
  codes.push(fx.code('passwordless', 'EMAIL'));
  await email.confirm(fx.code('passwordless', 'EMAIL'));

  // expired: local and remote
  const late = await plain.signIn({ username: 'sms', password: PASSWORD });
  codes.push(fx.code('sms'));
  fx.emu.clock.advance(181_000);
  await attempt(() => late.confirm(fx.code('sms')));

  // sign-up and reset, through the runner, on a client with a secret
  const fresh = await fx.freshUser({ password: PASSWORD, status: 'RESET_REQUIRED', attributes: { email: 'z@example.com', email_verified: 'true' } }, {}, { secret: true });
  const account = watch(fx.auth({ pool: fresh.pool, logger }));
  await account.signUp({ username: 'signup-secret', password: PASSWORD, options: { userAttributes: { email: 'q@example.com' } } });
  await runSignIn(account, { username: 'signup-secret', password: PASSWORD }, {
    CONFIRM_SIGN_UP: (_s, ctx) => {
      const code = fx.code('signup-secret', 'EMAIL', fresh.pool);
      codes.push(code);
      return ctx.attempt === 1 ? (codes.push(wrongCode(code)), wrongCode(code)) : code;
    },
  });
  await runSignIn(account, { username: fresh.username, password: PASSWORD }, {
    RESET_PASSWORD: () => {
      const code = fx.code(fresh.username, 'EMAIL', fresh.pool);
      codes.push(code);
      return { answer: code, options: { password: NEW_PASSWORD } };
    },
  });

  // sessions (#10): refresh, account calls, sign-out, a dead session, autoSignIn, on a client with a secret
  const acct = await fx.freshUser({ password: PASSWORD, attributes: { email: 's@example.com', email_verified: 'true' } }, {}, { secret: true });
  const session = watch(fx.auth({ pool: acct.pool, logger }));
  await session.signIn({ username: acct.username, password: PASSWORD });
  await fetchAuthSession(session, { forceRefresh: true });
  fx.emu.clock.advance(3600_000 + 1000);
  await fetchUserAttributes(session);
  await updateUserAttributes(session, { userAttributes: { email: 's2@example.com' } });
  const attrCode = fx.code(acct.username, 'EMAIL', acct.pool);
  codes.push(attrCode, wrongCode(attrCode));
  await attempt(() => confirmUserAttribute(session, { userAttributeKey: 'email', confirmationCode: wrongCode(attrCode) }));
  await confirmUserAttribute(session, { userAttributeKey: 'email', confirmationCode: attrCode });
  await attempt(() => updatePassword(session, { oldPassword: `${PASSWORD}-wrong`, newPassword: NEW_PASSWORD }));
  await updatePassword(session, { oldPassword: PASSWORD, newPassword: NEW_PASSWORD });
  await attempt(() => updateMFAPreference(session, { totp: 'PREFERRED' }));
  const { tokens } = await fetchAuthSession(session);
  await session.cognito.send('GlobalSignOut', { AccessToken: String(tokens!.accessToken) });
  fx.emu.clock.advance(3600_000 + 1000);
  await attempt(() => fetchAuthSession(session));
  await session.signIn({ username: acct.username, password: NEW_PASSWORD });
  await signOut(session);
  await session.signIn({ username: acct.username, password: NEW_PASSWORD });
  await deleteUser(session);
  await session.signUp({ username: 'auto-secret', password: PASSWORD, options: { userAttributes: { email: 'a@example.com' }, autoSignIn: true } });
  const upCode = fx.code('auto-secret', 'EMAIL', acct.pool);
  codes.push(upCode, wrongCode(upCode));
  await attempt(() => session.confirmSignUp({ username: 'auto-secret', confirmationCode: wrongCode(upCode) }));
  await session.confirmSignUp({ username: 'auto-secret', confirmationCode: upCode });
  await autoSignIn(session);
  await attempt(() => autoSignIn(session));

  // servers (#14): flows by id, sealed in a flow store; wrong code, spent flow, tampered envelope.
  const key = 'q2VydmVyLXNpZGUta2V5LWZvci1zZWNyZXRzLXRlc3Q=';
  secrets.add(key);
  const keyring = await createKeyring({ current: { id: 'sec', key } });
  const flowStore = memoryFlowStore();
  const many = watch(fx.auth({ plugins, logger, secret: true, sessions: 'many' }));
  const flows = serverFlows(many, { keyring, store: flowStore });
  const started = await flows.start({ username: 'sms', password: PASSWORD });
  const serverCode = fx.code('sms');
  codes.push(serverCode, wrongCode(serverCode));
  await attempt(() => many.confirmSignIn({ challengeResponse: serverCode }));
  await attempt(() => flows.answer(started.flowId, wrongCode(serverCode)));
  const claimed = await flowStore.claim(started.flowId, 1_000);
  if (claimed.status !== 'claimed') throw new Error('expected the flow in the store');
  secrets.add(claimed.value.split('.')[3]!.slice(0, 40));
  await flowStore.save(started.flowId, claimed.value.slice(0, -6) + 'AAAAAA', 60_000);
  await attempt(() => flows.answer(started.flowId, serverCode));
  await attempt(() => flows.answer(started.flowId, serverCode));

  for (const c of codes) secrets.add(c);
  expect(logger.lines.length).toBeGreaterThan(20);
  expect(messages.length).toBeGreaterThanOrEqual(5);
  const haystack = [...logger.lines, ...messages].join('\n');
  for (const s of secrets) {
    expect(s.length).toBeGreaterThan(5);
    expect(haystack.includes(s), `a secret leaked: ${s.slice(0, 3)}…`).toBe(false);
  }
});
