/** Shared setup for the emulator's tests: an emulator, an SDK client, SRP sign-in helpers. */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator, type Emulator, type EmulatorOptions } from '../index.js';
import { secretHash, SrpClientSession, type ClaimOptions } from './srp-client.js';

export function sdkClient(emu: Emulator, maxAttempts = 1): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: emu.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

export async function withEmulator(opts: EmulatorOptions = {}): Promise<{ emu: Emulator; cognito: CognitoIdentityProviderClient }> {
  const emu = await startEmulator(opts);
  return { emu, cognito: sdkClient(emu) };
}

/** Starts USER_SRP_AUTH and answers PASSWORD_VERIFIER; returns the second answer. */
export async function srpSignIn(
  cognito: CognitoIdentityProviderClient,
  args: { userPoolId: string; clientId: string; username: string; password: string; clientSecret?: string; claim?: ClaimOptions; authFlow?: 'USER_SRP_AUTH' | 'CUSTOM_AUTH' },
): Promise<{ first: InitiateAuthCommandOutput; second: RespondToAuthChallengeCommandOutput }> {
  const srp = new SrpClientSession(args.userPoolId);
  const hash: Record<string, string> = args.clientSecret ? { SECRET_HASH: secretHash(args.clientSecret, args.username, args.clientId) } : {};
  const first = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: args.authFlow ?? 'USER_SRP_AUTH',
      ClientId: args.clientId,
      AuthParameters: { USERNAME: args.username, SRP_A: srp.srpA, ...(args.authFlow === 'CUSTOM_AUTH' ? { CHALLENGE_NAME: 'SRP_A' } : ({} as Record<string, string>)), ...hash },
    }),
  );
  if (first.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error(`expected PASSWORD_VERIFIER, got ${first.ChallengeName}`);
  const responses = srp.claim(first.ChallengeParameters!, args.password, args.claim);
  const userId = first.ChallengeParameters!.USER_ID_FOR_SRP!;
  const second = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: args.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: first.Session,
      ChallengeResponses: { ...responses, ...(args.clientSecret ? { SECRET_HASH: secretHash(args.clientSecret, userId, args.clientId) } : {}) },
    }),
  );
  return { first, second };
}

/** Catches the service exception a promise rejects with. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected a failure, got success');
}
