// aws-amplify v6 refreshes through GetTokensFromRefreshToken and keeps the refresh token it
// returns: against an app client that rotates refresh tokens with no grace period, each forced
// refresh works only if Amplify stored the previous rotation's token. Token lifetimes come from
// the app client.
import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, start, type Emulator } from './support.js';

const POOL = 'us-east-1_ampRotate1';
const CLIENT = 'amprotateclient';
const PW = 'Amplify-Passw0rd!';

let emu: Emulator;
beforeAll(async () => {
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  emu = await start({
    pools: [
      {
        id: POOL,
        clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], refreshTokenRotation: { feature: 'ENABLED', retryGracePeriodSeconds: 0 }, accessTokenValidity: 15, idTokenValidity: 20, tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes' } }],
        users: [{ username: 'rota', password: PW }],
      },
    ],
  });
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENT, userPoolEndpoint: emu.endpoint } } });
});
afterAll(async () => {
  await signOut();
  await emu?.close();
});

describe('aws-amplify v6: refresh-token rotation', () => {
  it('refreshes repeatedly on a rotating client, each time with the token the last refresh returned', async () => {
    const out = await signIn({ username: 'rota', password: PW });
    expect(out.nextStep.signInStep).toBe('DONE');
    const first = (await fetchAuthSession()).tokens!;
    expect(first.accessToken.payload.exp! - first.accessToken.payload.iat!).toBe(900);
    expect(first.idToken!.payload.exp! - first.idToken!.payload.iat!).toBe(1200);
    const seen = new Set([first.accessToken.toString()]);
    for (let i = 0; i < 3; i++) {
      // A second apart, so each refresh's tokens differ in iat.
      emu.clock.advance(1000);
      const t = (await fetchAuthSession({ forceRefresh: true })).tokens;
      expect(t?.accessToken, `refresh ${i + 1}`).toBeTruthy();
      seen.add(t!.accessToken.toString());
    }
    expect(seen.size).toBe(4);
    const d = (await adminClient(emu.endpoint).send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: CLIENT }))).UserPoolClient!;
    expect(d.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
  });
});
