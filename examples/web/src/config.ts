/**
 * Where the page signs in: read from `/config.json` (served next to the page by our static
 * server), or from query parameters `?endpoint=&userPoolId=&clientId=&region=`.
 */
import type { AuthFlowType } from '@nextstep/core';

/** One user pool and app client the page may sign in to. */
export interface PoolConfig {
  key: string;
  label: string;
  userPoolId: string;
  clientId: string;
}

/** A demo user the page offers as a shortcut (only the emulator's demo pools have them). */
export interface DemoUserConfig {
  username: string;
  password: string;
  pool: string;
  exercises: string;
  authFlowType?: AuthFlowType;
}

/** The page's configuration. */
export interface WebConfig {
  /** A Cognito-compatible endpoint (the emulator); absent: the region's public endpoint. */
  endpoint?: string;
  region?: string;
  pools: PoolConfig[];
  demoUsers?: DemoUserConfig[];
  /** Issuer shown by authenticator apps for a TOTP setup. */
  totpIssuer?: string;
}

/** Loads the configuration; query parameters win over `/config.json`. */
export async function loadConfig(location: Location = window.location): Promise<WebConfig> {
  const query = new URLSearchParams(location.search);
  const userPoolId = query.get('userPoolId');
  const clientId = query.get('clientId');
  if (userPoolId && clientId) {
    const endpoint = query.get('endpoint');
    return {
      ...(endpoint ? { endpoint } : {}),
      region: query.get('region') ?? userPoolId.split('_')[0],
      pools: [{ key: 'query', label: userPoolId, userPoolId, clientId }],
    };
  }
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status}).`);
  const config = (await response.json()) as WebConfig;
  if (!Array.isArray(config.pools) || config.pools.length === 0) throw new Error('config.json lists no user pool.');
  return config;
}
