/** User migration: a user the pool does not know, created from what the trigger answers. */
import { randomBytes } from 'node:crypto';
import type { Ctx } from './context.js';
import { userMigration } from './lambda-triggers.js';
import { newUser, newUserIdentity, setPassword, type AppClient, type Pool, type User } from './model.js';

/**
 * Asks the user-migration trigger about `given` (the USERNAME of a sign-in or a
 * ForgotPassword). When it answers with attributes, the user is created: on sign-in with the
 * password just given and `finalUserStatus` (CONFIRMED unless RESET_REQUIRED), on
 * ForgotPassword as RESET_REQUIRED. A welcome message goes out unless `messageAction` is SUPPRESS.
 */
export async function migrateUser(ctx: Ctx, pool: Pool, client: AppClient, given: string, args: { password?: string; validationData: Record<string, string>; clientMetadata: Record<string, string> }): Promise<User | undefined> {
  if (!pool.triggers.userMigration) return undefined;
  const source = args.password === undefined ? 'UserMigration_ForgotPassword' : 'UserMigration_Authentication';
  const migrated = await userMigration(ctx, pool, { clientId: client.id, userName: given, password: args.password, source, validationData: args.validationData, clientMetadata: args.clientMetadata });
  if (!migrated) return undefined;
  let identity;
  try {
    identity = newUserIdentity(pool, given, migrated.attributes);
  } catch {
    // A name this pool cannot hold (e.g. not an email in an email-username pool): no such user.
    return undefined;
  }
  const now = ctx.clock.now();
  const user = newUser(identity.username, now, identity.attributes);
  setPassword(pool, user, args.password ?? randomBytes(24).toString('base64'), now);
  user.status = args.password === undefined ? 'RESET_REQUIRED' : (migrated.finalUserStatus ?? 'CONFIRMED');
  pool.users.set(user.username, user);
  if (migrated.messageAction !== 'SUPPRESS') {
    const email = user.attributes.email;
    const phone = user.attributes.phone_number;
    const medium = migrated.desiredDeliveryMediums.includes('SMS') && phone ? 'SMS' : email ? 'EMAIL' : phone ? 'SMS' : undefined;
    if (medium) ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium, destination: medium === 'EMAIL' ? email! : phone!, code: '', purpose: 'WELCOME', at: now });
  }
  return user;
}
