/**
 * Who makes and uses passkeys: an {@link Authenticator} takes the JSON options Cognito hands
 * out and returns the JSON responses Cognito takes. In browsers, {@link browserAuthenticator}
 * (`navigator.credentials`); elsewhere one the app supplies (see `@nextstep/plugin-webauthn/software`).
 * @module
 */
import { AuthError } from '@nextstep/core/plugin';

/** `PublicKeyCredentialCreationOptionsJSON`: Cognito's CredentialCreationOptions. */
export type CreationOptionsJSON = Record<string, any> & {
  /** The challenge, base64url. */
  challenge: string;
  /** The relying party. */
  rp: {
    /** The relying party id (a domain). */
    id?: string;
    /** Its display name. */
    name?: string;
  };
  /** The user the passkey is for. */
  user: {
    /** The user handle, base64url. */
    id: string;
    /** The username. */
    name: string;
    /** The name shown to the user. */
    displayName: string;
  };
};
/** `PublicKeyCredentialRequestOptionsJSON`: Cognito's CREDENTIAL_REQUEST_OPTIONS. */
export type RequestOptionsJSON = Record<string, any> & {
  /** The challenge, base64url. */
  challenge: string;
  /** The relying party id. */
  rpId?: string;
  /** The passkeys that may answer; any when absent. */
  allowCredentials?: {
    /** The credential id, base64url. */
    id: string;
    /** `public-key`. */
    type: string;
    /** How to reach the authenticator (`internal`, `usb`, ...). */
    transports?: string[];
  }[];
};
/** `RegistrationResponseJSON` / `AuthenticationResponseJSON`: what Cognito takes back. */
export type CredentialJSON = Record<string, any> & {
  /** The credential id, base64url. */
  id: string;
  /** The credential id, base64url (the same bytes). */
  rawId: string;
  /** `public-key`. */
  type: string;
  /** The authenticator's attestation or assertion response, fields base64url. */
  response: Record<string, any>;
};

/** Makes (registration) and uses (sign-in) passkeys. */
export interface Authenticator {
  /** Registers a passkey: the authenticator's answer to Cognito's creation options. */
  create(options: CreationOptionsJSON): Promise<CredentialJSON>;
  /** Signs in with a passkey: the assertion for Cognito's request options. */
  get(options: RequestOptionsJSON): Promise<CredentialJSON>;
}

/** Why a passkey ceremony did not happen. Nothing was sent to Cognito. */
export type WebAuthnErrorName =
  /** The user dismissed the prompt, or it timed out (the browser's NotAllowedError / AbortError). */
  | 'WebAuthnCanceled'
  /** No WebAuthn here (no `navigator.credentials`, NotSupportedError, no authenticator given). */
  | 'WebAuthnNotSupported'
  /** The page's origin does not belong to the relying party (the browser's SecurityError). */
  | 'WebAuthnRelyingPartyMismatch'
  /** Registration: the authenticator already holds a passkey for this user (InvalidStateError). */
  | 'WebAuthnCredentialExists'
  /** The authenticator failed otherwise. */
  | 'WebAuthnFailed';

const BY_DOM_NAME: Record<string, WebAuthnErrorName> = {
  NotAllowedError: 'WebAuthnCanceled',
  AbortError: 'WebAuthnCanceled',
  NotSupportedError: 'WebAuthnNotSupported',
  SecurityError: 'WebAuthnRelyingPartyMismatch',
  InvalidStateError: 'WebAuthnCredentialExists',
};

const MESSAGES: Record<WebAuthnErrorName, string> = {
  WebAuthnCanceled: 'The passkey prompt was dismissed or timed out.',
  WebAuthnNotSupported: 'Passkeys are not available here.',
  WebAuthnRelyingPartyMismatch: "This page's origin does not belong to the passkey's relying party.",
  WebAuthnCredentialExists: 'This authenticator already holds a passkey for this user.',
  WebAuthnFailed: 'The authenticator could not complete the passkey ceremony.',
};

/** A typed error for an authenticator failure (kind `validation`: nothing was sent). */
export function webAuthnError(name: WebAuthnErrorName, cause?: string): AuthError {
  return new AuthError(name, MESSAGES[name], {
    kind: 'validation',
    recoverySuggestion: name === 'WebAuthnCanceled' ? 'Try the passkey again, or sign in another way.' : 'Sign in another way.',
    ...(cause ? { metadata: { domError: cause } } : {}),
  });
}

/** Runs an authenticator call, turning DOMExceptions (and their look-alikes) into typed errors. */
export async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AuthError) throw err;
    const name = (err as { name?: string })?.name ?? '';
    throw webAuthnError(BY_DOM_NAME[name] ?? 'WebAuthnFailed', name || undefined);
  }
}

const toBytes = (b64url: string): Uint8Array => {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};
const toB64url = (buf: ArrayBuffer | ArrayBufferView | null | undefined): string | undefined => {
  if (!buf) return undefined;
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A PublicKeyCredential as JSON: its own `toJSON()` where the browser has it. */
function credentialJSON(cred: any): CredentialJSON {
  if (typeof cred?.toJSON === 'function') return cred.toJSON() as CredentialJSON;
  const r = cred.response;
  const response: Record<string, any> = { clientDataJSON: toB64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toB64url(r.attestationObject);
    if (typeof r.getTransports === 'function') response.transports = r.getTransports();
  } else {
    response.authenticatorData = toB64url(r.authenticatorData);
    response.signature = toB64url(r.signature);
    const handle = toB64url(r.userHandle);
    if (handle) response.userHandle = handle;
  }
  return {
    id: cred.id,
    rawId: toB64url(cred.rawId)!,
    type: cred.type,
    response,
    clientExtensionResults: cred.getClientExtensionResults?.() ?? {},
    ...(cred.authenticatorAttachment ? { authenticatorAttachment: cred.authenticatorAttachment } : {}),
  };
}

/** `navigator.credentials` in a browser. Throws `WebAuthnNotSupported` (when used) where there is none. */
export function browserAuthenticator(): Authenticator {
  const credentials = () => {
    const c = (globalThis as { navigator?: { credentials?: CredentialsContainer } }).navigator?.credentials;
    if (!c || typeof (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential === 'undefined') throw webAuthnError('WebAuthnNotSupported');
    return c;
  };
  return {
    create: (options) =>
      ceremony(async () => {
        const publicKey = {
          ...options,
          challenge: toBytes(options.challenge),
          user: { ...options.user, id: toBytes(options.user.id) },
          excludeCredentials: (options.excludeCredentials ?? []).map((c: { id: string }) => ({ ...c, id: toBytes(c.id) })),
        } as unknown as PublicKeyCredentialCreationOptions;
        return credentialJSON(await credentials().create({ publicKey }));
      }),
    get: (options) =>
      ceremony(async () => {
        const publicKey = {
          ...options,
          challenge: toBytes(options.challenge),
          allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: toBytes(c.id) })),
        } as unknown as PublicKeyCredentialRequestOptions;
        return credentialJSON(await credentials().get({ publicKey }));
      }),
  };
}
