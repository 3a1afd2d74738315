/**
 * SetUICustomization / GetUICustomization: the classic hosted UI's CSS and logo, per pool
 * (`ClientId` ALL or left out) or per app client. Kept and echoed; nothing serves the UI.
 */
import { epochSeconds, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import { optString, poolOrClientTarget, type Input } from './params.js';

/** One stored customization (`clientId` ALL: the pool's default). */
export interface UiCustomization {
  clientId: string;
  css?: string;
  /** The logo, base64 as the request carried it. */
  image?: string;
  createdAt: number;
  modifiedAt: number;
}

function describe(pool: Pool, clientId: string, c: UiCustomization | undefined) {
  const host = pool.settings.domain && (pool.settings.customDomain ? pool.settings.domain : `${pool.settings.domain}.auth.${pool.id.split('_')[0]}.amazoncognito.com`);
  return {
    UICustomization: {
      UserPoolId: pool.id,
      ClientId: clientId,
      ...(c?.image && host ? { ImageUrl: `https://${host}/${pool.id}/${c.clientId}/${c.modifiedAt}/assets/images/image.jpg` } : {}),
      ...(c?.css !== undefined ? { CSS: c.css, CSSVersion: String(c.modifiedAt) } : {}),
      ...(c ? { LastModifiedDate: epochSeconds(c.modifiedAt), CreationDate: epochSeconds(c.createdAt) } : {}),
    },
  };
}

/** SetUICustomization: the pool needs a domain first, as in Cognito. */
export function setUiCustomization(ctx: Ctx, input: Input) {
  const { pool, clientId } = poolOrClientTarget(ctx, input);
  const css = optString(input, 'CSS', { min: 0, max: 131_072 });
  const image = optString(input, 'ImageFile', { min: 0, max: 175_000 });
  if (!pool.settings.domain) throw errors.invalidParameter('There has to be an existing domain associated with this user pool');
  if (image !== undefined) {
    const bytes = Buffer.from(image, 'base64');
    if (bytes.length > 131_072) throw errors.invalidParameter("1 validation error detected: Value at 'imageFile' failed to satisfy constraint: Member must have length less than or equal to 131072");
    const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    if (bytes.length && !png && !jpeg) throw errors.invalidParameter('The image file must be a PNG or JPEG image.');
  }
  if (css !== undefined && /<\/?\s*(script|style)|javascript:|expression\s*\(/i.test(css)) throw new CognitoError('InvalidParameterException', 'The CSS contains unsupported content.');
  const all = (pool.uiCustomizations ??= new Map());
  const now = ctx.clock.now();
  const previous = all.get(clientId);
  const entry: UiCustomization = { clientId, css, image: image || undefined, createdAt: previous?.createdAt ?? now, modifiedAt: now };
  all.set(clientId, entry);
  return describe(pool, clientId, entry);
}

/** GetUICustomization: a client without its own answers the pool's default. */
export function getUiCustomization(ctx: Ctx, input: Input) {
  const { pool, clientId } = poolOrClientTarget(ctx, input);
  const all = pool.uiCustomizations;
  return describe(pool, clientId, all?.get(clientId) ?? all?.get('ALL'));
}
