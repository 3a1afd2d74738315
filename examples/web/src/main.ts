/**
 * The web example: a sign-in form, then one form per step until the user is signed in.
 * Runs under a strict Content-Security-Policy (script-src 'self', no 'unsafe-eval').
 */
import { fetchAuthSession, signOut, type AuthFlowType, type ConfirmSignInOptions, type StepAnswer } from '@nextstep/core';
import { associateWebAuthnCredential, listWebAuthnCredentials } from '@nextstep/plugin-webauthn';
import { authFor, type PageAuth } from './auth.js';
import { loadConfig, type PoolConfig, type WebConfig } from './config.js';
import { h, mount } from './dom.js';
import { renderStep } from './steps.js';

type Flow = Awaited<ReturnType<PageAuth['signIn']>>;

const app = document.getElementById('app')!;
/** The sign-in method select's value for USER_AUTH with preferredChallenge WEB_AUTHN. */
const PASSKEY_FLOW = 'USER_AUTH:WEB_AUTHN';
const auths = new Map<string, PageAuth>();

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const suggestion = (error as { recoverySuggestion?: string }).recoverySuggestion;
    return `${error.name}: ${error.message}${suggestion ? ` ${suggestion}` : ''}`;
  }
  return 'Something went wrong.';
}

function errorBox(): HTMLElement {
  return h('div', { class: 'error', role: 'alert', id: 'error' });
}

function setBusy(root: Element, busy: boolean): void {
  root.querySelectorAll('button, input, select').forEach((el) => {
    (el as HTMLButtonElement).disabled = busy;
  });
  root.toggleAttribute('aria-busy', busy);
}

function showSignIn(config: WebConfig, message?: string): void {
  const poolSelect = h('select', { id: 'f-pool', name: 'pool' },
    ...config.pools.map((p) => h('option', { value: p.key }, p.label)));
  const flowSelect = h('select', { id: 'f-flow', name: 'flow' },
    h('option', { value: 'USER_SRP_AUTH' }, 'Password (SRP)'),
    h('option', { value: 'USER_PASSWORD_AUTH' }, 'Password (plain)'),
    h('option', { value: 'CUSTOM_WITH_SRP' }, 'Custom challenge after SRP'),
    h('option', { value: 'USER_AUTH' }, 'Choice-based (USER_AUTH, passwordless)'),
    h('option', { value: PASSKEY_FLOW }, 'Passkey (USER_AUTH, WEB_AUTHN)'));
  const username = h('input', { id: 'f-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'f-password', name: 'password', type: 'password', autocomplete: 'current-password' });
  const error = errorBox();
  if (message) error.textContent = message;
  const demo = (config.demoUsers ?? []).map((u) =>
    h('button', {
      type: 'button', title: u.exercises, 'data-demo-user': u.username,
      onclick: () => {
        username.value = u.username;
        password.value = u.password;
        poolSelect.value = u.pool;
        flowSelect.value = u.authFlowType ?? 'USER_SRP_AUTH';
      },
    }, u.username));
  const form = h('form', { 'data-step': 'SIGN_IN', novalidate: true },
    h('h2', {}, 'Sign in'),
    demo.length > 0 ? h('div', {}, h('p', { class: 'muted' }, 'Demo users (fill the form):'), h('div', { class: 'demo-users' }, ...demo)) : null,
    config.pools.length > 1 ? h('div', {}, h('label', { for: 'f-pool' }, 'User pool'), poolSelect) : null,
    h('label', { for: 'f-username' }, 'Username'), username,
    h('label', { for: 'f-password' }, 'Password'), password,
    h('label', { for: 'f-flow' }, 'Sign-in method'), flowSelect,
    h('button', { type: 'submit' }, 'Sign in'),
    error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pool = config.pools.find((p) => p.key === poolSelect.value) ?? config.pools[0]!;
    if (username.value.trim() === '') {
      error.textContent = 'Enter a username.';
      return;
    }
    const passkey = flowSelect.value === PASSKEY_FLOW;
    const options = passkey
      ? { authFlowType: 'USER_AUTH' as const, preferredChallenge: 'WEB_AUTHN' as const }
      : { authFlowType: flowSelect.value as AuthFlowType };
    setBusy(form, true);
    error.textContent = '';
    const auth = authOf(config, pool);
    auth.signIn({
      username: username.value.trim(),
      // A passkey sign-in sends no password, whatever the field holds.
      ...(password.value && !passkey ? { password: password.value } : {}),
      options,
    }).then((flow) => showFlow(config, pool, auth, flow), (e: unknown) => {
      setBusy(form, false);
      error.textContent = errorText(e);
    });
  });
  mount(app, form);
  username.focus();
}

function authOf(config: WebConfig, pool: PoolConfig): PageAuth {
  let auth = auths.get(pool.key);
  if (!auth) {
    auth = authFor(config, pool);
    auths.set(pool.key, auth);
  }
  return auth;
}

/** The step each flow last entered, so a code is requested once per step, not per retry. */
const entered = new WeakMap<Flow, string>();

/**
 * CONFIRM_SIGN_UP and RESET_PASSWORD come from exceptions: Cognito has sent nothing yet, so
 * the page asks for the code as the step opens.
 */
async function requestCode(auth: PageAuth, flow: Flow): Promise<string | undefined> {
  const step = flow.nextStep.signInStep;
  if (entered.get(flow) === step) return undefined;
  entered.set(flow, step);
  if (step === 'CONFIRM_SIGN_UP') {
    const details = await auth.resendSignUpCode({ username: flow.username });
    return `We sent a confirmation code${details?.destination ? ` to ${details.destination}` : ''}.`;
  }
  if (step === 'RESET_PASSWORD') {
    const out = await auth.resetPassword({ username: flow.username });
    const details = 'codeDeliveryDetails' in out.nextStep ? out.nextStep.codeDeliveryDetails : undefined;
    return `We sent a reset code${details?.destination ? ` to ${details.destination}` : ''}.`;
  }
  return undefined;
}

function showFlow(config: WebConfig, pool: PoolConfig, auth: PageAuth, flow: Flow): void {
  const next = flow.nextStep;
  if (next.signInStep === 'DONE') {
    void showSignedIn(config, pool, auth);
    return;
  }
  if (entered.get(flow) !== next.signInStep && (next.signInStep === 'CONFIRM_SIGN_UP' || next.signInStep === 'RESET_PASSWORD')) {
    mount(app, h('p', { class: 'muted', 'aria-busy': 'true' }, 'Sending a code…'));
    requestCode(auth, flow).then(
      (notice) => showStep(config, pool, auth, flow, notice),
      (e: unknown) => showStep(config, pool, auth, flow, undefined, errorText(e)));
    return;
  }
  entered.set(flow, next.signInStep);
  showStep(config, pool, auth, flow);
}

function showStep(config: WebConfig, pool: PoolConfig, auth: PageAuth, flow: Flow, notice?: string, problem?: string): void {
  const next = flow.nextStep;
  const error = errorBox();
  if (problem) error.textContent = problem;
  const answer = (value: StepAnswer, options?: ConfirmSignInOptions) => {
    setBusy(view, true);
    error.textContent = '';
    flow.confirm(value, options).then(() => showFlow(config, pool, auth, flow), (e: unknown) => {
      if ((e as { kind?: string }).kind === 'session' || flow.status === 'failed') {
        showSignIn(config, `${errorText(e)} Sign in again.`);
        return;
      }
      // The flow stays at its step: show why, and ask again.
      setBusy(view, false);
      error.textContent = errorText(e);
      const first = view.querySelector('input');
      if (first) {
        first.value = '';
        first.focus();
      }
    });
  };
  const demo = config.endpoint !== undefined && config.demoUsers?.some((u) => u.username === flow.username && u.pool === pool.key);
  const view = renderStep(next, {
    answer,
    cancel: () => showSignIn(config),
    // Only for the emulator's demo users: the emulator tells the current TOTP code.
    ...(demo ? { revealTotp: () => revealTotp(config.endpoint!, pool.userPoolId, flow.username) } : {}),
    resendSignUpCode: () => {
      auth.resendSignUpCode({ username: flow.username }).then(
        () => { error.textContent = 'A new code is on its way.'; },
        (e: unknown) => { error.textContent = errorText(e); });
    },
  }, { username: flow.username, totpIssuer: config.totpIssuer ?? 'nextstep web demo' });
  if (notice) view.querySelector('h2')?.after(h('p', { class: 'info', 'data-notice': '' }, notice));
  view.append(error);
  mount(app, view);
  view.querySelector<HTMLInputElement>('input[autofocus]')?.focus();
}

async function revealTotp(endpoint: string, userPoolId: string, username: string): Promise<string> {
  const url = new URL('/_emulator/totp', endpoint);
  url.search = new URLSearchParams({ userPoolId, username }).toString();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { code: string }).code;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/**
 * The signed-in view, from the stored session (so it also shows after a reload): the ID
 * token's claims, when the tokens were issued and last refreshed, and sign-out.
 */
async function showSignedIn(config: WebConfig, pool: PoolConfig, auth: PageAuth, notice?: string): Promise<void> {
  let session;
  try {
    session = await fetchAuthSession(auth);
  } catch (e) {
    showSignIn(config, `${errorText(e)}`);
    return;
  }
  if (!session.tokens || !session.userSub) {
    showSignIn(config);
    return;
  }
  const claims = session.tokens.idToken?.payload ?? {};
  const rows = Object.entries(claims).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const);
  const who = rows.find(([k]) => k === 'cognito:username')?.[1] ?? session.userSub;
  const stored = await auth.store.get(session.userSub);
  const issued = (session.tokens.accessToken.payload.iat ?? 0) * 1000;
  const error = errorBox();
  const view = h('section', { 'data-step': 'DONE', 'data-signed-in': 'true' },
    h('h2', { class: 'signed-in' }, `Signed in as ${who}`),
    notice ? h('p', { class: 'info', 'data-notice': '' }, notice) : null,
    h('p', { class: 'muted', id: 'tokens' },
      `Tokens issued at ${time(issued)}; `,
      h('span', { 'data-refreshed': stored?.refreshedAt ? String(stored.refreshedAt) : '' },
        stored?.refreshedAt ? `refreshed at ${time(stored.refreshedAt)}.` : 'not refreshed yet.')),
    h('p', { class: 'muted' }, 'Claims of the ID token:'),
    h('table', { class: 'claims', id: 'claims' }, ...rows.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { 'data-claim': k }, v)))),
    h('button', {
      type: 'button', class: 'secondary', 'data-action': 'refresh',
      onclick: () => {
        setBusy(view, true);
        fetchAuthSession(auth, { forceRefresh: true }).then(
          () => showSignedIn(config, pool, auth, 'Tokens refreshed.'),
          (e: unknown) => { setBusy(view, false); error.textContent = errorText(e); });
      },
    }, 'Refresh tokens'),
    h('button', {
      type: 'button', class: 'secondary', 'data-action': 'add-passkey',
      onclick: () => {
        setBusy(view, true);
        error.textContent = '';
        // StartWebAuthnRegistration, navigator.credentials.create, CompleteWebAuthnRegistration.
        associateWebAuthnCredential(auth)
          .then(() => listWebAuthnCredentials(auth))
          .then(
            ({ credentials }) => showSignedIn(config, pool, auth, `Passkey added (${credentials.length} on this account). Sign out, then sign in with "Passkey".`),
            (e: unknown) => { setBusy(view, false); error.textContent = errorText(e); });
      },
    }, 'Add a passkey'),
    h('button', {
      type: 'button', class: 'secondary', 'data-action': 'sign-out',
      onclick: () => {
        setBusy(view, true);
        // The session leaves the store whatever Cognito answers; say when it could not revoke.
        signOut(auth).then((out) =>
          showSignIn(config, out.revoked ? 'Signed out.' : `Signed out here; Cognito could not revoke the session (${out.error ?? 'error'}).`));
      },
    }, 'Sign out'),
    error);
  mount(app, view);
}

/** After a reload: the first pool whose Auth holds a session shows it; else the sign-in form. */
async function start(config: WebConfig): Promise<void> {
  for (const pool of config.pools) {
    const auth = authOf(config, pool);
    const ids = await auth.store.list();
    if (ids.length > 0) {
      await showSignedIn(config, pool, auth);
      return;
    }
  }
  showSignIn(config);
}

loadConfig().then((config) => start(config), (e: unknown) => {
  mount(app, h('p', { class: 'error', role: 'alert' }, errorText(e)));
});
