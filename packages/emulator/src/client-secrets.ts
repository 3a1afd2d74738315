/**
 * Client secret rotation: AddUserPoolClientSecret, ListUserPoolClientSecrets,
 * DeleteUserPoolClientSecret. A confidential client holds up to two secrets; SECRET_HASH made
 * with either verifies. The first is the one DescribeUserPoolClient shows; the last cannot be
 * deleted.
 */
import type { Ctx } from './context.js';
import { epochSeconds } from './context.js';
import { CognitoError, errors } from './errors.js';
import { newClientSecret, type AppClient } from './model.js';
import { optString, reqString, poolOf, type Input } from './params.js';

/** One secret of a client. */
export interface ClientSecret {
  id: string;
  value: string;
  createdAt: number;
}

const MAX_SECRETS = 2;

/** The client's secrets, the primary (`client.secret`) first. */
export function clientSecrets(client: AppClient): ClientSecret[] {
  if (!client.secret) return [];
  const extra = client.extraSecrets ?? [];
  const createdAt = client.secretCreatedAt ?? client.createdAt;
  return [{ id: `${client.id}--${epochSeconds(createdAt)}`, value: client.secret, createdAt }, ...extra];
}

function clientOf(ctx: Ctx, input: Input): AppClient {
  const pool = poolOf(ctx, input);
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const client = pool.clients.get(clientId);
  if (!client) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

function descriptor(s: ClientSecret, withValue: boolean) {
  return { ClientSecretId: s.id, ...(withValue ? { ClientSecretValue: s.value } : {}), ClientSecretCreateDate: epochSeconds(s.createdAt) };
}

/** AddUserPoolClientSecret: the value is answered only when the emulator made it. */
export function addUserPoolClientSecret(ctx: Ctx, input: Input) {
  const client = clientOf(ctx, input);
  const given = optString(input, 'ClientSecret', { min: 24, max: 64 });
  if (given !== undefined && !/^[\w+]+$/.test(given)) throw errors.invalidParameter("1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+");
  if (!client.secret) throw errors.invalidParameter('The app client has no client secret: only confidential clients can add secrets.');
  if (clientSecrets(client).length >= MAX_SECRETS) throw new CognitoError('LimitExceededException', `An app client can have at most ${MAX_SECRETS} client secrets.`);
  const now = ctx.clock.now();
  let at = epochSeconds(now);
  // Ids are <client id>--<creation second>: two in one second get the next second.
  while (clientSecrets(client).some((s) => s.id === `${client.id}--${at}`)) at += 1;
  const secret: ClientSecret = { id: `${client.id}--${at}`, value: given ?? newClientSecret(), createdAt: at * 1000 };
  client.extraSecrets = [...(client.extraSecrets ?? []), secret];
  return { ClientSecretDescriptor: descriptor(secret, given === undefined) };
}

/** ListUserPoolClientSecrets: ids and dates, never values. */
export function listUserPoolClientSecrets(ctx: Ctx, input: Input) {
  const client = clientOf(ctx, input);
  optString(input, 'NextToken');
  return { ClientSecrets: clientSecrets(client).map((s) => descriptor(s, false)) };
}

/** DeleteUserPoolClientSecret: never the last one; deleting the primary promotes the other. */
export function deleteUserPoolClientSecret(ctx: Ctx, input: Input) {
  const client = clientOf(ctx, input);
  const id = reqString(input, 'ClientSecretId', { max: 128 });
  const all = clientSecrets(client);
  const target = all.find((s) => s.id === id);
  if (!target) throw errors.resourceNotFound(`Client secret ${id} does not exist.`);
  if (all.length === 1) throw errors.invalidParameter('The last client secret of an app client cannot be deleted.');
  const rest = all.filter((s) => s !== target);
  client.secret = rest[0]!.value;
  client.secretCreatedAt = rest[0]!.createdAt;
  client.extraSecrets = rest.slice(1);
  return {};
}
