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
  credentialId?: string;
  friendlyCredentialName?: string;
  relyingPartyId?: string;
  authenticatorAttachment?: string;
  authenticatorTransports?: string[];
  createdAt?: Date;
}

/** Input of {@link listWebAuthnCredentials}. */
export interface ListWebAuthnCredentialsInput {
  pageSize?: number;
  nextToken?: string;
}

/** What {@link listWebAuthnCredentials} resolves to. */
export interface ListWebAuthnCredentialsOutput {
  credentials: AuthWebAuthnCredential[];
  nextToken?: string;
}

/** Input of {@link deleteWebAuthnCredential}. */
export interface DeleteWebAuthnCredentialInput {
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
