/**
 * Shows the codes the emulator "sends" as they arrive, the way a phone or a mailbox would.
 * Messages are queued as the emulator reports them and printed before the next prompt:
 * printing while a prompt or spinner is drawn would garble the terminal.
 */

/** One message as the emulator's outbox keeps it (the fields the app shows). */
export interface FeedMessage {
  id: string;
  username: string;
  medium: 'SMS' | 'EMAIL';
  destination: string;
  code: string;
  purpose: string;
}

/** A reader of an outbox that remembers what it already returned. */
export interface OutboxFeed {
  /** Messages not returned before, oldest first. */
  fresh(): FeedMessage[];
}

const PURPOSE: Record<string, string> = {
  MFA: 'sign-in code',
  OTP: 'one-time sign-in code',
  SIGN_UP: 'confirmation code',
  FORGOT_PASSWORD: 'password reset code',
  EMAIL_SETUP: 'code to confirm this address for MFA',
  INVITATION: 'temporary password',
};

/** A feed filled by the emulator's `onMessage` callback: pass `push` to `startEmulator`. */
export function messageQueue(): OutboxFeed & { push(message: FeedMessage): void } {
  let queue: FeedMessage[] = [];
  return {
    push(message) {
      queue.push(message);
    },
    fresh() {
      const out = queue;
      queue = [];
      return out;
    },
  };
}

/** Follows `outbox` by reading it, starting after the messages already in it. */
export function followOutbox(outbox: { messages(): FeedMessage[] }): OutboxFeed {
  const seen = new Set(outbox.messages().map((m) => m.id));
  return {
    fresh() {
      const out: FeedMessage[] = [];
      for (const m of outbox.messages()) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        out.push(m);
      }
      return out;
    },
  };
}

/** One line for a message: medium, destination and code, as a phone notification reads. */
export function formatMessage(m: FeedMessage): string {
  const to = m.destination || m.username;
  return `${m.medium === 'SMS' ? 'SMS' : 'Email'} to ${to}: your ${PURPOSE[m.purpose] ?? 'code'} is ${m.code}`;
}
