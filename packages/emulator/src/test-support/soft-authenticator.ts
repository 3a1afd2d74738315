/**
 * A software WebAuthn authenticator for tests: an ES256 key pair from node:crypto, the
 * attestation object and COSE key encoded with a CBOR library, "none" attestation. It answers
 * the JSON options Cognito hands out with the JSON responses browsers produce, and can be told
 * to misbehave (wrong origin, wrong relying party, a stale counter) to test refusals.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';

const b64url = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | Buffer | string) => createHash('sha256').update(b).digest();

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicJwk: { x: string; y: string };
  rpId: string;
  userHandle: string;
  counter: number;
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(readonly origin: string) {}

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  /** navigator.credentials.create with PublicKeyCredentialCreationOptionsJSON. */
  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, opts: { origin?: string; rpId?: string } = {}) {
    const rpId = opts.rpId ?? options.rp.id!;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const id = randomBytes(16);
    const cose = encodeCBOR(new Map<number, CBORType>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, 'base64url')], [-3, Buffer.from(jwk.y, 'base64url')]]));
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLen, id, Buffer.from(cose)]);
    const authData = this.authData(rpId, UP | UV | AT, 0, attested);
    const attestationObject = encodeCBOR(new Map<string, CBORType>([['fmt', 'none'], ['attStmt', new Map<string, CBORType>()], ['authData', authData]]));
    this.credentials.push({ id, privateKey, publicJwk: jwk, rpId, userHandle: options.user.id, counter: 0 });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: { clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, opts.origin ?? this.origin)), attestationObject: b64url(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get with PublicKeyCredentialRequestOptionsJSON. */
  assert(options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] }, opts: { origin?: string; counter?: number; signWith?: KeyObject; challenge?: string } = {}) {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const cred = this.credentials.find((c) => c.rpId === options.rpId && (allowed.size === 0 || allowed.has(b64url(c.id))));
    if (!cred) throw new Error('NotAllowedError: no credential for this relying party');
    cred.counter = opts.counter ?? cred.counter + 1;
    const authData = this.authData(cred.rpId, UP | UV, cred.counter);
    const clientData = this.clientData('webauthn.get', opts.challenge ?? options.challenge, opts.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), opts.signWith ?? cred.privateKey);
    return {
      id: b64url(cred.id),
      rawId: b64url(cred.id),
      type: 'public-key',
      response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: cred.userHandle },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
