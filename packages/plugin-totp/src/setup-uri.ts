// otpauth's bare entry: URI building only, without its bundled hash functions (an app never
// computes codes here, the authenticator app does), which keeps browser bundles small.
import { TOTP } from 'otpauth/bare';
import { AuthError } from '@nextstep/core';

/**
 * Builds the `otpauth://totp/...` URI an authenticator app reads (or scans as a QR code):
 * `otpauth://totp/<issuer>:<account>?issuer=<issuer>&secret=<secret>&algorithm=SHA1&digits=6&period=30`,
 * the parameters Cognito's software tokens use.
 *
 * @param sharedSecret the base32 SecretCode from AssociateSoftwareToken.
 * @param issuer shown by the authenticator app as the service name, e.g. `Acme`.
 * @param accountName shown under it, usually the username or email.
 */
export function buildSetupUri(sharedSecret: string, issuer: string, accountName: string): URL {
  if (!/^[A-Z2-7]+=*$/i.test(sharedSecret)) {
    throw new AuthError('InvalidTotpSecret', 'The TOTP shared secret is not base32.', { kind: 'validation' });
  }
  if (issuer.includes(':') || accountName.includes(':')) {
    // The label's first ':' separates issuer and account; authenticator apps misread more.
    throw new AuthError('InvalidTotpLabel', 'The app name and account name must not contain ":".', { kind: 'validation' });
  }
  const totp = new TOTP({ issuer, label: accountName, secret: sharedSecret.toUpperCase(), algorithm: 'SHA1', digits: 6, period: 30 });
  return new URL(totp.toString());
}
