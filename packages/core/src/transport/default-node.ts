/**
 * The default transport outside browsers: the AWS SDK bare client, imported on first use so
 * that an app passing its own transport never loads the SDK.
 * @module
 */
import type { CognitoTransport, UserPoolConfig } from '../types.js';
import { transportRegion } from './region.js';

/** The transport `createAuth` uses when none is given (Node, Deno, Bun, workers). */
export function defaultTransport(userPool: UserPoolConfig): CognitoTransport {
  let loading: Promise<CognitoTransport> | undefined;
  return {
    async send(operation, input) {
      loading ??= import('./sdk.js').then((sdk) =>
        sdk.createSdkTransport({
          region: transportRegion(userPool),
          ...(userPool.endpoint ? { endpoint: userPool.endpoint } : {}),
        }),
      );
      return (await loading).send(operation, input);
    },
  };
}
