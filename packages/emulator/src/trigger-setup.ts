/** Resolves a config pool's triggers: its LambdaConfig through the `lambdas` table, then `triggers`. */
import { resolveTrigger, type PoolConfig, type TriggerFunction } from './config.js';
import { TRIGGER_NAMES, triggersFromLambdaConfig } from './lambda-config.js';
import type { Triggers } from './model.js';

/** Imports every `lambdas` entry given as a path. */
export async function resolveLambdas(table: Record<string, TriggerFunction | string>, baseDir: string): Promise<Map<string, TriggerFunction>> {
  const out = new Map<string, TriggerFunction>();
  for (const [arn, value] of Object.entries(table)) out.set(arn, (await resolveTrigger(value, baseDir, `lambdas[${JSON.stringify(arn)}]`))!);
  return out;
}

/** The triggers of a config pool. */
export async function poolTriggers(p: PoolConfig, lambdas: ReadonlyMap<string, TriggerFunction>, baseDir: string): Promise<Triggers> {
  let triggers: Triggers;
  try {
    triggers = p.lambdaConfig ? triggersFromLambdaConfig(p.lambdaConfig, lambdas) : {};
  } catch (e) {
    throw new Error(`Emulator config: pool ${p.id ?? p.name ?? '(unnamed)'}: ${(e as Error).message}`);
  }
  const t = p.triggers ?? {};
  for (const name of TRIGGER_NAMES) {
    const fn = await resolveTrigger(t[name], baseDir, name);
    if (fn) triggers[name] = fn;
  }
  if (t.preTokenGenerationVersion !== undefined) triggers.preTokenGenerationVersion = t.preTokenGenerationVersion;
  return triggers;
}
