// Strict config validation, the shipped JSON Schema, and the README's own example.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './index.js';
import { sdkClient, srpSignIn } from './test-support/harness.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

/** The ```json block of the README's "## Config" section. */
function readmeConfig(): unknown {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Config\n'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README has no json block under ## Config');
  return JSON.parse(block[1]!);
}

describe('config validation', () => {
  it('refuses unknown keys with their path', async () => {
    await expect(startEmulator({ config: { pools: [{ id: 'us-east-1_v', users: [{ username: 'a', stauts: 'CONFIRMED' }] }] } as never })).rejects.toThrow(
      'Emulator config: pools[0].users[0].stauts: unknown key "stauts"',
    );
    await expect(startEmulator({ config: { pool: [] } as never })).rejects.toThrow('Emulator config: pool: unknown key "pool"');
    await expect(startEmulator({ config: { pools: [{ clients: [{ authSessionValidity: 60 }] }] } })).rejects.toThrow(/pools\[0\]\.clients\[0\]\.authSessionValidity: must be <= 15/);
    await expect(startEmulator({ config: { pools: [{ mfa: 'OFF | OPTIONAL | ON' as never }] } })).rejects.toThrow(/pools\[0\]\.mfa: must be one of "OFF", "OPTIONAL", "ON"/);
  });

  it('accepts functions where JSON has module paths, and a $schema key', async () => {
    const emu = await startEmulator({ config: { $schema: './config.schema.json', pools: [{ id: 'us-east-1_fn', triggers: { preSignUp: () => undefined } }] } });
    await emu.close();
  });

  it('ships a JSON Schema that names every config key', () => {
    const schema = JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8'));
    expect(schema.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.$defs.pool.properties)).toEqual(expect.arrayContaining(['triggers', 'lambdaConfig', 'clients', 'users']));
    expect(schema.$defs.user.additionalProperties).toBe(false);
  });

  it("loads the README's config example as it stands, and its triggers run", async () => {
    const emu = await startEmulator({ config: readmeConfig() as never, configBaseDir: PACKAGE });
    try {
      const cognito = sdkClient(emu);
      const out = await cognito.send(new SignUpCommand({ ClientId: 'demo-client', Username: 'bea', Password: 'Passw0rd!1', UserAttributes: [{ Name: 'email', Value: 'bea@example.com' }] }));
      expect(out.UserConfirmed).toBe(true);
      const { first, second } = await srpSignIn(cognito, { userPoolId: 'us-east-1_demo', clientId: 'demo-client', username: 'bea', password: 'Passw0rd!1', authFlow: 'CUSTOM_AUTH' });
      expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(second.ChallengeName).toBe('CUSTOM_CHALLENGE');
      const { RespondToAuthChallengeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'demo-client', ChallengeName: 'CUSTOM_CHALLENGE', Session: second.Session, ChallengeResponses: { USERNAME: 'bea', ANSWER: '42' } }));
      expect(decodeJwt(done.AuthenticationResult!.AccessToken!).scope).toContain('demo/read');
    } finally {
      await emu.close();
    }
  });
});
