/**
 * The outbox: every SMS and email the emulator "sends" (MFA codes, passwordless codes,
 * sign-up and reset codes, invitations). Tests read codes here instead of a phone.
 */
import { randomUUID } from 'node:crypto';

/** Why a message was sent. */
export type OutboxPurpose = 'MFA' | 'OTP' | 'SIGN_UP' | 'FORGOT_PASSWORD' | 'EMAIL_SETUP' | 'INVITATION' | 'VERIFY_ATTRIBUTE' | 'WELCOME';

/** One message the emulator sent. */
export interface OutboxMessage {
  /** A unique id of the message. */
  id: string;
  /** The user pool that sent it. */
  userPoolId: string;
  /** The recipient's username. */
  username: string;
  /** How it was sent. */
  medium: 'SMS' | 'EMAIL';
  /** Unmasked phone number or email address (may be empty when the user has neither). */
  destination: string;
  /** The code (for INVITATION: the temporary password; empty for WELCOME, a migrated user's welcome). */
  code: string;
  /** Why it was sent (MFA, sign-up, password reset, ...). */
  purpose: OutboxPurpose;
  /** The text sent, code filled in: the pool's template, Cognito's default, or what the custom message trigger wrote (none for WELCOME). */
  message?: string;
  /** The email subject (template, default or trigger's). */
  subject?: string;
  /** Emulator clock time of sending, epoch ms. */
  at: number;
}

/** Fields to filter messages by; all given fields must match. */
export interface OutboxFilter {
  /** Only messages to this username. */
  username?: string;
  /** Only messages of this pool. */
  userPoolId?: string;
  /** Only SMS or only email. */
  medium?: 'SMS' | 'EMAIL';
  /** Only messages sent for this purpose. */
  purpose?: OutboxPurpose;
}

/** Read access to sent messages. */
export interface Outbox {
  /** Messages matching `filter`, oldest first. */
  messages(filter?: OutboxFilter): OutboxMessage[];
  /** The latest message matching `filter`, or undefined. */
  last(filter?: OutboxFilter): OutboxMessage | undefined;
  /** Forgets every message. */
  clear(): void;
}

/** The emulator-side outbox, which can also send. */
export interface OutboxStore extends Outbox {
  send(message: Omit<OutboxMessage, 'id'>): OutboxMessage;
}

const MAX_MESSAGES = 10_000;

export function createOutbox(onMessage?: (m: OutboxMessage) => void): OutboxStore {
  let list: OutboxMessage[] = [];
  const matches = (m: OutboxMessage, f: OutboxFilter = {}) =>
    (f.username === undefined || m.username === f.username) &&
    (f.userPoolId === undefined || m.userPoolId === f.userPoolId) &&
    (f.medium === undefined || m.medium === f.medium) &&
    (f.purpose === undefined || m.purpose === f.purpose);
  return {
    messages: (filter) => list.filter((m) => matches(m, filter)),
    last(filter) {
      for (let i = list.length - 1; i >= 0; i--) if (matches(list[i]!, filter)) return list[i];
      return undefined;
    },
    clear() {
      list = [];
    },
    send(message) {
      const full = Object.freeze({ id: randomUUID(), ...message });
      list.push(full);
      // Long benchmark runs must not grow memory without bound.
      if (list.length > MAX_MESSAGES) list = list.slice(-MAX_MESSAGES / 2);
      onMessage?.(full);
      return full;
    },
  };
}
