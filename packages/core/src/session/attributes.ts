/**
 * Amplify JS v6's user-attribute calls, with the stored session's access token.
 * @module
 */
import type { Auth } from '../auth.js';
import { deliveryDetails } from '../account.js';
import { validationError } from '../fail.js';
import type { CodeDeliveryDetails } from '../types.js';
import { checkCode } from '../validate.js';
import { callWithAccessToken as withAccessToken } from './access.js';
import type {
  ConfirmUserAttributeInput,
  DeleteUserAttributesInput,
  SendUserAttributeVerificationCodeInput,
  UpdateUserAttributeInput,
  UpdateUserAttributeOutput,
  UpdateUserAttributesInput,
  UpdateUserAttributesOutput,
  UserAttributes,
  AccessCallOptions,
} from './types.js';

function attributeKey(key: unknown, name = 'EmptyUserAttributeKey'): string {
  if (typeof key !== 'string' || key.trim() === '') throw validationError(name, 'The attribute name is empty.');
  return key;
}

function metadataOf(options: { clientMetadata?: Record<string, string> } | undefined) {
  return options?.clientMetadata ? { ClientMetadata: { ...options.clientMetadata } } : {};
}

/** The user's attributes (GetUser), as `{ name: value }` (Amplify's `fetchUserAttributes`). */
export async function fetchUserAttributes(auth: Auth<any>, options: AccessCallOptions = {}): Promise<UserAttributes> {
  const { output } = await withAccessToken(auth, options, 'GetUser', {});
  const out: UserAttributes = {};
  for (const a of (output.UserAttributes ?? []) as { Name: string; Value?: string }[]) out[a.Name] = a.Value ?? '';
  return out;
}

/**
 * Updates attributes (UpdateUserAttributes). An attribute that needs verification (email,
 * phone) answers `CONFIRM_ATTRIBUTE_WITH_CODE` with where the code went; the rest `DONE`.
 */
export async function updateUserAttributes(auth: Auth<any>, input: UpdateUserAttributesInput): Promise<UpdateUserAttributesOutput> {
  const attributes = input?.userAttributes;
  if (!attributes || typeof attributes !== 'object' || Object.keys(attributes).length === 0) {
    throw validationError('EmptyUpdateUserAttributes', 'Give at least one attribute to update.');
  }
  for (const [k, v] of Object.entries(attributes)) {
    attributeKey(k);
    if (typeof v !== 'string') throw validationError('InvalidUserAttributeValue', `The value of ${k} must be a string.`);
  }
  const { output } = await withAccessToken(auth, input, 'UpdateUserAttributes', {
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    ...metadataOf(input.options),
  });
  const pending = new Map<string, CodeDeliveryDetails>();
  for (const d of (output.CodeDeliveryDetailsList ?? []) as Record<string, any>[]) {
    if (typeof d.AttributeName === 'string') pending.set(d.AttributeName, deliveryDetails(d) ?? {});
  }
  const result: UpdateUserAttributesOutput = {};
  for (const key of Object.keys(attributes)) {
    const details = pending.get(key);
    result[key] = details
      ? { isUpdated: false, nextStep: { updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE', codeDeliveryDetails: details } }
      : { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } };
  }
  return result;
}

/** Updates one attribute (Amplify's `updateUserAttribute`). */
export async function updateUserAttribute(auth: Auth<any>, input: UpdateUserAttributeInput): Promise<UpdateUserAttributeOutput> {
  const key = attributeKey(input?.userAttribute?.attributeKey);
  const out = await updateUserAttributes(auth, {
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
    userAttributes: { [key]: input.userAttribute.value },
    ...(input.options ? { options: input.options } : {}),
  });
  return out[key]!;
}

/** Verifies an attribute with the code sent to it (VerifyUserAttribute). */
export async function confirmUserAttribute(auth: Auth<any>, input: ConfirmUserAttributeInput): Promise<void> {
  const key = attributeKey(input?.userAttributeKey);
  const code = checkCode(input.confirmationCode, [6, 7, 8], 'confirmation code', 'EmptyConfirmUserAttributeCode');
  await withAccessToken(auth, input, 'VerifyUserAttribute', { AttributeName: key, Code: code });
}

/** Sends a verification code to an attribute (GetUserAttributeVerificationCode). */
export async function sendUserAttributeVerificationCode(auth: Auth<any>, input: SendUserAttributeVerificationCodeInput): Promise<CodeDeliveryDetails> {
  const key = attributeKey(input?.userAttributeKey);
  const { output } = await withAccessToken(auth, input, 'GetUserAttributeVerificationCode', { AttributeName: key, ...metadataOf(input.options) });
  return deliveryDetails(output.CodeDeliveryDetails) ?? {};
}

/** Deletes attributes (DeleteUserAttributes). */
export async function deleteUserAttributes(auth: Auth<any>, input: DeleteUserAttributesInput): Promise<void> {
  const keys = input?.userAttributeKeys;
  if (!Array.isArray(keys) || keys.length === 0) throw validationError('EmptyUserAttributeKeys', 'Give at least one attribute name.');
  for (const k of keys) attributeKey(k);
  await withAccessToken(auth, input, 'DeleteUserAttributes', { UserAttributeNames: [...keys] });
}
