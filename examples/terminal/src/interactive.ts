/**
 * The interactive terminal sign-in: pick a demo user (or type credentials), answer each step
 * at a prompt, watch the codes arrive, and see the ID token's claims at the end.
 */
import * as p from '@clack/prompts';
import { isAuthError, type AuthFlowType, type ConfirmSignInOptions, type NextStep, type StepAnswer } from '@nextstep/core';
import { startEmulator } from '@nextstep/emulator';
import { toTerminal } from '@nextstep/plugin-totp/qr';
import { accountMenu, type MenuIO } from './account-menu.js';
import { createAppAuth, TOTP_ISSUER, type AppAuth, type AppFlow, type PoolTarget } from './auth.js';

/** The steps this app's plugins can show (core's, and the passkey plugin's retry step). */
type AppStepView = AppFlow['nextStep'];
import { DEMO_POOLS, DEMO_USERS, demoEmulatorConfig, findDemoUser, type DemoUser } from './demo-pool.js';
import { decodeJwtPayload, displayClaims } from './jwt.js';
import { formatMessage, messageQueue, type OutboxFeed } from './outbox-feed.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Where the interactive app signs in. */
export type InteractiveTarget = { kind: 'emulator' } | ({ kind: 'remote' } & PoolTarget & { region: string });

/** The user left (Ctrl-C or Escape at a prompt). */
class Cancelled extends Error {}

function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value)) throw new Cancelled();
  return value as Exclude<T, symbol>;
}

/** What the app knows about the sign-in in progress. */
interface Session {
  auth: AppAuth;
  username: string;
  demo?: DemoUser;
  emu?: Emulator;
  feed?: OutboxFeed;
  userPoolId: string;
}

function showNewMessages(s: Session): void {
  for (const m of s.feed?.fresh() ?? []) p.log.message(formatMessage(m), { symbol: m.medium === 'SMS' ? '📱' : '✉' });
}

function describeError(error: unknown): string {
  if (isAuthError(error)) return `${error.message}${error.recoverySuggestion ? `\n${error.recoverySuggestion}` : ''} (${error.name})`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'Something went wrong.';
}

/** Runs `work` under a spinner; stops it with a short result either way. */
async function withSpinner<T>(message: string, work: () => Promise<T>): Promise<T> {
  const spin = p.spinner();
  spin.start(message);
  try {
    const result = await work();
    spin.stop(`${message.replace(/…$/, '')}: done`);
    return result;
  } catch (error) {
    spin.error(`${message.replace(/…$/, '')}: failed`);
    throw error;
  }
}

async function code(message: string, s: Session, reveal?: () => string): Promise<string> {
  const hint = reveal ? ' (type ? to reveal it: demo users only)' : '';
  for (;;) {
    const value = answered(await p.text({
      message: `${message}${hint}`,
      placeholder: '123456',
      validate: (v) => (!v || !v.trim() ? 'Enter the code.' : undefined),
    })).trim();
    if (value === '?' && reveal) {
      p.log.info(`The authenticator shows ${reveal()} right now.`);
      continue;
    }
    return value;
  }
}

/** Asks the person for the answer to one step. */
async function ask(step: AppStepView, s: Session, firstAsk: boolean): Promise<{ answer: StepAnswer; options?: ConfirmSignInOptions }> {
  const demoEmu = s.demo && s.emu ? s.emu : undefined;
  switch (step.signInStep) {
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE': {
      const where = step.codeDeliveryDetails?.destination ? ` sent to ${step.codeDeliveryDetails.destination}` : '';
      return { answer: await code(`Code${where}`, s) };
    }
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return {
        answer: await code('Code from your authenticator app', s,
          demoEmu ? () => demoEmu.totpCode(s.userPoolId, s.username) : undefined),
      };
    case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP': {
      const details = step.totpSetupDetails;
      const uri = details.getSetupUri(TOTP_ISSUER, s.username);
      if (firstAsk) p.note(`${toTerminal(uri)}\n\nOr type this key: ${details.sharedSecret}`, 'Scan with an authenticator app');
      const answer = await code('Code the app shows', s,
        demoEmu ? () => demoEmu.totpCode(s.userPoolId, s.username) : undefined);
      return { answer, options: { friendlyDeviceName: 'terminal demo' } };
    }
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
    case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION': {
      const labels = { TOTP: 'Authenticator app (TOTP)', SMS: 'Text message (SMS)', EMAIL: 'Email' } as const;
      const choice = answered(await p.select({
        message: step.signInStep === 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION' ? 'Verify with' : 'MFA is required: set up',
        options: step.allowedMFATypes.map((t) => ({ value: t, label: labels[t] ?? t })),
      }));
      return { answer: choice };
    }
    case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP': {
      const address = answered(await p.text({ message: 'Email address for sign-in codes', placeholder: 'you@example.com', initialValue: s.demo ? `${s.username}@example.com` : '' }));
      return { answer: address.trim() };
    }
    case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION': {
      const labels: Record<string, string> = { PASSWORD: 'Password', PASSWORD_SRP: 'Password (SRP)', EMAIL_OTP: 'Code by email', SMS_OTP: 'Code by SMS', WEB_AUTHN: 'Passkey' };
      const choice = answered(await p.select({
        message: 'Sign in with',
        options: step.availableChallenges.map((c) => ({ value: c, label: labels[c] ?? c })),
      }));
      return { answer: choice };
    }
    case 'CONFIRM_SIGN_IN_WITH_PASSWORD':
      return { answer: answered(await p.password({ message: 'Password' })) };
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE': {
      const info = step.additionalInfo;
      const title = info.challengeType === 'captcha' ? 'Captcha' : info.challengeType === 'security-question' ? 'Security question' : 'Custom challenge';
      const question = info.question ?? Object.entries(info).map(([k, v]) => `${k}: ${v}`).join(', ');
      return { answer: answered(await p.text({ message: `${title}: ${question}` })).trim() };
    }
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED': {
      p.log.info('Your password was set by an administrator: choose your own.');
      const answer = answered(await p.password({ message: 'New password', validate: (v) => (!v ? 'Enter a password.' : undefined) }));
      const userAttributes: Record<string, string> = {};
      for (const raw of step.missingAttributes) {
        const name = raw.replace(/^userAttributes\./, '');
        userAttributes[name] = answered(await p.text({ message: `Your ${name.replace(/_/g, ' ')}`, validate: (v) => (!v ? 'Required.' : undefined) }));
      }
      return { answer, options: Object.keys(userAttributes).length > 0 ? { userAttributes } : {} };
    }
    case 'RESET_PASSWORD': {
      p.log.warn('This account must reset its password.');
      const resetCode = await code('Reset code', s);
      const password = answered(await p.password({ message: 'New password', validate: (v) => (!v ? 'Enter a password.' : undefined) }));
      return { answer: resetCode, options: { password } };
    }
    case 'CONFIRM_SIGN_UP':
      p.log.warn('This account is not confirmed yet.');
      return { answer: await code('Confirmation code', s) };
    case 'UNCLAIMED_CHALLENGE': {
      p.note(
        [`challenge: ${step.challengeName}`, ...Object.entries(step.challengeParameters).map(([k, v]) => `${k}: ${v}`),
          step.suggestedPlugin ? `(the plugin ${step.suggestedPlugin} would handle it)` : 'No installed plugin handles it; answer it raw.'].join('\n'),
        'A challenge no plugin claims');
      return { answer: answered(await p.text({ message: 'Answer (sent as ANSWER)' })).trim() };
    }
    case 'CONFIRM_SIGN_IN_WITH_PASSKEY':
      p.note(`${step.error.name}: ${step.error.message}`, 'The passkey prompt did not complete');
      return { answer: 'RETRY' };
    default:
      throw new Error(`The app does not know the step ${(step as { signInStep: string }).signInStep}.`);
  }
}

/** Steps that need Cognito to send a code before the person can answer. */
async function prepare(step: AppStepView, s: Session): Promise<void> {
  const sent = (purpose: 'SIGN_UP' | 'FORGOT_PASSWORD') =>
    s.emu?.outbox.last({ userPoolId: s.userPoolId, username: s.username, purpose }) !== undefined;
  if (step.signInStep === 'CONFIRM_SIGN_UP' && (!s.emu || !sent('SIGN_UP'))) {
    await withSpinner('Sending a confirmation code…', () => s.auth.resendSignUpCode({ username: s.username }));
  }
  if (step.signInStep === 'RESET_PASSWORD' && !step.codeDeliveryDetails && (!s.emu || !sent('FORGOT_PASSWORD'))) {
    await withSpinner('Sending a reset code…', () => s.auth.resetPassword({ username: s.username }));
  }
}

/** Drives one sign-in to DONE; resolves to undefined when the person must start over. */
async function signInOnce(s: Session, password: string | undefined, authFlowType: AuthFlowType | undefined): Promise<AppFlow | undefined> {
  let flow: AppFlow;
  try {
    flow = await withSpinner(`Signing in as ${s.username}…`, () => s.auth.signIn({
      username: s.username,
      ...(password ? { password } : {}),
      ...(authFlowType ? { options: { authFlowType } } : {}),
    }));
  } catch (error) {
    p.log.error(describeError(error));
    return undefined;
  }
  let entered = '';
  while (!flow.isSignedIn) {
    const step = flow.nextStep;
    showNewMessages(s);
    const firstAsk = step.signInStep !== entered;
    if (firstAsk) {
      entered = step.signInStep;
      p.log.step(step.signInStep);
      try {
        await prepare(step, s);
      } catch (error) {
        p.log.error(describeError(error));
      }
      showNewMessages(s);
    }
    const { answer, options } = await ask(step, s, firstAsk);
    try {
      await withSpinner('Checking…', () => flow.confirm(answer, options));
      entered = ''; // a new step (or a new round of the same type) follows
    } catch (error) {
      p.log.error(describeError(error));
      if ((isAuthError(error) && error.mustSignInAgain) || flow.status !== 'active') {
        p.log.warn('This sign-in has ended: start again.');
        return undefined;
      }
      p.log.info('Try again.');
    }
  }
  return flow;
}

function showClaims(flow: AppFlow): void {
  const idToken = flow.tokens?.idToken;
  if (!idToken) {
    p.log.warn('Signed in, but Cognito returned no ID token.');
    return;
  }
  const claims = displayClaims(decodeJwtPayload(idToken));
  const width = Math.max(...Object.keys(claims).map((k) => k.length));
  p.note(Object.entries(claims).map(([k, v]) => `${k.padEnd(width)}  ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n'), 'ID token claims');
}

async function chooseUser(target: InteractiveTarget): Promise<{ username: string; password?: string; demo?: DemoUser; authFlowType?: AuthFlowType } | undefined> {
  if (target.kind === 'emulator') {
    const pick = answered(await p.select<string>({
      message: 'Sign in as',
      options: [
        ...DEMO_USERS.map((u) => ({ value: u.username, label: u.username, hint: u.exercises })),
        { value: '\u0000type', label: 'Type a username and password', hint: `pool ${DEMO_POOLS.main.name}` },
        { value: '\u0000quit', label: 'Quit' },
      ],
    }));
    if (pick === '\u0000quit') return undefined;
    const demo = findDemoUser(pick);
    if (demo) {
      const password = answered(await p.password({ message: `Password for ${demo.username} (Enter for the demo password)` }));
      return { username: demo.username, password: password || demo.password, demo, ...(demo.authFlowType ? { authFlowType: demo.authFlowType } : {}) };
    }
  }
  const username = answered(await p.text({ message: 'Username', validate: (v) => (!v || !v.trim() ? 'Enter a username.' : undefined) })).trim();
  const authFlowType = answered(await p.select<AuthFlowType>({
    message: 'Sign-in method',
    options: [
      { value: 'USER_SRP_AUTH', label: 'Password (SRP)' },
      { value: 'USER_PASSWORD_AUTH', label: 'Password (plain, over TLS)' },
      { value: 'CUSTOM_WITH_SRP', label: 'Custom challenge after SRP' },
      { value: 'CUSTOM_WITHOUT_SRP', label: 'Custom challenge only' },
      { value: 'USER_AUTH', label: 'Choice-based (passwordless allowed)' },
    ],
  }));
  const password = authFlowType === 'CUSTOM_WITHOUT_SRP' ? '' : answered(await p.password({ message: 'Password (empty for passwordless)' }));
  return { username, ...(password ? { password } : {}), authFlowType };
}

/** The account menu's questions as prompts. */
const promptIO: MenuIO = {
  choose: async (message, options) => answered(await p.select<string>({ message, options })),
  secret: async (message) => answered(await p.password({ message })),
  info: (text) => p.log.info(text),
  error: (text) => p.log.error(text),
};

/** Runs the interactive app until the person quits. */
export async function runInteractive(target: InteractiveTarget): Promise<void> {
  p.intro('nextstep: multi-step sign-in for Amazon Cognito');
  let emu: Emulator | undefined;
  const inbox = messageQueue();
  try {
    if (target.kind === 'emulator') {
      emu = await withSpinner('Starting the Cognito emulator…', () => startEmulator({ port: 0, host: '127.0.0.1', config: demoEmulatorConfig(), onMessage: inbox.push }));
      p.log.info(`Emulator at ${emu.endpoint}. Demo password: see the hint, or press Enter at the password prompt.`);
    } else {
      p.log.info(`User pool ${target.userPoolId} at ${target.endpoint ?? `the public Cognito endpoint of ${target.region}`}.`);
    }
    const remoteAuth = target.kind === 'remote' ? createAppAuth(target) : undefined;
    const feed = emu ? inbox : undefined;
    for (;;) {
      const who = await chooseUser(target);
      if (!who) break;
      const pool = who.demo ? DEMO_POOLS[who.demo.pool] : emu ? DEMO_POOLS.main : undefined;
      const auth = remoteAuth ?? createAppAuth({ userPoolId: pool!.userPoolId, clientId: pool!.clientId, endpoint: emu!.endpoint, region: 'us-east-1' });
      const session: Session = {
        auth,
        username: who.username,
        userPoolId: target.kind === 'remote' ? target.userPoolId : pool!.userPoolId,
        ...(who.demo ? { demo: who.demo } : {}),
        ...(emu ? { emu } : {}),
        ...(feed ? { feed } : {}),
      };
      const flow = await signInOnce(session, who.password, who.authFlowType);
      if (flow) {
        p.log.success(`Signed in as ${who.username}.`);
        showClaims(flow);
        await accountMenu(auth, promptIO);
      }
      const again = answered(await p.confirm({ message: 'Sign in again?', initialValue: true }));
      if (!again) break;
    }
    p.outro('Bye.');
  } catch (error) {
    if (error instanceof Cancelled) p.cancel('Cancelled.');
    else throw error;
  } finally {
    await emu?.close();
  }
}
