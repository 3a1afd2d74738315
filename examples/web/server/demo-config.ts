/** The page's config for the embedded emulator's demo pools. */
import { DEMO_POOLS, DEMO_USERS } from '@nextstep/example-terminal/demo-pool';
import type { WebConfig } from '../src/config.js';

/** Config pointing the page at the demo pools of an emulator at `endpoint`. */
export function demoWebConfig(endpoint: string): WebConfig {
  return {
    endpoint,
    region: 'us-east-1',
    totpIssuer: 'nextstep web demo',
    pools: [
      { key: 'main', label: `${DEMO_POOLS.main.name} (MFA optional)`, userPoolId: DEMO_POOLS.main.userPoolId, clientId: DEMO_POOLS.main.clientId },
      { key: 'mfaRequired', label: `${DEMO_POOLS.mfaRequired.name} (MFA required)`, userPoolId: DEMO_POOLS.mfaRequired.userPoolId, clientId: DEMO_POOLS.mfaRequired.clientId },
    ],
    demoUsers: DEMO_USERS.map((u) => ({
      username: u.username,
      password: u.password,
      pool: u.pool,
      exercises: u.exercises,
      ...(u.authFlowType ? { authFlowType: u.authFlowType } : {}),
    })),
  };
}
