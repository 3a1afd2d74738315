/**
 * The text of the messages a pool sends, from its templates: VerificationMessageTemplate
 * (or the older EmailVerificationMessage / EmailVerificationSubject / SmsVerificationMessage)
 * for sign-up, resend, forgot-password and attribute-verification codes;
 * AdminCreateUserConfig.InviteMessageTemplate for invitations; SmsAuthenticationMessage and
 * EmailMfaConfiguration for sign-in codes. Cognito's default texts where the pool sets none.
 * The custom message trigger, when the pool has one, writes over these.
 */
import { errors } from './errors.js';
import type { Pool } from './model.js';
import type { Input } from './params.js';

/** What a message is for. */
export type MessageKind = 'SIGN_UP' | 'VERIFY' | 'INVITATION' | 'AUTHENTICATION';

const DEFAULT_VERIFY = 'Your verification code is {####}. ';
const DEFAULT_LINK = 'Please click the link below to verify your email address. {##Verify Email##} ';
const DEFAULT_INVITE = 'Your username is {username} and temporary password is {####}. ';
const DEFAULT_AUTH = 'Your authentication code is {####}. ';

/** `{##label##}`: the link of CONFIRM_WITH_LINK messages (not the code placeholder `{####}`). */
const LINK = /\{##([^#{}][^{}]*?)##\}/g;

type Text = { message: string; subject?: string };

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The message text with code, user name and link filled in. */
export function templateMessage(pool: Pool, kind: MessageKind, medium: 'SMS' | 'EMAIL', fill: { code: string; username: string; clientId?: string }): Text {
  const kept = pool.settings.kept;
  const vt = (kept.VerificationMessageTemplate as Input | undefined) ?? {};
  let message: string;
  let subject: string | undefined;
  if (kind === 'INVITATION') {
    const it = ((kept.AdminCreateUserConfig as Input | undefined)?.InviteMessageTemplate as Input | undefined) ?? {};
    message = (medium === 'SMS' ? str(it.SMSMessage) : str(it.EmailMessage)) ?? DEFAULT_INVITE;
    subject = str(it.EmailSubject) ?? 'Your temporary password';
  } else if (kind === 'AUTHENTICATION') {
    const email = pool.mfaSettings.email ?? {};
    message = (medium === 'SMS' ? str(pool.mfaSettings.sms?.SmsAuthenticationMessage) ?? str(kept.SmsAuthenticationMessage) : str(email.Message)) ?? DEFAULT_AUTH;
    subject = str(email.Subject) ?? 'Your authentication code';
  } else if (kind === 'SIGN_UP' && medium === 'EMAIL' && vt.DefaultEmailOption === 'CONFIRM_WITH_LINK') {
    message = str(vt.EmailMessageByLink) ?? DEFAULT_LINK;
    subject = str(vt.EmailSubjectByLink) ?? 'Your verification link';
  } else {
    message = (medium === 'SMS' ? str(vt.SmsMessage) ?? str(kept.SmsVerificationMessage) : str(vt.EmailMessage) ?? str(kept.EmailVerificationMessage)) ?? DEFAULT_VERIFY;
    subject = str(vt.EmailSubject) ?? str(kept.EmailVerificationSubject) ?? 'Your verification code';
  }
  const region = pool.id.split('_')[0];
  const host = pool.settings.domain ? (pool.settings.customDomain ? pool.settings.domain : `${pool.settings.domain}.auth.${region}.amazoncognito.com`) : `cognito-idp.${region}.amazonaws.com`;
  const link = (label: string) => `<a href="https://${host}/confirmUser?client_id=${encodeURIComponent(fill.clientId ?? '')}&user_name=${encodeURIComponent(fill.username)}&confirmation_code=${fill.code}">${label}</a>`;
  const filled = message
    .replace(LINK, (_, label: string) => link(label))
    .split('{####}').join(fill.code)
    .split('{username}').join(fill.username);
  return { message: filled, ...(medium === 'EMAIL' ? { subject } : {}) };
}

function need(v: unknown, member: string, ...placeholders: string[]): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'string') throw errors.invalidParameter(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a string`);
  for (const p of placeholders) {
    const ok = p === '{##' ? new RegExp(LINK.source).test(v) : v.includes(p);
    if (!ok) throw errors.invalidParameter(`${member} must contain ${p === '{##' ? '{##Click Here##}' : p}.`);
  }
}

/** Checks the templates of a Create/UpdateUserPool request carry their placeholders, as Cognito does. */
export function checkTemplates(input: Input): void {
  need(input.SmsVerificationMessage, 'smsVerificationMessage', '{####}');
  need(input.EmailVerificationMessage, 'emailVerificationMessage', '{####}');
  need(input.SmsAuthenticationMessage, 'smsAuthenticationMessage', '{####}');
  const vt = input.VerificationMessageTemplate as Input | undefined;
  if (vt && typeof vt === 'object') {
    need(vt.SmsMessage, 'verificationMessageTemplate.smsMessage', '{####}');
    need(vt.EmailMessage, 'verificationMessageTemplate.emailMessage', '{####}');
    need(vt.EmailMessageByLink, 'verificationMessageTemplate.emailMessageByLink', '{##');
  }
  const it = (input.AdminCreateUserConfig as Input | undefined)?.InviteMessageTemplate as Input | undefined;
  if (it && typeof it === 'object') {
    need(it.SMSMessage, 'adminCreateUserConfig.inviteMessageTemplate.sMSMessage', '{username}', '{####}');
    need(it.EmailMessage, 'adminCreateUserConfig.inviteMessageTemplate.emailMessage', '{username}', '{####}');
  }
}
