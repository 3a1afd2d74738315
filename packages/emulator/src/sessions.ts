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
  /** The names a phantom sign-in answers to (as typed, and its fake USER_ID_FOR_SRP). */
  phantomNames?: string[];
}

interface Entry {
  state: AuthState;
  expiresAt: number;
  /** An answer is being processed: a concurrent answer with the same Session is refused. */
  busy: boolean;
}

/** A change of one Session, as a data directory journals it. */
export type SessionRecord = { id: string; live: { state: AuthState; expiresAt: number } } | { id: string; dead: { reason: 'used' | 'killed'; until: number } };

export class SessionStore {
  private readonly live = new Map<string, Entry>();
  /** Consumed or killed ids, to answer "can only be used once" / "invalid" precisely. */
  private readonly dead = new Map<string, { reason: 'used' | 'killed'; until: number }>();
  private creates = 0;
  /** The newest PASSWORD_VERIFIER session per `clientId/username`, for answers sent without a Session. */
  private readonly latestSrp = new Map<string, string>();

  /** Sessions created, read or ended since the last `drain`, when a data directory keeps them. */
  private touched: Set<string> | undefined;

  constructor(private readonly now: () => number) {}

  /** Applies stored records (live Sessions keep their expiry), then tracks changes for `drain`. */
  restore(records: readonly SessionRecord[]): void {
    for (const r of records) {
      if ('live' in r) {
        this.dead.delete(r.id);
        this.live.set(r.id, { state: r.live.state, expiresAt: r.live.expiresAt, busy: false });
        if (r.live.state.expect === 'PASSWORD_VERIFIER') this.latestSrp.set(`${r.live.state.clientId}/${r.live.state.username}`, r.id);
      } else {
        this.live.delete(r.id);
        this.dead.set(r.id, r.dead);
      }
    }
    this.touched = new Set();
  }

  /**
   * The Sessions touched since the last call, as they are now: answer handlers change a
   * session's state in place, so every session read during a request is written again.
   */
  drain(): SessionRecord[] {
    if (!this.touched?.size) return [];
    const out: SessionRecord[] = [];
    for (const id of this.touched) {
      const r = this.recordOf(id);
      if (r) out.push(r);
    }
    this.touched.clear();
    return out;
  }

  /** Records of every Session not yet pruned. */
  snapshot(): SessionRecord[] {
    return [...this.live.keys(), ...this.dead.keys()].flatMap((id) => this.recordOf(id) ?? []);
  }

  private recordOf(id: string): SessionRecord | undefined {
    const e = this.live.get(id);
    if (e) return { id, live: { state: e.state, expiresAt: e.expiresAt } };
    const d = this.dead.get(id);
    // Pruned in the meantime: nothing to keep.
    return d ? { id, dead: d } : undefined;
  }

  create(state: AuthState, validityMinutes: number): string {
    if (++this.creates % 1000 === 0) this.prune();
    const id = opaqueToken(96);
    this.live.set(id, { state, expiresAt: this.now() + validityMinutes * 60_000, busy: false });
    this.touched?.add(id);
    if (state.expect === 'PASSWORD_VERIFIER') this.latestSrp.set(`${state.clientId}/${state.username}`, id);
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
    this.touched?.add(id);
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

  /**
   * The newest PASSWORD_VERIFIER session of a user on a client: Cognito accepts that answer
   * without a Session (SRP clients such as pycognito send none).
   */
  latestPasswordVerifier(clientId: string, username: string): string | undefined {
    const id = this.latestSrp.get(`${clientId}/${username}`);
    return id !== undefined && this.live.has(id) ? id : undefined;
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
    this.touched?.add(id);
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
    this.touched?.add(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, e] of this.live) if (e.expiresAt + 3600_000 < now) this.live.delete(id);
    for (const [id, d] of this.dead) if (d.until < now) this.dead.delete(id);
    for (const [key, id] of this.latestSrp) if (!this.live.has(id)) this.latestSrp.delete(key);
  }
}
