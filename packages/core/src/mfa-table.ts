/**
 * Core's table of MFA types, Cognito challenge names, step types and the plugins that
 * claim them. Mappers, selection steps and the default handlers all read it.
 * @module
 */
import type { MfaType, SignInStepName } from './types.js';

/** One MFA type's names across Amplify, Cognito and nextstep. */
export interface MfaTypeInfo {
  readonly type: MfaType;
  /** Cognito's name in MFAS_CAN_CHOOSE / MFAS_CAN_SETUP / SELECT_MFA_TYPE's ANSWER. */
  readonly challengeName: string;
  /** The step that asks for the code. */
  readonly codeStep: SignInStepName;
  /** The step that sets the type up during sign-in, when Cognito allows it. */
  readonly setupStep?: SignInStepName;
  /** The package that claims these steps. */
  readonly plugin: string;
}

/** SMS, TOTP and EMAIL in Amplify's order. */
export const MFA_TYPES: readonly MfaTypeInfo[] = Object.freeze([
  { type: 'SMS', challengeName: 'SMS_MFA', codeStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', plugin: '@nextstep/plugin-sms' },
  {
    type: 'TOTP',
    challengeName: 'SOFTWARE_TOKEN_MFA',
    codeStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    setupStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
    plugin: '@nextstep/plugin-totp',
  },
  {
    type: 'EMAIL',
    challengeName: 'EMAIL_OTP',
    codeStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
    setupStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP',
    plugin: '@nextstep/plugin-email',
  },
] satisfies MfaTypeInfo[]);

/** The MFA type for a Cognito name (`SMS_MFA`) or an Amplify name (`SMS`); undefined otherwise. */
export function mfaTypeOf(name: string): MfaTypeInfo | undefined {
  return MFA_TYPES.find((m) => m.type === name || m.challengeName === name);
}

/** The package that handles a step type, when core knows one (read from {@link MFA_TYPES}, plus custom challenges). */
export function pluginForStep(stepType: string): string | undefined {
  if (stepType === 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') return '@nextstep/plugin-custom-challenge';
  return MFA_TYPES.find((m) => m.codeStep === stepType || m.setupStep === stepType)?.plugin;
}

/** Parses a ChallengeParameters value that holds a JSON list (`MFAS_CAN_CHOOSE`); [] when absent or malformed. */
export function parseJsonList(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
