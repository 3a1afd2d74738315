/** State read back from a data directory: pools (LambdaConfig triggers attached again) and the rest. */
import { keepAuthEvents, type AuthEventsRecord } from './auth-events.js';
import type { TriggerFunction } from './config.js';
import type { Ctx } from './context.js';
import { triggersFromLambdaConfig } from './lambda-config.js';
import type { Pool } from './model.js';
import { deserializePool, type DataDir } from './persistence.js';
import type { SessionRecord } from './sessions.js';
import type { TokenRecord } from './tokens.js';

export function restorePools(data: DataDir, lambdas: ReadonlyMap<string, TriggerFunction>): Pool[] {
  const pools: Pool[] = [];
  for (const [id, text] of data.stored) {
    const pool = deserializePool(text);
    if (pool.lambdaConfig) {
      try {
        pool.triggers = triggersFromLambdaConfig(pool.lambdaConfig, lambdas);
      } catch (e) {
        throw new Error(`Emulator data directory ${data.dir}: pool ${id}: ${(e as Error).message}`);
      }
    }
    pools.push(pool);
  }
  return pools;
}

/**
 * Sign-in Sessions, the token issuer's state (signing keys, refresh tokens, revocations) and
 * auth events read back from a data directory and journaled from now on. Call after the
 * pools are in the store (events belong to their users). Returns what stops the keeping.
 */
export function keepState(data: DataDir, ctx: Pick<Ctx, 'store' | 'tokens' | 'sessions'>): () => void {
  ctx.tokens.restore((data.records.get('tokens') ?? []) as TokenRecord[]);
  ctx.sessions.restore((data.records.get('sessions') ?? []) as SessionRecord[]);
  const events = keepAuthEvents(ctx.store, (data.records.get('authEvents') ?? []) as AuthEventsRecord[]);
  data.keep('tokens', ctx.tokens);
  data.keep('sessions', ctx.sessions);
  data.keep('authEvents', events);
  return () => events.stop();
}
