/**
 * One form per sign-in step. Each form carries `data-step` (the signInStep) so a person, a
 * screen reader and the browser tests all know where the flow stands.
 */
import type { ConfirmSignInOptions, MfaType, NextStep, StepAnswer } from '@nextstep/core';
import { toDataUrl } from '@nextstep/plugin-totp/qr';
import { PASSKEY_STEP, type PasskeyRetryStep } from '@nextstep/plugin-webauthn';
import { h } from './dom.js';

/** What a step form does with the user's answer. */
export interface StepActions {
  answer(answer: StepAnswer, options?: ConfirmSignInOptions): void;
  /** Demo pools only: the authenticator's current code, from the emulator. */
  revealTotp?(): Promise<string>;
  /** Asks for a new sign-up code (CONFIRM_SIGN_UP). */
  resendSignUpCode?(): void;
  cancel(): void;
}

/** Facts about the flow a form may show. */
export interface StepContextView {
  username: string;
  totpIssuer: string;
}

const MFA_LABELS: Record<MfaType, string> = {
  TOTP: 'Authenticator app (TOTP)',
  SMS: 'Text message (SMS)',
  EMAIL: 'Email',
};

const FACTOR_LABELS: Record<string, string> = {
  PASSWORD: 'Password',
  PASSWORD_SRP: 'Password (SRP)',
  EMAIL_OTP: 'Code by email',
  SMS_OTP: 'Code by text message',
  WEB_AUTHN: 'Passkey',
};

function field(label: string, name: string, attrs: Record<string, string | boolean> = {}): HTMLElement {
  const id = `f-${name.replace(/[^a-z0-9]/gi, '-')}`;
  return h('div', {}, h('label', { for: id }, label), h('input', { id, name, required: true, ...attrs }));
}

/** A "show me the code" button for the emulator's demo users (no phone needed). */
function revealButton(actions: StepActions): HTMLElement | null {
  const reveal = actions.revealTotp;
  if (!reveal) return null;
  const out = h('span', { class: 'muted', 'data-revealed': '' });
  const button = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'reveal-totp',
    onclick: () => {
      reveal().then((code) => { out.textContent = ` The authenticator shows ${code} now.`; }, () => { out.textContent = ' Could not read the code.'; });
    },
  }, 'Reveal the code (demo)');
  return h('div', {}, button, out);
}

function codeField(label = 'Code'): HTMLElement {
  return field(label, 'code', { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6,8}', autofocus: true });
}

function value(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el.value.trim() : '';
}

function form(step: string, title: string, actions: StepActions, body: (Node | null)[], onSubmit?: (form: HTMLFormElement) => void, submitLabel = 'Continue'): HTMLFormElement {
  const el = h('form', { 'data-step': step, novalidate: true },
    h('h2', {}, title),
    ...body,
    onSubmit ? h('button', { type: 'submit' }, submitLabel) : null,
    h('button', { type: 'button', class: 'secondary', onclick: () => actions.cancel() }, 'Start over'),
  );
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit?.(el);
  });
  return el;
}

function delivery(details: { deliveryMedium?: string; destination?: string } | undefined, fallback: string): HTMLElement {
  const where = details?.destination ? ` to ${details.destination}` : '';
  return h('p', { class: 'info' }, `${fallback}${where}.`);
}

function choiceButtons(step: string, title: string, actions: StepActions, intro: string, choices: { value: string; label: string }[]): HTMLFormElement {
  const list = h('div', { class: 'choices' }, ...choices.map((c) =>
    h('button', { type: 'button', 'data-choice': c.value, onclick: () => actions.answer(c.value) }, c.label)));
  return form(step, title, actions, [h('p', {}, intro), list]);
}

/** What a failed passkey prompt means to the user, by the plugin's typed error. */
const PASSKEY_ERRORS: Record<PasskeyRetryStep['error']['name'], string> = {
  WebAuthnCanceled: 'The passkey prompt was cancelled or timed out.',
  WebAuthnNotSupported: 'This browser offers no passkeys.',
  WebAuthnRelyingPartyMismatch: 'This page is not allowed to use the passkeys of this user pool (open it on localhost).',
  WebAuthnCredentialExists: 'This device already holds a passkey for you.',
  WebAuthnFailed: 'The passkey could not be used.',
};

/** The passkey prompt failed before anything was sent: say why, offer to try again (same flow). */
function renderPasskeyRetry(next: PasskeyRetryStep, actions: StepActions): HTMLFormElement {
  return form(next.signInStep, 'Sign in with your passkey', actions, [
    h('p', { class: 'info', 'data-passkey-error': next.error.name }, `${PASSKEY_ERRORS[next.error.name] ?? next.error.name} (${next.error.name})`),
    h('p', {}, 'Try again, or start over and sign in another way.'),
  ], () => actions.answer('RETRY'), 'Try the passkey again');
}

/** Builds the form of a step (DONE is rendered by the page itself). */
export function renderStep(next: NextStep | PasskeyRetryStep, actions: StepActions, view: StepContextView): HTMLElement {
  if (next.signInStep === PASSKEY_STEP) return renderPasskeyRetry(next, actions);
  switch (next.signInStep) {
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
      return form(next.signInStep, 'Enter the code from your text message', actions,
        [delivery(next.codeDeliveryDetails, 'We sent a code by text message'), codeField()],
        (f) => actions.answer(value(f, 'code')), 'Verify');
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
      return form(next.signInStep, 'Enter the code from your email', actions,
        [delivery(next.codeDeliveryDetails, 'We sent a code by email'), codeField()],
        (f) => actions.answer(value(f, 'code')), 'Verify');
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return form(next.signInStep, 'Enter the code from your authenticator app', actions,
        [codeField('6-digit code'), revealButton(actions)], (f) => actions.answer(value(f, 'code')), 'Verify');
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      return choiceButtons(next.signInStep, 'Choose how to verify it is you', actions, 'Your account has several second factors.',
        next.allowedMFATypes.map((t) => ({ value: t, label: MFA_LABELS[t] ?? t })));
    case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
      return choiceButtons(next.signInStep, 'Set up a second factor', actions, 'This account requires multi-factor authentication. Pick one to set up.',
        next.allowedMFATypes.map((t) => ({ value: t, label: MFA_LABELS[t] ?? t })));
    case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP': {
      const uri = next.totpSetupDetails.getSetupUri(view.totpIssuer, view.username);
      return form(next.signInStep, 'Set up your authenticator app', actions, [
        h('p', {}, 'Scan this QR code with an authenticator app, then enter the code it shows.'),
        h('img', { class: 'qr', alt: 'QR code of the TOTP setup URI', src: toDataUrl(uri) }),
        h('p', { class: 'muted' }, 'Or type this key: ', h('code', { class: 'secret', 'data-secret': next.totpSetupDetails.sharedSecret }, next.totpSetupDetails.sharedSecret)),
        codeField('6-digit code'),
        revealButton(actions),
      ], (f) => actions.answer(value(f, 'code')), 'Verify and finish');
    }
    case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP':
      return form(next.signInStep, 'Set up email codes', actions, [
        h('p', {}, 'Where should sign-in codes go? We will send a code there to check.'),
        field('Email address', 'email', { type: 'email', autocomplete: 'email', autofocus: true }),
      ], (f) => actions.answer(value(f, 'email')), 'Send code');
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
      return renderCustomChallenge(next.additionalInfo, actions);
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED': {
      const attrs = next.missingAttributes.map((a) => a.replace(/^userAttributes\./, ''));
      return form(next.signInStep, 'Choose a new password', actions, [
        h('p', {}, 'Your administrator set a temporary password. Choose your own.'),
        field('New password', 'newPassword', { type: 'password', autocomplete: 'new-password', autofocus: true }),
        ...attrs.map((a) => field(`Your ${a.replace(/_/g, ' ')}`, `attr:${a}`, { autocomplete: a === 'name' ? 'name' : 'on' })),
      ], (f) => {
        const userAttributes = Object.fromEntries(attrs.map((a) => [a, value(f, `attr:${a}`)]));
        actions.answer(value(f, 'newPassword'), attrs.length > 0 ? { userAttributes } : undefined);
      }, 'Set password');
    }
    case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION':
      return choiceButtons(next.signInStep, 'How do you want to sign in?', actions, 'Choose a way to sign in.',
        next.availableChallenges.map((c) => ({ value: c, label: FACTOR_LABELS[c] ?? c })));
    case 'CONFIRM_SIGN_IN_WITH_PASSWORD':
      return form(next.signInStep, 'Enter your password', actions,
        [field('Password', 'password', { type: 'password', autocomplete: 'current-password', autofocus: true })],
        (f) => actions.answer(value(f, 'password')), 'Sign in');
    case 'RESET_PASSWORD':
      return form(next.signInStep, 'Reset your password', actions, [
        next.codeDeliveryDetails ? delivery(next.codeDeliveryDetails, 'Your password must be reset. We sent a code') : h('p', {}, 'Your password must be reset: enter the code we sent and choose a new password.'),
        codeField(),
        field('New password', 'newPassword', { type: 'password', autocomplete: 'new-password' }),
      ], (f) => actions.answer(value(f, 'code'), { password: value(f, 'newPassword') }), 'Reset and sign in');
    case 'CONFIRM_SIGN_UP':
      return form(next.signInStep, 'Confirm your account', actions, [
        h('p', { class: 'info' }, 'Your account is not confirmed yet. Enter the code we sent you.'),
        codeField(),
        actions.resendSignUpCode ? h('button', { type: 'button', class: 'secondary', 'data-action': 'resend', onclick: () => actions.resendSignUpCode?.() }, 'Send a new code') : null,
      ], (f) => actions.answer(value(f, 'code')), 'Confirm');
    case 'UNCLAIMED_CHALLENGE': {
      const params = Object.entries(next.challengeParameters);
      return form(next.signInStep, `Challenge: ${next.challengeName}`, actions, [
        h('p', { class: 'info' }, 'No installed plugin handles this challenge, so the page shows it raw.',
          next.suggestedPlugin ? ` (${next.suggestedPlugin} would.)` : ''),
        params.length > 0 ? h('table', { class: 'claims' }, ...params.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v)))) : null,
        field('Answer (sent as ANSWER)', 'answer', { autocomplete: 'off', autofocus: true }),
      ], (f) => actions.answer(value(f, 'answer')), 'Answer');
    }
    case 'DONE':
      return h('p', {}, 'Signed in.');
    default: {
      const unknown: { signInStep: string } = next;
      return form(unknown.signInStep, `Step ${unknown.signInStep}`, actions, [h('p', {}, 'This page does not know this step.')]);
    }
  }
}

/** Custom challenges by kind: the demo's triggers send `challengeType` in their public parameters. */
function renderCustomChallenge(info: Record<string, string>, actions: StepActions): HTMLFormElement {
  const step = 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';
  const submit = (f: HTMLFormElement) => actions.answer(value(f, 'answer'));
  const answer = (label: string, attrs: Record<string, string> = {}) => field(label, 'answer', { autocomplete: 'off', autofocus: true, ...attrs });
  switch (info.challengeType) {
    case 'captcha':
      return form(step, 'Prove you are human', actions, [h('p', { class: 'info', 'data-kind': 'captcha' }, info.question ?? ''), answer('Your answer', { inputmode: 'numeric' })], submit, 'Check');
    case 'security-question':
      return form(step, 'Security question', actions, [h('p', { class: 'info', 'data-kind': 'security-question' }, info.question ?? ''), answer('Your answer')], submit, 'Answer');
    default: {
      const params = Object.entries(info);
      return form(step, 'One more check', actions, [
        params.length > 0 ? h('table', { class: 'claims' }, ...params.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v)))) : null,
        answer('Answer'),
      ], submit, 'Answer');
    }
  }
}
