/**
 * Session parity (#10): the scenarios of session-scenarios.ts on aws-amplify v6 and on
 * nextstep's session functions, against one emulator. The recorded outputs (session
 * summaries, users, attribute steps, MFA preferences) and error names must be equal.
 * Moving the clock moves Date.now, which the emulator, Amplify and nextstep all read.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from './scenarios.js';
import { startParityEmulator, type ParityEmulator } from './emulator.js';
import { nextstepAuth } from './nextstep.js';
import { AmplifySessionDriver, NextstepSessionDriver, type SessionDriver } from './session-drivers.js';
import { sessionScenarios, type SessionScenario } from './session-scenarios.js';

let env: ParityEmulator;
const realNow = Date.now;
let offset = 0;

beforeAll(async () => {
  env = await startParityEmulator(sessionScenarios as unknown as Scenario[]);
  Date.now = () => realNow() + offset;
});
afterEach(() => {
  offset = 0;
});
afterAll(async () => {
  Date.now = realNow;
  await env?.close();
});

async function play(scenario: SessionScenario, driver: SessionDriver & { reset?(): Promise<void> }): Promise<SessionDriver> {
  await driver.reset?.();
  const u = env.userContext(scenario.pool, `${scenario.id}-${driver.name}`, async () => driver.reset?.());
  driver.forUser(u.username);
  const admin = {
    async globalSignOut() {
      const res = await fetch(env.emu.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.AdminUserGlobalSignOut',
          // Admin operations want a SigV4 signature (the emulator checks its form, not the credentials).
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
        },
        body: JSON.stringify({ UserPoolId: env.target(scenario.pool).userPoolId, Username: u.username }),
      });
      if (!res.ok) throw new Error(`AdminUserGlobalSignOut: HTTP ${res.status}`);
    },
  };
  await scenario.run(driver, u, (ms) => {
    offset += ms;
  }, admin);
  await driver.reset?.();
  offset = 0;
  return driver;
}

describe('session parity with aws-amplify v6', () => {
  for (const scenario of sessionScenarios) {
    it(scenario.title, async () => {
      const amplify = await play(scenario, new AmplifySessionDriver(env.target(scenario.pool)));
      const nextstep = await play(scenario, new NextstepSessionDriver(nextstepAuth(env.target(scenario.pool))));
      const last = amplify.transcript[amplify.transcript.length - 1];
      if (scenario.ends) expect(last, 'how Amplify ends').toMatchObject({ error: scenario.ends.error });
      else expect(last?.output, 'how Amplify ends').toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      // PARITY_DUMP=file appends both transcripts as JSON lines, to read what was compared.
      if (process.env.PARITY_DUMP) {
        appendFileSync(process.env.PARITY_DUMP, `${JSON.stringify({ id: scenario.id, amplify: amplify.transcript, nextstep: nextstep.transcript })}\n`);
      }
      const a = [...amplify.transcript];
      const n = [...nextstep.transcript];
      for (const known of scenario.deliberate ?? []) {
        expect(a[known.index], `Amplify side of: ${known.reason}`).toMatchObject(known.amplify);
        expect(n[known.index], `nextstep side of: ${known.reason}`).toMatchObject(known.nextstep);
        a[known.index] = n[known.index] = { op: 'deliberate difference' };
      }
      expect(n).toEqual(a);
    });
  }
});
