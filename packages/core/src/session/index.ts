/**
 * Stored sessions after DONE: token stores, Amplify JS v6's session and account calls, and
 * autoSignIn. Free functions of an Auth, so an app that never calls them bundles none.
 * @module
 */
export { memoryStore } from './memory-store.js';
export { webStorageStore } from './web-storage-store.js';
export type { WebStorageLike, WebStorageStoreOptions } from './web-storage-store.js';
export { cookieStore } from './cookie-store.js';
export type { CookieAccess, CookieOptions, CookieStoreOptions } from './cookie-store.js';
export { fetchAuthSession, getCurrentUser, signOut } from './session-calls.js';
export {
  confirmUserAttribute,
  deleteUserAttributes,
  fetchUserAttributes,
  sendUserAttributeVerificationCode,
  updateUserAttribute,
  updateUserAttributes,
} from './attributes.js';
export { deleteUser, fetchMFAPreference, updateMFAPreference, updatePassword } from './account-calls.js';
export { autoSignIn } from './auto-sign-in.js';
export type { AutoSignInInput } from './auto-sign-in.js';
export { withAccessToken } from './access.js';
export type { AccessTokenCall } from './access.js';
export { SessionEndedError, isSessionEnded } from './session-ended.js';
export { jwtPayload, toJwt } from './jwt.js';
export type * from './types.js';
