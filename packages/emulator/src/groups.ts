/**
 * Groups: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, AdminAddUserToGroup,
 * AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup; and the group claims
 * of tokens (`cognito:groups`, `cognito:roles`, `cognito:preferred_role`).
 */
import { epochSeconds, existingUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool, User } from './model.js';
import { paginate } from './pagination.js';
import { optNumber, optString, reqString, type Input } from './params.js';
import { userDescription } from './admin.js';

/** A group of a pool; `members` holds user names. */
export interface Group {
  name: string;
  description?: string;
  roleArn?: string;
  precedence?: number;
  createdAt: number;
  modifiedAt: number;
  members: Set<string>;
}

const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const ROLE_ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
const MAX_PAGE = 60;

function groupType(pool: Pool, g: Group) {
  return {
    GroupName: g.name,
    UserPoolId: pool.id,
    ...(g.description !== undefined ? { Description: g.description } : {}),
    ...(g.roleArn !== undefined ? { RoleArn: g.roleArn } : {}),
    ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
    LastModifiedDate: epochSeconds(g.modifiedAt),
    CreationDate: epochSeconds(g.createdAt),
  };
}

function groupName(input: Input): string {
  const name = reqString(input, 'GroupName', { max: 128 });
  if (!GROUP_NAME.test(name)) throw errors.invalidParameter("1 validation error detected: Value at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  return name;
}

function groupOf(pool: Pool, name: string): Group {
  const g = pool.groups.get(name);
  if (!g) throw errors.resourceNotFound('Group not found.');
  return g;
}

/** Description, RoleArn and Precedence of CreateGroup / UpdateGroup (undefined: not given). */
function groupFields(input: Input) {
  const description = optString(input, 'Description', { min: 0, max: 2048 });
  const roleArn = optString(input, 'RoleArn', { min: 20, max: 2048 });
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) throw errors.invalidParameter("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
  const precedence = optNumber(input, 'Precedence');
  if (precedence !== undefined && (!Number.isInteger(precedence) || precedence < 0 || precedence > 2 ** 31 - 1)) throw errors.invalidParameter("1 validation error detected: Value at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0");
  return { description, roleArn, precedence };
}

/** CreateGroup. */
export function createGroup(ctx: Ctx, input: Input) {
  const name = groupName(input);
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const fields = groupFields(input);
  if (pool.groups.has(name)) throw new CognitoError('GroupExistsException', 'A group with the name already exists.');
  const now = ctx.clock.now();
  const g: Group = { name, ...fields, createdAt: now, modifiedAt: now, members: new Set() };
  pool.groups.set(name, g);
  return { Group: groupType(pool, g) };
}

/** GetGroup. */
export function getGroup(ctx: Ctx, input: Input) {
  const name = groupName(input);
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  return { Group: groupType(pool, groupOf(pool, name)) };
}

/** ListGroups (Limit up to 60, NextToken). */
export function listGroups(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const { page, next } = paginate(input, [...pool.groups.values()], { limitMember: 'Limit', tokenMember: 'NextToken', max: MAX_PAGE, scope: `groups/${pool.id}` });
  return { Groups: page.map((g) => groupType(pool, g)), ...(next ? { NextToken: next } : {}) };
}

/** UpdateGroup: members left out of the request stay as they are. */
export function updateGroup(ctx: Ctx, input: Input) {
  const name = groupName(input);
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const g = groupOf(pool, name);
  const { description, roleArn, precedence } = groupFields(input);
  if (description !== undefined) g.description = description;
  if (roleArn !== undefined) g.roleArn = roleArn;
  if (precedence !== undefined) g.precedence = precedence;
  g.modifiedAt = ctx.clock.now();
  return { Group: groupType(pool, g) };
}

/** DeleteGroup. */
export function deleteGroup(ctx: Ctx, input: Input) {
  const name = groupName(input);
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  groupOf(pool, name);
  pool.groups.delete(name);
  return {};
}

/** AdminAddUserToGroup (adding a member twice is not an error). */
export function adminAddUserToGroup(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  groupOf(pool, groupName(input)).members.add(user.username);
  return {};
}

/** AdminRemoveUserFromGroup. */
export function adminRemoveUserFromGroup(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  groupOf(pool, groupName(input)).members.delete(user.username);
  return {};
}

/** The groups of a user, by precedence (lowest first, groups without one last), then name. */
export function groupsOf(pool: Pool, user: User): Group[] {
  const mine = [...pool.groups.values()].filter((g) => g.members.has(user.username));
  return mine.sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** AdminListGroupsForUser (Limit up to 60, NextToken). */
export function adminListGroupsForUser(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const { page, next } = paginate(input, groupsOf(pool, user), { limitMember: 'Limit', tokenMember: 'NextToken', max: MAX_PAGE, scope: `user-groups/${pool.id}/${user.username}` });
  return { Groups: page.map((g) => groupType(pool, g)), ...(next ? { NextToken: next } : {}) };
}

/** ListUsersInGroup (Limit up to 60, NextToken). */
export function listUsersInGroup(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const g = groupOf(pool, groupName(input));
  const users = [...g.members].map((n) => pool.users.get(n)).filter((u): u is User => !!u);
  const { page, next } = paginate(input, users, { limitMember: 'Limit', tokenMember: 'NextToken', max: MAX_PAGE, scope: `group-users/${pool.id}/${g.name}` });
  return { Users: page.map(userDescription), ...(next ? { NextToken: next } : {}) };
}

/** Drops a deleted user from every group (a new user of the same name starts in none). */
export function forgetMember(pool: Pool, username: string): void {
  for (const g of pool.groups.values()) g.members.delete(username);
}

/**
 * The group claims of a member's tokens. `cognito:preferred_role` is the role of the group
 * with the lowest precedence; groups tied at that precedence with different roles leave it out.
 */
export function groupClaims(pool: Pool, user: User): { id: Record<string, unknown>; access: Record<string, unknown> } {
  const groups = groupsOf(pool, user);
  if (groups.length === 0) return { id: {}, access: {} };
  const names = groups.map((g) => g.name);
  const roles = [...new Set(groups.map((g) => g.roleArn).filter((r): r is string => !!r))];
  const id: Record<string, unknown> = { 'cognito:groups': names };
  if (roles.length) id['cognito:roles'] = roles;
  const ranked = groups.filter((g) => g.roleArn && g.precedence !== undefined);
  const pool0 = ranked.length ? ranked : groups.filter((g) => g.roleArn);
  if (pool0.length) {
    const best = pool0[0]!.precedence;
    const tied = new Set(pool0.filter((g) => g.precedence === best).map((g) => g.roleArn));
    if (tied.size === 1) id['cognito:preferred_role'] = [...tied][0];
  }
  return { id, access: { 'cognito:groups': names } };
}
