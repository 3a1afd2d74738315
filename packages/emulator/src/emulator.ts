/** `startEmulator`: a Cognito-compatible server on 127.0.0.1, in-process. */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClock, type Clock } from './clock.js';
import { loadConfigFile, type EmulatorConfig, type PoolConfig, type TriggerFunction } from './config.js';
import { poolTriggers, resolveLambdas } from './trigger-setup.js';
import type { Ctx } from './context.js';
import { createFaults, type Faults } from './faults.js';
import { CorsOrigins } from './access.js';
import { validateConfig, validatePoolConfig } from './config-validation.js';
import { createHandler } from './http.js';
import { DataDir } from './persistence.js';
import { keepState, restorePools } from './restore.js';
import { newPoolId, poolFromConfig, Store, type Pool } from './model.js';
import { createOutbox, type Outbox, type OutboxMessage } from './outbox.js';
import { SessionStore } from './sessions.js';
import { TokenIssuer, type IssuerMode } from './tokens.js';
import { totpCode } from './totp.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Pools to seed: a config object, or the path of a JSON / JS config file. */
  config?: EmulatorConfig | string;
  /** Directory `"./module.js#export"` trigger paths resolve against (default: the config file's, else cwd). */
  configBaseDir?: string;
  /** AWS region reported in ARNs and trigger events (default us-east-1). */
  region?: string;
  /**
   * The `iss` of tokens: `emulator` (default) is `http://127.0.0.1:PORT/<poolId>`; `aws` is
   * Cognito's `https://cognito-idp.<region>.amazonaws.com/<poolId>`, for verifiers that
   * require it (point them at `<endpoint>/<poolId>/.well-known/jwks.json` for the keys).
   * Overrides the config file's `issuer`.
   */
  issuer?: IssuerMode;
  /** How long a custom-auth trigger may run before UserLambdaValidationException (default 5000 ms, as Lambda triggers of Cognito). */
  triggerTimeoutMs?: number;
  /**
   * Lambda functions by ARN, which LambdaConfig (CreateUserPool's or a config pool's) names:
   * functions, or `"./file.js#export"` paths. Merged over the config's `lambdas`.
   */
  lambdas?: Record<string, TriggerFunction | string>;
  /**
   * Web origins (`http://localhost:5173`) whose pages may call admin operations and the
   * `/_emulator/*` helper routes. Other origins get 403 there; Cognito's unsigned operations
   * stay open to every origin. Merged with the config's `corsOrigins`.
   */
  corsOrigins?: string[];
  /**
   * Keep pools, clients and users in this directory across restarts (created if missing):
   * an fsynced journal plus atomically replaced snapshots, which survive a kill -9. Sessions
   * and issued tokens are not kept. Overrides the config's `dataDir`.
   */
  dataDir?: string;
  /** Receives one line per request (operation, status, time); never bodies or secrets. */
  log?: (line: string) => void;
  /** Called for every message the emulator "sends" (the CLI prints them). */
  onMessage?: (message: OutboxMessage) => void;
}

/** Ids of a pool and its app clients, as created. */
export interface CreatedPool {
  /** The pool id, e.g. `us-east-1_AbC123`. */
  userPoolId: string;
  /** The pool name. */
  name: string;
  /** The pool's app clients. */
  clients: {
    /** The app client id. */
    clientId: string;
    /** The client name. */
    name: string;
    /** The client secret, for clients that have one. */
    clientSecret?: string;
  }[];
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:PORT`: the endpoint to give Cognito clients. */
  readonly endpoint: string;
  /** The TCP port listened on. */
  readonly port: number;
  /** The movable clock that sessions, TOTP, lockout and tokens use. */
  readonly clock: Clock;
  /** Every SMS and email "sent". */
  readonly outbox: Outbox;
  /** Fault injection. */
  readonly faults: Faults;
  /** The current TOTP code of a user (their pending setup secret first, else their device), at `atMs` (default now). */
  totpCode(userPoolId: string, username: string, atMs?: number): string;
  /** Adds a pool from a config-file pool entry; resolves to its ids (and generated client secrets). */
  createPool(pool: PoolConfig): Promise<CreatedPool>;
  /** Every pool with its clients. */
  pools(): CreatedPool[];
  /** Allows one more web origin to reach admin operations and `/_emulator/*` (e.g. a dev server started later). */
  allowCorsOrigin(origin: string): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function describe(pool: Pool): CreatedPool {
  return {
    userPoolId: pool.id,
    name: pool.name,
    clients: [...pool.clients.values()].map((c) => ({ clientId: c.id, name: c.name, ...(c.secret ? { clientSecret: c.secret } : {}) })),
  };
}

/**
 * Starts a Cognito user-pools emulator.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ config: { pools: [{ id: 'us-east-1_demo', clients: [{ id: 'app' }],
 *   users: [{ username: 'alice', password: 'Passw0rd!' }] }] } });
 * // new CognitoIdentityProviderClient({ endpoint: emu.endpoint, region: 'us-east-1' })
 * await emu.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = createClock();
  const outbox = createOutbox(options.onMessage);
  const faults = createFaults();
  const store = new Store();
  let endpoint = '';
  let issuerMode: IssuerMode = 'emulator';
  const tokens = new TokenIssuer(() => endpoint, clock.now, () => issuerMode);
  const ctx: Ctx = { store, sessions: new SessionStore(clock.now), tokens, outbox, clock, faults, region: options.region ?? 'us-east-1', triggerTimeoutMs: options.triggerTimeoutMs ?? 5_000, endpoint: () => endpoint };

  let config: EmulatorConfig = {};
  let baseDir = options.configBaseDir ?? process.cwd();
  if (typeof options.config === 'string') {
    const loaded = await loadConfigFile(options.config);
    config = loaded.config;
    baseDir = options.configBaseDir ?? loaded.baseDir;
  } else if (options.config) config = options.config;
  validateConfig(config);
  issuerMode = options.issuer ?? config.issuer ?? 'emulator';
  if (issuerMode !== 'emulator' && issuerMode !== 'aws') throw new Error('Emulator config: "issuer" must be "emulator" or "aws"');
  const lambdas = await resolveLambdas({ ...config.lambdas, ...options.lambdas }, baseDir);
  ctx.lambdas = lambdas;

  const dataDirOption = options.dataDir ?? (config.dataDir !== undefined ? resolve(baseDir, config.dataDir) : undefined);
  const data = dataDirOption !== undefined ? DataDir.open(resolve(dataDirOption)) : undefined;
  try {
    if (data) for (const pool of restorePools(data, lambdas)) store.addPool(pool);
  } catch (e) {
    data?.release();
    throw e;
  }

  const addPool = async (p: PoolConfig): Promise<CreatedPool> => {
    validatePoolConfig(p);
    const triggers = await poolTriggers(p, lambdas, baseDir);
    // A pool without an id gets one in the emulator's region.
    const pool = poolFromConfig(p.id === undefined ? { ...p, id: newPoolId(ctx.region) } : p, triggers, clock.now());
    if (p.lambdaConfig) pool.lambdaConfig = structuredClone(p.lambdaConfig);
    store.addPool(pool);
    data?.record(store);
    return describe(pool);
  };
  try {
    for (const p of config.pools ?? []) {
      // A pool the data directory holds already keeps its stored state; the config only
      // supplies its trigger functions again (functions are not stored).
      const restored = p && typeof p === 'object' && p.id !== undefined ? store.pools.get(p.id) : undefined;
      if (restored) Object.assign(restored.triggers, await poolTriggers(p, lambdas, baseDir));
      else await addPool(p);
    }
  } catch (e) {
    data?.release();
    throw e;
  }
  const stopKeeping = data ? keepState(data, ctx) : undefined;
  if (data) ctx.afterRequest = () => data.record(store);
  await tokens.ready();
  // The signing keys are on disk before the first token or JWKS leaves.
  data?.record(store);

  const corsOrigins = new CorsOrigins([...(config.corsOrigins ?? []), ...(options.corsOrigins ?? [])]);
  const server = createServer({ requestTimeout: 120_000 }, createHandler(ctx, { log: options.log, corsOrigins }));
  // Idle keep-alive sockets stay open for a minute, as AWS endpoints keep them: with Node's
  // 5 s default a client whose event loop is busy (SRP in jsbn takes seconds under load)
  // reuses a socket the server has just closed and sees a network error.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A client error (bad framing, reset) must never crash the process.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    endpoint,
    port,
    clock,
    outbox,
    faults,
    totpCode(userPoolId, username, atMs) {
      const user = store.pools.get(userPoolId)?.users.get(username);
      const secret = user?.mfa.pendingTotpSecret ?? user?.mfa.totp?.secret;
      if (!secret) throw new Error(`User ${username} of pool ${userPoolId} has no TOTP secret`);
      return totpCode(secret, atMs ?? clock.now());
    },
    createPool: addPool,
    allowCorsOrigin: (origin) => corsOrigins.add(origin),
    pools: () => [...store.pools.values()].map(describe),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          stopKeeping?.();
          data?.close();
          done();
        });
        server.closeAllConnections();
      }),
  };
}
