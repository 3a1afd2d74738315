/**
 * `@nextstep/plugin-webauthn/software`: a SOFTWARE authenticator for Node, for tests,
 * terminal demos and servers that hold their own passkeys. It is not a security key: its
 * private keys are plain JWKs in memory (or wherever you keep `credentials()`), and it
 * reports user presence and verification without asking anyone. Never use it to stand in
 * for a person's passkey.
 *
 * ES256 keys from node:crypto, "none" attestation, the attestation object and COSE key in
 * CBOR (tiny-cbor).
 * @module
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';
import type { Authenticator, CreationOptionsJSON, CredentialJSON, RequestOptionsJSON } from './authenticator.js';

/** One passkey the software authenticator holds. Plain JSON: keep it like a password. */
export interface SoftwareCredential {
  /** Credential id, base64url. */
  id: string;
  /** The relying party id the credential belongs to. */
  rpId: string;
  /** The user handle Cognito gave at registration (base64url). */
  userHandle: string;
  /** The private key, JWK (EC P-256). */
  privateJwk: JsonWebKey;
  /** Signature counter. */
  counter: number;
}

/** Options of {@link softwareAuthenticator}. */
export interface SoftwareAuthenticatorOptions {
  /** The origin written into clientDataJSON, e.g. `https://app.example.com` (must belong to the relying party). */
  origin: string;
  /** Passkeys from an earlier run. */
  credentials?: SoftwareCredential[];
}

/** A software authenticator, plus its passkeys (to keep between runs). */
export interface SoftwareAuthenticator extends Authenticator {
  /** Copies of the credentials held (to keep them, e.g. between runs). */
  credentials(): SoftwareCredential[];
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

function authenticatorData(rpId: string, flags: number, counter: number, attested: Buffer = Buffer.alloc(0)): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, attested]);
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

/** A DOMException like the browser's, so callers treat both alike. */
const notAllowed = (message: string) => new DOMException(message, 'NotAllowedError');

/** A SOFTWARE authenticator (see the module comment): for tests, demos and servers only. */
export function softwareAuthenticator(options: SoftwareAuthenticatorOptions): SoftwareAuthenticator {
  const held: SoftwareCredential[] = [...(options.credentials ?? [])];
  const origin = options.origin;
  return {
    credentials: () => held.map((c) => ({ ...c })),

    async create(o: CreationOptionsJSON): Promise<CredentialJSON> {
      const rpId = o.rp.id ?? new URL(origin).hostname;
      const excluded = new Set((o.excludeCredentials ?? []).map((c: { id: string }) => c.id));
      if (held.some((c) => excluded.has(c.id))) throw new DOMException('A passkey for this user exists.', 'InvalidStateError');
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
      const id = randomBytes(16);
      // COSE_Key: kty EC2 (1:2), alg ES256 (3:-7), crv P-256 (-1:1), x (-2), y (-3).
      const cose = encodeCBOR(new Map<number, CBORType>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, 'base64url')], [-3, Buffer.from(jwk.y, 'base64url')]]));
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16) /* AAGUID: none */, idLength, id, Buffer.from(cose)]);
      const authData = authenticatorData(rpId, FLAG_UP | FLAG_UV | FLAG_AT, 0, attested);
      const attestationObject = encodeCBOR(new Map<string, CBORType>([['fmt', 'none'], ['attStmt', new Map<string, CBORType>()], ['authData', authData]]));
      held.push({ id: id.toString('base64url'), rpId, userHandle: o.user.id, privateJwk: privateKey.export({ format: 'jwk' }), counter: 0 });
      return {
        id: id.toString('base64url'),
        rawId: id.toString('base64url'),
        type: 'public-key',
        response: {
          clientDataJSON: clientData('webauthn.create', o.challenge, origin).toString('base64url'),
          attestationObject: Buffer.from(attestationObject).toString('base64url'),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },

    async get(o: RequestOptionsJSON): Promise<CredentialJSON> {
      const rpId = o.rpId ?? new URL(origin).hostname;
      const allowed = new Set((o.allowCredentials ?? []).map((c) => c.id));
      const credential = held.find((c) => c.rpId === rpId && (allowed.size === 0 || allowed.has(c.id)));
      // What a browser says when no authenticator holds a matching passkey.
      if (!credential) throw notAllowed('No passkey for this relying party.');
      credential.counter += 1;
      const authData = authenticatorData(rpId, FLAG_UP | FLAG_UV, credential.counter);
      const data = clientData('webauthn.get', o.challenge, origin);
      const key = createPrivateKey({ key: credential.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
      const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), key);
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: data.toString('base64url'),
          authenticatorData: authData.toString('base64url'),
          signature: signature.toString('base64url'),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
