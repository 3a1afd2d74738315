/**
 * The verifier ConfirmDevice stores for a remembered device (Cognito's device SRP): the
 * client draws a device password and a salt, and sends only `g^x mod N` and the salt.
 * @module
 */
import { modPow } from '#modpow';
import { sha256 } from '#digest';
import { bigIntFromHex, bytesToBase64, bytesToHex, concatBytes, hexToBytes, padHex, padHexBytes, utf8 } from './encoding.js';
import { N, g } from './group.js';

/** ConfirmDevice's `DeviceSecretVerifierConfig`, plus the device password it was made from. */
export interface DeviceSecret {
  /** The device password: keep it with the device key, never log it. */
  readonly password: string;
  /** ConfirmDevice's DeviceSecretVerifierConfig: base64 verifier and salt. */
  readonly verifierConfig: {
    /** The base64 SRP verifier. */
    readonly PasswordVerifier: string;
    /** The base64 salt. */
    readonly Salt: string;
  };
}

function random(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/**
 * A fresh device secret for ConfirmDevice: a random 40-byte password, a random 16-byte
 * salt, `x = H(padHex(salt) ‖ H(groupKey ‖ deviceKey ‖ ":" ‖ password))`, verifier `g^x mod N`.
 * `password` and `salt` may be given (tests).
 */
export async function deviceSecret(deviceGroupKey: string, deviceKey: string, given: { password?: string; saltHex?: string } = {}): Promise<DeviceSecret> {
  const password = given.password ?? bytesToBase64(random(40));
  const saltHex = given.saltHex ?? bytesToHex(random(16));
  const identity = await sha256(utf8(`${deviceGroupKey}${deviceKey}:${password}`));
  const saltBytes = padHexBytes(bigIntFromHex(saltHex));
  const x = bigIntFromHex(bytesToHex(await sha256(concatBytes(saltBytes, identity))));
  const verifier = modPow(g, x, N);
  return Object.freeze({
    password,
    verifierConfig: Object.freeze({
      PasswordVerifier: bytesToBase64(hexToBytes(padHex(verifier))),
      Salt: bytesToBase64(hexToBytes(padHex(bigIntFromHex(saltHex)))),
    }),
  });
}
