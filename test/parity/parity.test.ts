/**
 * Side by side with Amplify: every scenario of scenarios.ts runs on aws-amplify v6 (configured
 * with `userPoolEndpoint`) and on nextstep's Amplify-style calls, against one emulator, each
 * client with its own identically configured user. The recorded sequences of outputs
 * (step names and their fields) and error names must be equal. A difference is fixed in the
 * packages (see FINDINGS.md) or, when deliberate, listed in docs/migrating-from-amplify.md.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmplifyDriver, NextstepDriver, type Driver, type PoolTarget } from './drivers.js';
import { nextstepAuth } from './nextstep.js';
import { scenarios, type Scenario, type UserContext } from './scenarios.js';
import { startParityEmulator, type ParityEmulator } from './emulator.js';

let env: ParityEmulator;

beforeAll(async () => {
  env = await startParityEmulator(scenarios);
});

afterAll(async () => {
  await env?.close();
});

async function play(scenario: Scenario, make: (target: PoolTarget) => Driver & { reset?(): Promise<void> }): Promise<Driver> {
  const target = env.target(scenario.pool);
  const driver = make(target);
  await driver.reset?.();
  const username = `${scenario.id}-${driver.name}`;
  const user: UserContext = env.userContext(scenario.pool, username, async () => {
    await driver.reset?.();
  });
  await scenario.run(driver, user);
  await driver.reset?.();
  return driver;
}

describe('parity with aws-amplify v6', () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const amplify = await play(scenario, (t) => new AmplifyDriver(t));
      const nextstep = await play(scenario, (t) => new NextstepDriver(nextstepAuth(t)));
      // Guard against a scenario that proves nothing: Amplify itself must end where expected.
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
