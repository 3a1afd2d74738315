import { validationError } from '@nextstep/core/plugin';

/**
 * Characters percent-encoded in the app and account names: those that would end or split
 * the label or a query parameter (`/ ? # & :`), start an escape (`%`), read as a space in
 * query strings (`+`), or are whitespace and control characters. Everything else is left
 * as typed (`@`, `.`, non-ASCII), so ordinary names give the same URI as Amplify JS v6;
 * `URL` itself escapes what remains unsafe (e.g. non-ASCII, quotes) the same way for both.
 */
const UNSAFE = /[\s\x00-\x1f\x7f%/?#&:+]/gu;

function encodeName(name: string): string {
  return name.replace(UNSAFE, (ch) => encodeURIComponent(ch));
}

/**
 * Builds the `otpauth://totp/...` URI an authenticator app reads (or scans as a QR code),
 * in the form Amplify JS v6 builds:
 * `otpauth://totp/<appName>:<accountName>?secret=<secret>&issuer=<appName>`.
 * Authenticator apps default to SHA1, 6 digits and 30 seconds, the parameters of Cognito's
 * software tokens, so the URI does not spell them out.
 *
 * Names are kept as typed except for characters that would break the URI (space,
 * `: / ? # & % +`, control characters), which are percent-encoded; Amplify inserts those
 * raw, so only such names give a different URI.
 *
 * @param sharedSecret the base32 SecretCode from AssociateSoftwareToken.
 * @param appName shown by the authenticator app as the service (issuer), e.g. `Acme`.
 * @param accountName shown under it, usually the username or email.
 * @throws AuthError `InvalidTotpSecret` (kind `validation`) when the secret is not base32.
 */
export function buildSetupUri(sharedSecret: string, appName: string, accountName: string): URL {
  if (!/^[A-Z2-7]+=*$/i.test(sharedSecret)) {
    throw validationError('InvalidTotpSecret', 'The TOTP shared secret is not base32.');
  }
  const issuer = encodeName(appName);
  return new URL(`otpauth://totp/${issuer}:${encodeName(accountName)}?secret=${sharedSecret}&issuer=${issuer}`);
}
