/**
 * Sign-in Sessions: opaque, single-use, bound to a user and an app client, expiring after
 * the client's AuthSessionValidity on the emulator clock.
 */
import { opaqueToken } from './codes.js';
import { errors } from './errors.js';
import type { DeviceAuthState } from './device-auth.js';
import type { SrpServerState } from './srp.js';

/** One entry of the custom-auth history the define trigger sees. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** A challenge response that an interposed unknown challenge holds back until answered. */
export type AuthResponse = Record<string, unknown>;

/** The server-side state of one sign-in between calls. */
export interface AuthState {
  userPoolId: string;
  clientId: string;
  username: string;
  flow: string;
  /** The challenge this session answers. */
  expect: string;
  firstFactorDone: boolean;
  newPasswordDone: boolean;
  unknownDone: boolean;
  mfaDone: boolean;
  passwordless: boolean;
  srp?: SrpServerState;
  secretBlock?: string;
  code?: string;
  /** SMS_MFA / EMAIL_OTP / SOFTWARE_TOKEN_MFA when `expect` is an MFA code. */
  mfaChoices?: string[];
  availableChallenges?: string[];
  setup?: { totpSecret?: string; totpVerified?: boolean; email?: string };
  custom?: { history: ChallengeResult[]; privateParameters?: Record<string, unknown>; challengeMetadata?: string };
  unknown?: { answer?: string; resume?: AuthResponse };
  clientMetadata: Record<string, string>;
  /** PreventUserExistenceErrors: a sign-in of a user who does not exist, bound to fail. */
  phantom?: boolean;
  /** Remembered-device authentication (device-auth.ts). */
  device?: DeviceAuthState;
  /** The challenge of a WEB_AUTHN step (webauthn.ts). */
  webAuthnChallenge?: string;
}

interface Entry {
  state: AuthState;
  expiresAt: number;
  /** An answer is being processed: a concurrent answer with the same Session is refused. */
  busy: boolean;
}

export class SessionStore {
  private readonly live = new Map<string, Entry>();
  /** Consumed or killed ids, to answer "can only be used once" / "invalid" precisely. */
  private readonly dead = new Map<string, { reason: 'used' | 'killed'; until: number }>();
  private creates = 0;

  constructor(private readonly now: () => number) {}

  create(state: AuthState, validityMinutes: number): string {
    if (++this.creates % 1000 === 0) this.prune();
    const id = opaqueToken(96);
    this.live.set(id, { state, expiresAt: this.now() + validityMinutes * 60_000, busy: false });
    return id;
  }

  /** The state of a live session of `clientId`, or Cognito's NotAuthorizedException. */
  get(id: string, clientId: string): AuthState {
    const entry = this.live.get(id);
    if (!entry) {
      const d = this.dead.get(id);
      throw d?.reason === 'used' ? errors.sessionUsed() : errors.sessionInvalid();
    }
    if (entry.expiresAt <= this.now()) throw errors.sessionExpired();
    if (entry.state.clientId !== clientId) throw errors.sessionInvalid();
    return entry.state;
  }

  /**
   * Like `get`, and marks the session busy until `release`, `consume` or `kill`: two answers
   * racing on one Session cannot both succeed (sessions are single-use).
   */
  begin(id: string, clientId: string): AuthState {
    const state = this.get(id, clientId);
    const entry = this.live.get(id)!;
    if (entry.busy) throw errors.sessionUsed();
    entry.busy = true;
    return state;
  }

  isBusy(id: string): boolean {
    return this.live.get(id)?.busy ?? false;
  }

  /** Ends `begin` without spending the session (a wrong code keeps it answerable). */
  release(id: string): void {
    const entry = this.live.get(id);
    if (entry) entry.busy = false;
  }

  /** The state of a session whatever its client (for calls that carry no ClientId). */
  peek(id: string): AuthState {
    const entry = this.live.get(id);
    if (!entry) {
      const d = this.dead.get(id);
      throw d?.reason === 'used' ? errors.sessionUsed() : errors.sessionInvalid();
    }
    return entry.state;
  }

  /** Ends a session after a successful answer (a later use is "can only be used once"). */
  consume(id: string): void {
    this.end(id, 'used');
  }

  /** Ends a session after a failed sign-in (a later use is "Invalid session"). */
  kill(id: string): void {
    this.end(id, 'killed');
  }

  private end(id: string, reason: 'used' | 'killed'): void {
    const entry = this.live.get(id);
    this.live.delete(id);
    this.dead.set(id, { reason, until: (entry?.expiresAt ?? this.now()) + 3600_000 });
  }

  private prune(): void {
    const now = this.now();
    for (const [id, e] of this.live) if (e.expiresAt + 3600_000 < now) this.live.delete(id);
    for (const [id, d] of this.dead) if (d.until < now) this.dead.delete(id);
  }
}
