/**
 * The parity drivers with the session calls (#10): fetchAuthSession, getCurrentUser,
 * signOut, the attribute calls, the MFA preference and autoSignIn, on aws-amplify v6 and on
 * nextstep's free functions. Sessions are recorded as a summary (claims present, validity,
 * refreshed or not, signInDetails), since token values differ by nature.
 */
import * as amplifyAuth from 'aws-amplify/auth';
import * as ns from '@nextstep/core';
import { AmplifyDriver, NextstepDriver, type Driver } from './drivers.js';

/** The session calls a scenario may make; every call is recorded. */
export interface SessionDriver extends Driver {
  fetchAuthSession(options?: { forceRefresh?: boolean }): Promise<void>;
  getCurrentUser(): Promise<void>;
  signOut(options?: { global?: boolean }): Promise<void>;
  fetchUserAttributes(): Promise<void>;
  updateUserAttributes(userAttributes: Record<string, string>): Promise<void>;
  confirmUserAttribute(userAttributeKey: string, confirmationCode: string): Promise<void>;
  sendUserAttributeVerificationCode(userAttributeKey: string): Promise<void>;
  deleteUserAttributes(userAttributeKeys: string[]): Promise<void>;
  updateMFAPreference(input: { sms?: string; totp?: string; email?: string }): Promise<void>;
  fetchMFAPreference(): Promise<void>;
  signUpAuto(input: { username: string; password: string; email: string }): Promise<void>;
  autoSignIn(): Promise<void>;
  /** Names the scenario's user before any call (normalise() replaces it with `<user>`). */
  forUser(username: string): this;
}

type SessionLike = { tokens?: { accessToken: { payload: Record<string, any>; toString(): string }; idToken?: { payload: Record<string, any> }; signInDetails?: unknown }; userSub?: string };

/** What compares of a session: no token values, no times; whether it is valid now and was refreshed. */
function summarise(session: SessionLike, previous: { token?: string }): unknown {
  const t = session?.tokens;
  if (!t) return { signedIn: false };
  const token = t.accessToken.toString();
  const refreshed = previous.token !== undefined && previous.token !== token;
  previous.token = token;
  return {
    signedIn: true,
    accessClaims: Object.keys(t.accessToken.payload).sort(),
    idClaims: t.idToken ? Object.keys(t.idToken.payload).sort() : [],
    tokenUse: t.accessToken.payload.token_use,
    valid: t.accessToken.payload.exp * 1000 > Date.now(),
    refreshed,
    signInDetails: t.signInDetails,
    userSub: typeof session.userSub === 'string' && session.userSub === t.accessToken.payload.sub,
  };
}

/** The `sub` attribute differs between the two users by nature. */
function attributes(a: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, k === 'sub' ? '<sub>' : v]).sort(([x], [y]) => String(x).localeCompare(String(y))));
}

export class AmplifySessionDriver extends AmplifyDriver implements SessionDriver {
  forUser(username: string): this {
    this.username = username;
    return this;
  }
  readonly #last: { token?: string } = {};
  fetchAuthSession(options?: { forceRefresh?: boolean }) {
    return this.record('fetchAuthSession', '', async () => summarise((await amplifyAuth.fetchAuthSession(options)) as SessionLike, this.#last));
  }
  getCurrentUser() {
    return this.record('getCurrentUser', '', () => amplifyAuth.getCurrentUser());
  }
  signOut(options?: { global?: boolean }) {
    return this.record('signOut', '', async () => {
      await amplifyAuth.signOut(options?.global !== undefined ? { global: options.global } : undefined);
      return undefined;
    });
  }
  fetchUserAttributes() {
    return this.record('fetchUserAttributes', '', async () => attributes(await amplifyAuth.fetchUserAttributes()));
  }
  updateUserAttributes(userAttributes: Record<string, string>) {
    return this.record('updateUserAttributes', '', () => amplifyAuth.updateUserAttributes({ userAttributes }));
  }
  confirmUserAttribute(userAttributeKey: string, confirmationCode: string) {
    return this.record('confirmUserAttribute', '', () => amplifyAuth.confirmUserAttribute({ userAttributeKey: userAttributeKey as never, confirmationCode }));
  }
  sendUserAttributeVerificationCode(userAttributeKey: string) {
    return this.record('sendUserAttributeVerificationCode', '', () => amplifyAuth.sendUserAttributeVerificationCode({ userAttributeKey: userAttributeKey as never }));
  }
  deleteUserAttributes(userAttributeKeys: string[]) {
    return this.record('deleteUserAttributes', '', () => amplifyAuth.deleteUserAttributes({ userAttributeKeys: userAttributeKeys as never }));
  }
  updateMFAPreference(input: { sms?: string; totp?: string; email?: string }) {
    return this.record('updateMFAPreference', '', () => amplifyAuth.updateMFAPreference(input as amplifyAuth.UpdateMFAPreferenceInput));
  }
  fetchMFAPreference() {
    return this.record('fetchMFAPreference', '', () => amplifyAuth.fetchMFAPreference());
  }
  signUpAuto(input: { username: string; password: string; email: string }) {
    return this.record('signUp', input.username, () =>
      amplifyAuth.signUp({ username: input.username, password: input.password, options: { userAttributes: { email: input.email }, autoSignIn: true } }),
    );
  }
  autoSignIn() {
    return this.record('autoSignIn', '', () => amplifyAuth.autoSignIn());
  }
}

export class NextstepSessionDriver extends NextstepDriver implements SessionDriver {
  forUser(username: string): this {
    this.username = username;
    return this;
  }
  readonly #last: { token?: string } = {};
  fetchAuthSession(options?: { forceRefresh?: boolean }) {
    return this.record('fetchAuthSession', '', async () => summarise((await ns.fetchAuthSession(this.auth, options)) as SessionLike, this.#last));
  }
  getCurrentUser() {
    return this.record('getCurrentUser', '', () => ns.getCurrentUser(this.auth));
  }
  signOut(options?: { global?: boolean }) {
    // nextstep says whether Cognito revoked; a failed revocation is marked so the transcripts differ.
    return this.record('signOut', '', async () => ((await ns.signOut(this.auth, options)).revoked ? undefined : { revokeFailed: true }));
  }
  fetchUserAttributes() {
    return this.record('fetchUserAttributes', '', async () => attributes(await ns.fetchUserAttributes(this.auth)));
  }
  updateUserAttributes(userAttributes: Record<string, string>) {
    return this.record('updateUserAttributes', '', () => ns.updateUserAttributes(this.auth, { userAttributes }));
  }
  confirmUserAttribute(userAttributeKey: string, confirmationCode: string) {
    return this.record('confirmUserAttribute', '', () => ns.confirmUserAttribute(this.auth, { userAttributeKey, confirmationCode }), [confirmationCode]);
  }
  sendUserAttributeVerificationCode(userAttributeKey: string) {
    return this.record('sendUserAttributeVerificationCode', '', () => ns.sendUserAttributeVerificationCode(this.auth, { userAttributeKey }));
  }
  deleteUserAttributes(userAttributeKeys: string[]) {
    return this.record('deleteUserAttributes', '', () => ns.deleteUserAttributes(this.auth, { userAttributeKeys }));
  }
  updateMFAPreference(input: { sms?: string; totp?: string; email?: string }) {
    return this.record('updateMFAPreference', '', () => ns.updateMFAPreference(this.auth, input as ns.UpdateMFAPreferenceInput));
  }
  fetchMFAPreference() {
    return this.record('fetchMFAPreference', '', () => ns.fetchMFAPreference(this.auth));
  }
  signUpAuto(input: { username: string; password: string; email: string }) {
    return this.record(
      'signUp',
      input.username,
      () => this.auth.signUp({ username: input.username, password: input.password, options: { userAttributes: { email: input.email }, autoSignIn: true } }),
      [input.password],
    );
  }
  autoSignIn() {
    return this.record('autoSignIn', '', () => ns.autoSignIn(this.auth));
  }
}
