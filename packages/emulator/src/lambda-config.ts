/**
 * LambdaConfig (CreateUserPool's and the config file's, Cognito's shape): function ARNs,
 * mapped to JS functions through the emulator's `lambdas` table, become a pool's triggers.
 */
import type { TriggerFunction } from './config.js';
import type { Triggers } from './model.js';

/** LambdaConfig key → trigger name. */
export const LAMBDA_CONFIG_KEYS = {
  PreSignUp: 'preSignUp',
  CustomMessage: 'customMessage',
  PostConfirmation: 'postConfirmation',
  PreAuthentication: 'preAuthentication',
  PostAuthentication: 'postAuthentication',
  DefineAuthChallenge: 'defineAuthChallenge',
  CreateAuthChallenge: 'createAuthChallenge',
  VerifyAuthChallengeResponse: 'verifyAuthChallengeResponse',
  PreTokenGeneration: 'preTokenGeneration',
  UserMigration: 'userMigration',
} as const;

/** Keys Cognito accepts that the emulator keeps (DescribeUserPool echoes them) but does not run. */
const KEPT_KEYS = new Set(['CustomSMSSender', 'CustomEmailSender', 'KMSKeyID']);
const VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const;

/** Names of every trigger a pool can have (the `triggers` config keys). */
export const TRIGGER_NAMES = Object.values(LAMBDA_CONFIG_KEYS);

function functionFor(arn: unknown, key: string, lambdas: ReadonlyMap<string, TriggerFunction>): TriggerFunction {
  if (typeof arn !== 'string' || arn === '') throw new Error(`LambdaConfig.${key} must be a function ARN`);
  const fn = lambdas.get(arn);
  // A Cognito pool can name any function; the emulator can only run functions it was given.
  if (!fn) throw new Error(`LambdaConfig.${key}: no function is mapped to ${arn} (add it to "lambdas" in the emulator config or startEmulator options)`);
  return fn;
}

/**
 * The triggers a LambdaConfig names. Throws `Error` (the callers turn it into their error
 * kind) for unknown keys, wrong types and ARNs the `lambdas` table does not map.
 */
export function triggersFromLambdaConfig(config: Record<string, unknown>, lambdas: ReadonlyMap<string, TriggerFunction>): Triggers {
  const triggers: Triggers = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null) continue;
    if (Object.hasOwn(LAMBDA_CONFIG_KEYS, key)) {
      triggers[LAMBDA_CONFIG_KEYS[key as keyof typeof LAMBDA_CONFIG_KEYS]] = functionFor(value, key, lambdas);
    } else if (key === 'PreTokenGenerationConfig') {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error('LambdaConfig.PreTokenGenerationConfig must be an object');
      const { LambdaVersion, LambdaArn } = value as Record<string, unknown>;
      if (!VERSIONS.includes(LambdaVersion as (typeof VERSIONS)[number])) throw new Error('LambdaConfig.PreTokenGenerationConfig.LambdaVersion must be V1_0, V2_0 or V3_0');
      triggers.preTokenGeneration = functionFor(LambdaArn, 'PreTokenGenerationConfig.LambdaArn', lambdas);
      triggers.preTokenGenerationVersion = LambdaVersion as (typeof VERSIONS)[number];
    } else if (!KEPT_KEYS.has(key)) {
      throw new Error(`LambdaConfig has no member ${JSON.stringify(key)}`);
    }
  }
  // PreTokenGeneration and PreTokenGenerationConfig.LambdaArn name the same function in Cognito.
  if (typeof config.PreTokenGeneration === 'string' && config.PreTokenGenerationConfig && typeof config.PreTokenGenerationConfig === 'object') {
    const arn = (config.PreTokenGenerationConfig as Record<string, unknown>).LambdaArn;
    if (arn !== config.PreTokenGeneration) throw new Error('LambdaConfig.PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function');
  }
  return triggers;
}
