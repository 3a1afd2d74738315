// Passkeys against the emulator with a real browser's WebAuthn: headless Chromium with a
// virtual authenticator (DevTools protocol, WebAuthn domain) makes the attestation and the
// assertion from the options the emulator hands out; the AWS SDK carries them to the emulator.
// The browser's CBOR, COSE key and signatures are independent of the emulator's tests.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteWebAuthnRegistrationCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, start, type Emulator } from './support.js';

const POOL = 'us-east-1_cdpPasskey';
const CLIENT = 'cdppasskey';
const PW = 'Passkey-Passw0rd!';

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('passkeys with Chromium\'s virtual authenticator', () => {
  let emu: Emulator;
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let profile = '';

  beforeAll(async () => {
    emu = await start({
      pools: [
        {
          id: POOL,
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
          clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] }],
          users: [{ username: 'pam', password: PW, attributes: { email: 'pam@example.com' } }],
        },
      ],
    });
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><meta charset="utf-8"><title>passkeys</title>');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    profile = await mkdtemp(join(tmpdir(), 'nextstep-passkey-chromium-'));
    context = await launchChromium(profile);
    page = await context.newPage();
    // localhost is a secure context, and the relying party id the pool names.
    await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await emu?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('registers a passkey made by the browser, then signs in with it (USER_AUTH, WEB_AUTHN)', async () => {
    const cognito = adminClient(emu.endpoint);
    const access = (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'pam', PASSWORD: PW } }))).AuthenticationResult!.AccessToken!;
    const { CredentialCreationOptions } = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: access }));
    // JSON text across the page boundary (the options and the credential are plain JSON).
    const created: string = await page.evaluate(async (json: string) => {
      const cred = (await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(json)) })) as PublicKeyCredential;
      return JSON.stringify(cred.toJSON());
    }, JSON.stringify(CredentialCreationOptions));
    const credential = JSON.parse(created) as { id: string };
    await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: access, Credential: credential }));
    const list = (await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: access }))).Credentials!;
    expect(list.map((c) => c.CredentialId)).toEqual([credential.id]);

    for (let round = 0; round < 2; round++) {
      const r = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'pam', PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
      expect(r.ChallengeName).toBe('WEB_AUTHN');
      const assertion: string = await page.evaluate(async (json: string) => {
        const cred = (await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(json)) })) as PublicKeyCredential;
        return JSON.stringify(cred.toJSON());
      }, r.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!);
      const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: CLIENT, ChallengeName: 'WEB_AUTHN', Session: r.Session, ChallengeResponses: { USERNAME: 'pam', CREDENTIAL: assertion } }));
      expect(done.AuthenticationResult!.AccessToken).toBeTruthy();
    }
  });
});
