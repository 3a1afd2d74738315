// One sign-in instance in its own process: starts the sign-ins it is given on the shared
// Redis, prints their flow ids, then waits to be killed (the scale-out test kills it mid-flow).
import { Redis } from 'ioredis';
import { createAuth, createKeyring, serverFlows, surfaceUnclaimed } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { redisFlowStore, redisTokenStore } from '../index.js';

const cfg = JSON.parse(process.env.NEXTSTEP_CHILD ?? '{}') as {
  userPool: { userPoolId: string; clientId: string; endpoint: string };
  redisPort: number;
  key: string;
  users: { username: string; password: string }[];
};
const redis = new Redis({ host: '127.0.0.1', port: cfg.redisPort, maxRetriesPerRequest: 1 });
const keyring = await createKeyring({ current: { id: 'k1', key: cfg.key } });
const auth = createAuth({ userPool: cfg.userPool, plugins: [sms()], defaultHandler: surfaceUnclaimed, sessions: 'many', store: redisTokenStore({ redis, keyring }) });
const flows = serverFlows(auth, { keyring, store: redisFlowStore({ redis }) });
const started = await Promise.all(
  cfg.users.map(async (u) => ({ username: u.username, flowId: (await flows.start({ ...u, options: { authFlowType: 'USER_PASSWORD_AUTH' } })).flowId })),
);
process.stdout.write(JSON.stringify({ flows: started }) + '\n');
setInterval(() => undefined, 1_000);
