/**
 * Threat protection settings: SetRiskConfiguration / DescribeRiskConfiguration (per pool or
 * per app client), and the feedback calls on auth events (AdminUpdateAuthEventFeedback,
 * UpdateAuthEventFeedback). Kept and echoed; the emulator assesses no risk (every event is
 * NoRisk), so the actions never fire.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { epochSeconds, existingUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import { optObject, reqString, poolOrClientTarget, poolOf, type Input } from './params.js';
import { findAuthEvent } from './auth-events.js';

/** A stored risk configuration (`clientId` ALL: the pool's). */
export interface RiskConfiguration {
  compromised?: Record<string, unknown>;
  takeover?: Record<string, unknown>;
  exceptions?: Record<string, unknown>;
  modifiedAt: number;
}

const CIDR = /^(?:(?:\d{1,3}\.){3}\d{1,3}\/(?:[0-9]|[12]\d|3[0-2])|[0-9a-fA-F:]+\/(?:\d|[1-9]\d|1[01]\d|12[0-8]))$/;

function addOnsEnabled(pool: Pool): boolean {
  const mode = (pool.settings.kept.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  return mode === 'AUDIT' || mode === 'ENFORCED';
}

function notEnabled() {
  return new CognitoError('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
}

function checkCompromised(c: Input): void {
  const actions = optObject(c, 'Actions');
  if (!actions) throw errors.invalidParameter("1 validation error detected: Value null at 'compromisedCredentialsRiskConfiguration.actions' failed to satisfy constraint: Member must not be null");
  if (!['BLOCK', 'NO_ACTION'].includes(actions.EventAction as string)) throw errors.invalidParameter("1 validation error detected: Value at 'compromisedCredentialsRiskConfiguration.actions.eventAction' failed to satisfy constraint: Member must satisfy enum value set: [BLOCK, NO_ACTION]");
  const filter = c.EventFilter;
  if (filter !== undefined && (!Array.isArray(filter) || filter.some((f) => !['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'].includes(f as string)))) throw errors.invalidParameter("1 validation error detected: Value at 'compromisedCredentialsRiskConfiguration.eventFilter' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_IN, PASSWORD_CHANGE, SIGN_UP]");
}

function checkTakeover(t: Input): void {
  const actions = optObject(t, 'Actions');
  if (!actions) throw errors.invalidParameter("1 validation error detected: Value null at 'accountTakeoverRiskConfiguration.actions' failed to satisfy constraint: Member must not be null");
  let notifies = false;
  for (const level of ['LowAction', 'MediumAction', 'HighAction']) {
    const a = optObject(actions, level);
    if (!a) continue;
    if (typeof a.Notify !== 'boolean') throw errors.invalidParameter(`1 validation error detected: Value null at 'accountTakeoverRiskConfiguration.actions.${level[0]!.toLowerCase()}${level.slice(1)}.notify' failed to satisfy constraint: Member must not be null`);
    if (!['BLOCK', 'MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'NO_ACTION'].includes(a.EventAction as string)) throw errors.invalidParameter(`1 validation error detected: Value at 'accountTakeoverRiskConfiguration.actions.${level[0]!.toLowerCase()}${level.slice(1)}.eventAction' failed to satisfy constraint: Member must satisfy enum value set: [BLOCK, MFA_IF_CONFIGURED, MFA_REQUIRED, NO_ACTION]`);
    notifies ||= a.Notify;
  }
  const notify = optObject(t, 'NotifyConfiguration');
  if (notifies && !notify) throw errors.invalidParameter('NotifyConfiguration is required when an action notifies the user.');
  if (notify && (typeof notify.SourceArn !== 'string' || !notify.SourceArn.startsWith('arn:'))) throw errors.invalidParameter("1 validation error detected: Value null at 'accountTakeoverRiskConfiguration.notifyConfiguration.sourceArn' failed to satisfy constraint: Member must not be null");
}

function checkExceptions(e: Input): void {
  for (const k of ['BlockedIPRangeList', 'SkippedIPRangeList']) {
    const list = e[k];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > 200) throw errors.invalidParameter(`1 validation error detected: Value at 'riskExceptionConfiguration.${k[0]!.toLowerCase()}${k.slice(1)}' failed to satisfy constraint: Member must have length less than or equal to 200`);
    for (const r of list) if (typeof r !== 'string' || !CIDR.test(r)) throw errors.invalidParameter(`Invalid IP range ${typeof r === 'string' ? r.slice(0, 64) : ''}: use CIDR notation.`);
  }
}

function describe(pool: Pool, clientId: string, r: RiskConfiguration | undefined) {
  return {
    RiskConfiguration: {
      UserPoolId: pool.id,
      ...(clientId !== 'ALL' ? { ClientId: clientId } : {}),
      ...(r?.compromised ? { CompromisedCredentialsRiskConfiguration: structuredClone(r.compromised) } : {}),
      ...(r?.takeover ? { AccountTakeoverRiskConfiguration: structuredClone(r.takeover) } : {}),
      ...(r?.exceptions ? { RiskExceptionConfiguration: structuredClone(r.exceptions) } : {}),
      ...(r ? { LastModifiedDate: epochSeconds(r.modifiedAt) } : {}),
    },
  };
}

/** SetRiskConfiguration: only the UserPoolId (and ClientId) resets to defaults / the pool's. */
export function setRiskConfiguration(ctx: Ctx, input: Input) {
  const { pool, clientId } = poolOrClientTarget(ctx, input);
  const compromised = optObject(input, 'CompromisedCredentialsRiskConfiguration');
  const takeover = optObject(input, 'AccountTakeoverRiskConfiguration');
  const exceptions = optObject(input, 'RiskExceptionConfiguration');
  if (compromised) checkCompromised(compromised);
  if (takeover) checkTakeover(takeover);
  if (exceptions) {
    checkExceptions(exceptions);
    if (clientId !== 'ALL') throw errors.invalidParameter('RiskExceptionConfiguration can only be set for the user pool, not for an app client.');
  }
  if (!addOnsEnabled(pool)) throw notEnabled();
  const all = (pool.riskConfigurations ??= new Map());
  if (!compromised && !takeover && !exceptions) {
    all.delete(clientId);
    return describe(pool, clientId, clientId === 'ALL' ? undefined : all.get('ALL'));
  }
  const entry: RiskConfiguration = { compromised: compromised && structuredClone(compromised), takeover: takeover && structuredClone(takeover), exceptions: exceptions && structuredClone(exceptions), modifiedAt: ctx.clock.now() };
  all.set(clientId, entry);
  return describe(pool, clientId, entry);
}

/** DescribeRiskConfiguration: a client without its own answers the pool's. */
export function describeRiskConfiguration(ctx: Ctx, input: Input) {
  const { pool, clientId } = poolOrClientTarget(ctx, input);
  if (!addOnsEnabled(pool)) throw notEnabled();
  const all = pool.riskConfigurations;
  return describe(pool, clientId, all?.get(clientId) ?? all?.get('ALL'));
}

// The key of the feedback tokens: they would reach users in risk notification emails, which
// the emulator never sends, so no client can hold a valid one.
const FEEDBACK_KEY = randomBytes(32);

function feedbackValue(input: Input): 'Valid' | 'Invalid' {
  const v = reqString(input, 'FeedbackValue');
  if (v !== 'Valid' && v !== 'Invalid') throw errors.invalidParameter("1 validation error detected: Value at 'feedbackValue' failed to satisfy constraint: Member must satisfy enum value set: [Valid, Invalid]");
  return v;
}

function eventOf(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const eventId = reqString(input, 'EventId', { max: 50 });
  const value = feedbackValue(input);
  if (!addOnsEnabled(pool)) throw notEnabled();
  const event = findAuthEvent(user, eventId);
  if (!event) throw errors.resourceNotFound('Auth event does not exist.');
  return { event, value };
}

/** AdminUpdateAuthEventFeedback. */
export function adminUpdateAuthEventFeedback(ctx: Ctx, input: Input) {
  const { event, value } = eventOf(ctx, input);
  event.feedback = { value, provider: 'Admin', at: ctx.clock.now() };
  return {};
}

/** UpdateAuthEventFeedback: needs the FeedbackToken of a risk notification. */
export function updateAuthEventFeedback(ctx: Ctx, input: Input) {
  const token = reqString(input, 'FeedbackToken');
  const { event, value } = eventOf(ctx, input);
  const expected = createHmac('sha256', FEEDBACK_KEY).update(event.id).digest('base64url');
  if (token !== expected) throw errors.notAuthorized('Invalid feedback token.');
  event.feedback = { value, provider: 'User', at: ctx.clock.now() };
  return {};
}
