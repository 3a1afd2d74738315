/**
 * Passkey management with the signed-in session, Amplify JS v6's names and shapes with the
 * Auth first: `associateWebAuthnCredential`, `listWebAuthnCredentials`, `deleteWebAuthnCredential`.
 * @module
 */
import { withAccessToken, type Auth } from '@nextstep/core';
import { browserAuthenticator, ceremony, type Authenticator, type CreationOptionsJSON } from './authenticator.js';
import { authenticatorOf } from './registry.js';

/** A passkey of the user (Amplify's `AuthWebAuthnCredential`). */
export interface AuthWebAuthnCredential {
  /** Cognito's CredentialId. */
  credentialId?: string;
  /** The name the user or authenticator gave the passkey. */
  friendlyCredentialName?: string;
  /** The relying party id the passkey is for. */
  relyingPartyId?: string;
  /** `platform` or `cross-platform`. */
  authenticatorAttachment?: string;
  /** How the authenticator is reached (`internal`, `usb`, `hybrid`, ...). */
  authenticatorTransports?: string[];
  /** When the passkey was registered. */
  createdAt?: Date;
}

/** Input of {@link listWebAuthnCredentials}. */
export interface ListWebAuthnCredentialsInput {
  /** How many passkeys per page (MaxResults). */
  pageSize?: number;
  /** The `nextToken` of the previous page. */
  nextToken?: string;
}

/** What {@link listWebAuthnCredentials} resolves to. */
export interface ListWebAuthnCredentialsOutput {
  /** This page of passkeys. */
  credentials: AuthWebAuthnCredential[];
  /** Set when more passkeys follow: pass it to the next call. */
  nextToken?: string;
}

/** Input of {@link deleteWebAuthnCredential}. */
export interface DeleteWebAuthnCredentialInput {
  /** The CredentialId of the passkey to delete. */
  credentialId: string;
}

/**
 * Registers a new passkey for the signed-in user: StartWebAuthnRegistration, the
 * authenticator's `create` (in browsers `navigator.credentials.create`), then
 * CompleteWebAuthnRegistration. A cancelled prompt rejects with `WebAuthnCanceled` and sends nothing more.
 */
export async function associateWebAuthnCredential(auth: Auth<any>, input: { authenticator?: Authenticator } = {}): Promise<void> {
  const authenticator = input.authenticator ?? authenticatorOf(auth.hooks) ?? browserAuthenticator();
  const { output } = await withAccessToken(auth, undefined, 'StartWebAuthnRegistration', {});
  const raw = output.CredentialCreationOptions;
  const options = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CreationOptionsJSON;
  const credential = await ceremony(() => authenticator.create(options));
  await withAccessToken(auth, undefined, 'CompleteWebAuthnRegistration', { Credential: credential });
}

function date(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  return typeof value === 'number' ? new Date(value * 1000) : undefined;
}

/** The user's passkeys (ListWebAuthnCredentials), one page. */
export async function listWebAuthnCredentials(auth: Auth<any>, input: ListWebAuthnCredentialsInput = {}): Promise<ListWebAuthnCredentialsOutput> {
  const { output } = await withAccessToken(auth, undefined, 'ListWebAuthnCredentials', {
    ...(input.pageSize ? { MaxResults: input.pageSize } : {}),
    ...(input.nextToken ? { NextToken: input.nextToken } : {}),
  });
  const credentials = ((output.Credentials ?? []) as Record<string, any>[]).map((c) => {
    const out: AuthWebAuthnCredential = {
      credentialId: c.CredentialId,
      friendlyCredentialName: c.FriendlyCredentialName,
      relyingPartyId: c.RelyingPartyId,
      authenticatorAttachment: c.AuthenticatorAttachment,
      authenticatorTransports: c.AuthenticatorTransports,
    };
    const created = date(c.CreatedAt);
    if (created) out.createdAt = created;
    return out;
  });
  return { credentials, ...(typeof output.NextToken === 'string' ? { nextToken: output.NextToken } : {}) };
}

/** Deletes one of the user's passkeys (DeleteWebAuthnCredential). */
export async function deleteWebAuthnCredential(auth: Auth<any>, input: DeleteWebAuthnCredentialInput): Promise<void> {
  await withAccessToken(auth, undefined, 'DeleteWebAuthnCredential', { CredentialId: input.credentialId });
}
