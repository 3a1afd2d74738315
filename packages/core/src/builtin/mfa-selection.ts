/**
 * SELECT_MFA_TYPE → CONTINUE_SIGN_IN_WITH_MFA_SELECTION and MFA_SETUP →
 * CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION (or straight to the one setup step). Only MFA
 * types whose plugin is installed are offered; with none, the step goes to the default handler.
 * @module
 */
import { validationError } from '../fail.js';
import { MFA_TYPES, mfaTypeOf, parseJsonList, type MfaTypeInfo } from '../mfa-table.js';
import type { MfaType, NextstepPlugin, StepAnswer, StepContext, StepDescriptor, StepHandler, StepOutcome } from '../types.js';
import { BUILTIN_API, descriptor, type BuiltinEnv } from './env.js';

const SELECTION = 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION';
const SETUP_SELECTION = 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION';

function offered(ctx: StepContext): MfaType[] {
  return [...((ctx.step.data.allowedMFATypes as MfaType[]) ?? [])];
}

/** The offered type the answer names (`TOTP` or `SOFTWARE_TOKEN_MFA`); throws when not offered. */
function chosen(answer: StepAnswer | undefined, ctx: StepContext): MfaTypeInfo {
  const allowed = offered(ctx);
  const info = typeof answer === 'string' ? mfaTypeOf(answer.trim().toUpperCase()) : undefined;
  if (!info || !allowed.includes(info.type)) {
    throw validationError('IncorrectMFAMethod', `Choose one of the offered MFA types: ${allowed.join(', ')}.`, {
      allowedMFATypes: allowed,
    });
  }
  return info;
}

/** The setup step descriptor for one MFA type, answering Cognito's MFA_SETUP. */
function setupStep(info: MfaTypeInfo, parameters: Record<string, string>): StepDescriptor {
  return { type: info.setupStep!, challengeName: 'MFA_SETUP', parameters, data: { mfaType: info.type } };
}

/** The two selection steps differ only in their name and in what the chosen type leads to. */
function selection(
  plugin: string,
  env: BuiltinEnv,
  signInStep: typeof SELECTION | typeof SETUP_SELECTION,
  outcome: (info: MfaTypeInfo, ctx: StepContext) => StepOutcome,
): StepHandler {
  return {
    plugin,
    view: (ctx) => ({ signInStep, allowedMFATypes: offered(ctx) }),
    auto: (ctx) => env.autoSelectSingleMfa && offered(ctx).length === 1,
    validate: (answer, ctx) => void chosen(answer, ctx),
    async answer(answer, ctx) {
      return outcome(answer === undefined ? mfaTypeOf(offered(ctx)[0]!)! : chosen(answer, ctx), ctx);
    },
  };
}

/** Built-in plugin for MFA selection and MFA setup selection. */
export function mfaSelectionPlugin(env: BuiltinEnv): NextstepPlugin {
  const name = '@nextstep/core/mfa-selection';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      {
        type: SELECTION,
        handler: selection(name, env, SELECTION, (info) => ({ kind: 'respond', challengeResponses: { ANSWER: info.challengeName } })),
      },
      {
        type: SETUP_SELECTION,
        handler: selection(name, env, SETUP_SELECTION, (info, ctx) => ({ kind: 'step', step: setupStep(info, ctx.step.parameters) })),
      },
    ],
    apply({ hooks }) {
      hooks.challenge.for('SELECT_MFA_TYPE').tap(name, (input) => {
        const can = parseJsonList(input.parameters.MFAS_CAN_CHOOSE)
          .map(mfaTypeOf)
          .filter((m): m is MfaTypeInfo => m !== undefined);
        const allowed = can.filter((m) => env.installed(m.codeStep)).map((m) => m.type);
        return allowed.length === 0
          ? descriptor(input, input.challengeName, { stepType: SELECTION, ...(can[0] ? { suggestedPlugin: can[0].plugin } : {}) })
          : descriptor(input, SELECTION, { allowedMFATypes: allowed });
      });

      hooks.challenge.for('MFA_SETUP').tap(name, (input) => {
        const can = parseJsonList(input.parameters.MFAS_CAN_SETUP)
          .map(mfaTypeOf)
          .filter((m): m is MfaTypeInfo => m !== undefined && m.setupStep !== undefined);
        const installed = can.filter((m) => env.installed(m.setupStep!));
        if (installed.length === 1) return setupStep(installed[0]!, input.parameters);
        if (installed.length > 1) return descriptor(input, SETUP_SELECTION, { allowedMFATypes: installed.map((m) => m.type) });
        const first = can[0] ?? MFA_TYPES.find((m) => m.setupStep);
        return descriptor(input, input.challengeName, {
          stepType: can.length === 1 ? first!.setupStep : SETUP_SELECTION,
          ...(first ? { suggestedPlugin: first.plugin } : {}),
        });
      });
    },
  };
}
