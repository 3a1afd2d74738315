/**
 * Resource servers and their custom scopes: Create/Describe/List/Update/DeleteResourceServer.
 * App clients may name their scopes as `<identifier>/<scope>` in AllowedOAuthScopes.
 */
import type { Ctx } from './context.js';
import { errors } from './errors.js';
import type { Pool } from './model.js';
import { paginate } from './pagination.js';
import { reqString, type Input } from './params.js';

export interface ResourceServer {
  identifier: string;
  name: string;
  scopes: { ScopeName: string; ScopeDescription: string }[];
}

const MAX_SCOPES = 100;

function serverType(pool: Pool, s: ResourceServer) {
  return { UserPoolId: pool.id, Identifier: s.identifier, Name: s.name, Scopes: s.scopes.map((x) => ({ ...x })) };
}

function parseScopes(input: Input): ResourceServer['scopes'] {
  const v = input.Scopes;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw errors.invalidParameter("1 validation error detected: Value at 'scopes' failed to satisfy constraint: Member must be a list");
  if (v.length > MAX_SCOPES) throw errors.invalidParameter(`1 validation error detected: Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SCOPES}`);
  const seen = new Set<string>();
  return v.map((raw) => {
    const s = raw as Input;
    if (!s || typeof s.ScopeName !== 'string' || !/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(s.ScopeName)) throw errors.invalidParameter("1 validation error detected: Value at 'scopes.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");
    if (typeof s.ScopeDescription !== 'string' || s.ScopeDescription.length < 1 || s.ScopeDescription.length > 256) throw errors.invalidParameter("1 validation error detected: Value at 'scopes.member.scopeDescription' failed to satisfy constraint: Member must have length between 1 and 256");
    if (seen.has(s.ScopeName)) throw errors.invalidParameter(`Duplicate scope names in the request: ${s.ScopeName}`);
    seen.add(s.ScopeName);
    return { ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription };
  });
}

function identifierOf(input: Input): string {
  const id = reqString(input, 'Identifier', { max: 256 });
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(id)) throw errors.invalidParameter("1 validation error detected: Value at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+");
  return id;
}

function serverOf(pool: Pool, identifier: string): ResourceServer {
  const s = pool.resourceServers.get(identifier);
  if (!s) throw errors.resourceNotFound(`ResourceServer with identifier ${identifier} does not exist for user pool ${pool.id}`);
  return s;
}

/** CreateResourceServer. */
export function createResourceServer(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const identifier = identifierOf(input);
  const name = reqString(input, 'Name', { max: 256 });
  const scopes = parseScopes(input);
  if (pool.resourceServers.has(identifier)) throw errors.invalidParameter(`${identifier} already exists in user pool ${pool.id}.`);
  const s: ResourceServer = { identifier, name, scopes };
  pool.resourceServers.set(identifier, s);
  return { ResourceServer: serverType(pool, s) };
}

/** DescribeResourceServer. */
export function describeResourceServer(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  return { ResourceServer: serverType(pool, serverOf(pool, identifierOf(input))) };
}

/** ListResourceServers (MaxResults 1..50, NextToken). */
export function listResourceServers(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const { page, next } = paginate(input, [...pool.resourceServers.values()], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 50, min: 1, scope: `servers/${pool.id}` });
  return { ResourceServers: page.map((s) => serverType(pool, s)), ...(next ? { NextToken: next } : {}) };
}

/** UpdateResourceServer: name and scopes are replaced (scopes left out are removed). */
export function updateResourceServer(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const s = serverOf(pool, identifierOf(input));
  const name = reqString(input, 'Name', { max: 256 });
  const scopes = parseScopes(input);
  s.name = name;
  s.scopes = scopes;
  return { ResourceServer: serverType(pool, s) };
}

/** DeleteResourceServer. */
export function deleteResourceServer(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const s = serverOf(pool, identifierOf(input));
  pool.resourceServers.delete(s.identifier);
  return {};
}

