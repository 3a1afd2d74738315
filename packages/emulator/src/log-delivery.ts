/**
 * SetLogDeliveryConfiguration / GetLogDeliveryConfiguration: where a pool would export its
 * logs (CloudWatch Logs, S3, Firehose). Kept and echoed after Cognito's checks; nothing is
 * exported.
 */
import type { Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import { poolOf, type Input } from './params.js';

const DESTINATIONS: Record<string, { member: string; arn: RegExp }> = {
  CloudWatchLogsConfiguration: { member: 'LogGroupArn', arn: /^arn:[\w+=/,.@-]+:logs:[\w-]+:\d{12}:log-group:[\w./#-]+(?::\*)?$/ },
  S3Configuration: { member: 'BucketArn', arn: /^arn:[\w+=/,.@-]+:s3:::[\w.-]+$/ },
  FirehoseConfiguration: { member: 'StreamArn', arn: /^arn:[\w+=/,.@-]+:firehose:[\w-]+:\d{12}:deliverystream\/[\w.-]+$/ },
};

function tier(pool: Pool): string {
  return (pool.settings.kept.UserPoolTier as string | undefined) ?? 'ESSENTIALS';
}

function checkConfiguration(pool: Pool, raw: unknown, i: number): Record<string, unknown> {
  const where = `logConfigurations.${i + 1}.member`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CognitoError('SerializationException', `Value at '${where}' cannot be read: expected an object.`);
  const c = raw as Input;
  if (!['ERROR', 'INFO'].includes(c.LogLevel as string)) throw errors.invalidParameter(`1 validation error detected: Value at '${where}.logLevel' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, INFO]`);
  if (!['userNotification', 'userAuthEvents'].includes(c.EventSource as string)) throw errors.invalidParameter(`1 validation error detected: Value at '${where}.eventSource' failed to satisfy constraint: Member must satisfy enum value set: [userNotification, userAuthEvents]`);
  const given = Object.keys(DESTINATIONS).filter((k) => c[k] !== undefined && c[k] !== null);
  if (given.length !== 1) throw errors.invalidParameter('Each log configuration needs exactly one destination.');
  const dest = DESTINATIONS[given[0]!]!;
  const arn = (c[given[0]!] as Input | undefined)?.[dest.member];
  if (typeof arn !== 'string' || !dest.arn.test(arn)) throw errors.invalidParameter(`Invalid ${dest.member} in ${given[0]}.`);
  if (c.EventSource === 'userNotification') {
    if (c.LogLevel !== 'ERROR') throw errors.invalidParameter('userNotification logs are sent at LogLevel ERROR.');
    if (given[0] !== 'CloudWatchLogsConfiguration') throw errors.invalidParameter('userNotification logs can only be sent to CloudWatch Logs.');
  } else {
    if (c.LogLevel !== 'INFO') throw errors.invalidParameter('userAuthEvents logs are sent at LogLevel INFO.');
    if (tier(pool) !== 'PLUS') throw new CognitoError('FeatureUnavailableInTierException', 'Exporting user auth events requires the PLUS feature tier.');
  }
  return structuredClone(c);
}

/** SetLogDeliveryConfiguration (at most one configuration per event source). */
export function setLogDeliveryConfiguration(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const list = input.LogConfigurations;
  if (list === undefined || list === null) throw errors.invalidParameter("1 validation error detected: Value null at 'logConfigurations' failed to satisfy constraint: Member must not be null");
  if (!Array.isArray(list)) throw new CognitoError('SerializationException', "Value at 'logConfigurations' cannot be read: expected a list.");
  if (list.length > 2) throw errors.invalidParameter("1 validation error detected: Value at 'logConfigurations' failed to satisfy constraint: Member must have length less than or equal to 2");
  const configs = list.map((c, i) => checkConfiguration(pool, c, i));
  if (new Set(configs.map((c) => c.EventSource)).size !== configs.length) throw errors.invalidParameter('Each event source can have only one log configuration.');
  pool.logDelivery = configs;
  return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: structuredClone(configs) } };
}

/** GetLogDeliveryConfiguration (none set: an empty list). */
export function getLogDeliveryConfiguration(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: structuredClone(pool.logDelivery ?? []) } };
}
