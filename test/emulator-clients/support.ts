// Shared harness for the client suites: start an emulator, build SDK clients, compute codes.
// The clients under test are third-party code; nothing here imitates them or the service.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '@nextstep/emulator';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as OTPAuth from 'otpauth';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type EmulatorConfig = NonNullable<Parameters<typeof startEmulator>[0]>['config'];

/** Starts an emulator on a free port of 127.0.0.1 with the given config. */
export function start(config?: unknown): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', config: config as EmulatorConfig });
}

/** AWS SDK client for admin (SigV4-signed) calls: dummy credentials, the emulator as endpoint. */
export function adminClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEMULATORTEST', secretAccessKey: 'not-a-real-secret' },
    maxAttempts: 1,
  });
}

/** AWS SDK client with no credentials at all: only the unsigned operations can work. */
export function publicClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    // No credentials: the SDK must not need them for InitiateAuth & co.
    credentials: async () => {
      throw new Error('credentials must not be requested for unsigned operations');
    },
    maxAttempts: 1,
  });
}

/** Cognito's SECRET_HASH: base64(HMAC-SHA256(clientSecret, username + clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/** The current TOTP code of a base32 secret at `atMs` (SHA-1, 6 digits, 30 s). */
export function totpCode(secret: string, atMs = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
    .generate({ timestamp: atMs });
}

/** A different code of the same length (a guaranteed wrong answer). */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
}

/** A fresh random base32 secret of 32 characters (160 bits). */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** A password meeting Cognito's default policy (upper, lower, digit, symbol, ≥ 8), random printable ASCII. */
export function randomPassword(length = 8 + randomInt(0, 57)): string {
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const upper = lower.toUpperCase();
  const digits = '0123456789';
  const symbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';
  const all = lower + upper + digits + symbols;
  const pick = (s: string) => s[randomInt(0, s.length)];
  const chars = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (chars.length < Math.max(8, length)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

let counter = 0;
/** A user name unique in this process. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Verifies a JWT against the pool's JWKS served by the emulator; returns header and payload. */
export async function verifyToken(
  emu: Emulator,
  userPoolId: string,
  token: string,
): Promise<{ payload: JWTPayload & Record<string, unknown>; protectedHeader: { alg: string; kid?: string } }> {
  const jwks = createRemoteJWKSet(new URL(`${emu.endpoint}/${userPoolId}/.well-known/jwks.json`));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { algorithms: ['RS256'] });
  return { payload: payload as JWTPayload & Record<string, unknown>, protectedHeader };
}

/** The issuers a pool's tokens may carry: the emulator's own URL (what a verifier can fetch) or the real one. */
export function acceptableIssuers(emu: Emulator, userPoolId: string): string[] {
  const region = userPoolId.split('_')[0];
  return [`${emu.endpoint}/${userPoolId}`, `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`];
}

/** The latest code the emulator "sent" to a user; fails loudly when there is none. */
export function lastCode(
  emu: Emulator,
  filter: { username: string; userPoolId?: string; medium?: 'SMS' | 'EMAIL'; purpose?: string },
): string {
  const msg = emu.outbox.last(filter as Parameters<Emulator['outbox']['last']>[0]);
  if (!msg) throw new Error(`no outbox message for ${JSON.stringify(filter)}`);
  return msg.code;
}

/** Lambda-style custom-auth triggers: `rounds` custom challenges, answer = "answer-<round>". */
export function customAuthTriggers(rounds: number) {
  type Session = { challengeName: string; challengeResult: boolean; challengeMetadata?: string }[];
  type Event = { request: Record<string, any>; response: Record<string, any>; userName?: string };
  return {
    defineAuthChallenge: async (event: Event) => {
      const session: Session = event.request.session ?? [];
      const last = session[session.length - 1];
      const custom = session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE');
      if (session.length === 1 && last.challengeName === 'SRP_A') {
        Object.assign(event.response, { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false });
      } else if (last && !last.challengeResult) {
        Object.assign(event.response, { issueTokens: false, failAuthentication: true });
      } else if (custom.length >= rounds) {
        Object.assign(event.response, { issueTokens: true, failAuthentication: false });
      } else {
        Object.assign(event.response, { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false });
      }
      return event;
    },
    createAuthChallenge: async (event: Event) => {
      const session: Session = event.request.session ?? [];
      const round = session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length + 1;
      Object.assign(event.response, {
        publicChallengeParameters: { round: String(round), question: `What is answer ${round}?` },
        privateChallengeParameters: { answer: `answer-${round}` },
        challengeMetadata: `ROUND-${round}`,
      });
      return event;
    },
    verifyAuthChallengeResponse: async (event: Event) => {
      event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters?.answer;
      return event;
    },
  };
}

/** A trigger event as recorded (a copy taken before the trigger ran). */
export type RecordedEvent = { trigger: string } & Record<string, any>;

/** Wraps triggers so every event they receive is copied into `events`. */
export function recordingTriggers<T extends Record<string, (event: any) => unknown>>(triggers: T): { triggers: T; events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(triggers).map(([name, fn]) => [
      name,
      (event: any) => {
        events.push({ trigger: name, ...structuredClone(event) });
        return fn(event);
      },
    ]),
  ) as T;
  return { triggers: wrapped, events };
}
