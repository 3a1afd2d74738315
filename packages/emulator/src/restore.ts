/** Pools read back from a data directory, with their LambdaConfig triggers attached again. */
import type { TriggerFunction } from './config.js';
import { triggersFromLambdaConfig } from './lambda-config.js';
import type { Pool } from './model.js';
import { deserializePool, type DataDir } from './persistence.js';

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
