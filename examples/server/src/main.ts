// `npm run server`: Redis, the embedded emulator and three instances of the sign-in
// service on free ports. Codes the emulator "sends" are printed here.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startEmulator } from '@nextstep/emulator';
import { createKeyring } from '@nextstep/core';
import { REDIS_SERVER, startRedis } from './redis-server.js';
import { startInstance } from './instance.js';

if (!existsSync(REDIS_SERVER)) {
  console.error(`redis-server is missing (looked for ${REDIS_SERVER}).\nInstall it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_SERVER=/path/to/redis-server.`);
  process.exit(1);
}

const POOL = 'us-east-1_ServerDemo';
const redis = await startRedis();
const emulator = await startEmulator({
  port: 0,
  host: '127.0.0.1',
  config: {
    pools: [
      {
        id: POOL,
        mfa: 'OPTIONAL',
        enabledMfas: ['SMS_MFA'],
        clients: [{ id: 'server-demo', secret: true }],
        users: [
          { username: 'ada', password: 'Demo-passw0rd!', attributes: { phone_number: '+15555550100', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' } },
          { username: 'grace', password: 'Demo-passw0rd!' },
        ],
      },
    ],
  },
  onMessage: (m) => console.log(`[emulator] ${m.medium} to ${m.username}: code ${m.code}`),
});
const secret = emulator.pools().find((p) => p.userPoolId === POOL)?.clients[0]?.clientSecret;
const keyring = await createKeyring({ current: { id: 'demo', key: process.env.NEXTSTEP_KEY ?? randomBytes(32).toString('base64') } });
const userPool = { userPoolId: POOL, clientId: 'server-demo', ...(secret ? { clientSecret: secret } : {}), endpoint: emulator.endpoint };
const instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance({ name, userPool, redisPort: redis.port, keyring })));
console.log(`redis-server on 127.0.0.1:${redis.port}; emulator on ${emulator.endpoint}`);
for (const i of instances) console.log(`instance ${i.name}: ${i.url}/`);
console.log('Sign in as ada / Demo-passw0rd! (SMS code printed above) or grace / Demo-passw0rd!. Ctrl-C stops everything.');
const stop = async () => {
  await Promise.all(instances.map((i) => i.close()));
  await emulator.close();
  await redis.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
