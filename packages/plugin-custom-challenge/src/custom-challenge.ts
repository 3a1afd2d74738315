import { AuthError, configError, PLUGIN_API_VERSION, validationError } from '@nextstep/core/plugin';
import type {
  CustomChallengeStep,
  NextstepPlugin,
  StepAnswer,
  StepContext,
  StepDescriptor,
  StepHandler,
  StepOutcome,
} from '@nextstep/core/plugin';
import type { ChallengeKindHandler, CustomAnswer, CustomChallenge } from './kinds.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** The step this plugin handles (Cognito's CUSTOM_CHALLENGE). */
export const CUSTOM_CHALLENGE_STEP = 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';

/** Options of {@link customChallenge}. */
export interface CustomChallengeOptions {
  /** The public challenge parameter naming the kind of a challenge. Default `challengeType`. */
  kindParameter?: string;
  /** Handlers by kind; more can be added with `register`. */
  handlers?: Record<string, ChallengeKindHandler>;
  /**
   * What happens to a challenge whose kind has no handler: `default-handler` (the default)
   * leaves it unclaimed, so the app's default handler receives it; `answer` treats it as a
   * plain custom challenge answered with the app's string. A challenge that names no kind is
   * always a plain custom challenge.
   */
  unknownKinds?: 'default-handler' | 'answer';
}

/** The plugin {@link customChallenge} returns: a {@link NextstepPlugin} that takes more handlers. */
export interface CustomChallengePlugin extends NextstepPlugin<CustomChallengeStep> {
  /**
   * Adds (or replaces) the handler of a kind. Works before or after `createAuth`: the kind is
   * looked up each time a challenge arrives. Returns the plugin, for chaining.
   */
  register(kind: string, handler: ChallengeKindHandler): CustomChallengePlugin;
  /** The kinds with a handler. */
  kinds(): string[];
}

/** Builds the validation error a kind handler throws to refuse an answer. */
export function invalidAnswer(message: string, recoverySuggestion?: string): AuthError {
  return new AuthError('InvalidChallengeAnswer', message, {
    kind: 'validation',
    ...(recoverySuggestion ? { recoverySuggestion } : {}),
  });
}

/** The plain handling: the app's string becomes ANSWER. */
const plain: ChallengeKindHandler = {};

/**
 * The custom-challenge plugin: claims `CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE` (Cognito's
 * CUSTOM_CHALLENGE from custom-auth triggers, with CUSTOM_WITH_SRP or CUSTOM_WITHOUT_SRP) and
 * shows the public parameters as `additionalInfo`.
 *
 * Challenges are dispatched by kind (the public parameter `kindParameter` names it) to
 * handlers the app or third parties register: a captcha, a security question, a magic link,
 * over as many rounds as the triggers ask. A handler may transform or check the answer, add
 * ClientMetadata, or answer by itself (`auto`). A kind nobody handles reaches the app's default
 * handler (see {@link CustomChallengeOptions.unknownKinds}).
 *
 * @example
 * ```ts
 * customChallenge({ handlers: { question: { validate: (a) => { if (!a) throw invalidAnswer('Answer the question.'); } } } })
 * ```
 */
export function customChallenge(options: CustomChallengeOptions = {}): CustomChallengePlugin {
  const kindParameter = options.kindParameter ?? 'challengeType';
  if (typeof kindParameter !== 'string' || kindParameter === '') {
    throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: kindParameter must be a non-empty string.`);
  }
  const unknownKinds = options.unknownKinds ?? 'default-handler';
  const handlers = new Map<string, ChallengeKindHandler>(Object.entries(options.handlers ?? {}));
  const stepHandlers = new WeakMap<ChallengeKindHandler, StepHandler<CustomChallengeStep>>();

  const stepHandlerFor = (kindHandler: ChallengeKindHandler): StepHandler<CustomChallengeStep> => {
    let h = stepHandlers.get(kindHandler);
    if (!h) stepHandlers.set(kindHandler, (h = wrap(kindHandler, kindParameter)));
    return h;
  };

  const plugin: CustomChallengePlugin = {
    name: PLUGIN_NAME,
    version: VERSION,
    api: PLUGIN_API_VERSION,
    steps: [
      {
        type: CUSTOM_CHALLENGE_STEP,
        // Chosen per challenge, by kind; undefined passes the step on to the default handler.
        handler: (step: StepDescriptor) => {
          const kind = step.parameters?.[kindParameter];
          const handler = kind === undefined ? plain : handlers.get(kind) || (unknownKinds === 'answer' ? plain : undefined);
          return handler && stepHandlerFor(handler);
        },
      },
    ],
    register(kind, handler) {
      if (typeof kind !== 'string' || kind === '') {
        throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: a kind must be a non-empty string.`);
      }
      handlers.set(kind, handler);
      return plugin;
    },
    kinds: () => [...handlers.keys()],
  };
  return plugin;
}

function challengeOf(ctx: StepContext, kindParameter: string): CustomChallenge {
  return {
    kind: ctx.step.parameters[kindParameter],
    parameters: ctx.step.parameters,
    username: ctx.username,
    state: ctx.state,
  };
}

function wrap(kindHandler: ChallengeKindHandler, kindParameter: string): StepHandler<CustomChallengeStep> {
  const handler: StepHandler<CustomChallengeStep> = {
    plugin: PLUGIN_NAME,
    view(ctx) {
      const challenge = challengeOf(ctx, kindParameter);
      const additionalInfo = kindHandler.additionalInfo?.(challenge) ?? { ...ctx.step.parameters };
      return { signInStep: CUSTOM_CHALLENGE_STEP, additionalInfo };
    },
    validate(answer, ctx) {
      if (kindHandler.validate) kindHandler.validate(answer, challengeOf(ctx, kindParameter));
      else if (!kindHandler.answer) requireString(answer);
    },
    async answer(answer: StepAnswer | undefined, ctx: StepContext): Promise<StepOutcome> {
      const challenge = challengeOf(ctx, kindParameter);
      const produced: CustomAnswer = kindHandler.answer ? await kindHandler.answer(answer, challenge) : requireString(answer);
      const { text, clientMetadata } = normalise(produced);
      // Core merges the handler's ClientMetadata over the answer's (else the sign-in's).
      return {
        kind: 'respond',
        challengeName: 'CUSTOM_CHALLENGE',
        challengeResponses: { ANSWER: text },
        ...(clientMetadata ? { clientMetadata } : {}),
      };
    },
  };
  if (kindHandler.auto) {
    const auto = kindHandler.auto;
    handler.auto = (ctx) => auto(challengeOf(ctx, kindParameter));
  }
  return handler;
}

function requireString(answer: StepAnswer | undefined): string {
  if (typeof answer !== 'string' || answer === '') {
    throw validationError('EmptyChallengeResponse', 'Enter an answer to the challenge.');
  }
  return answer;
}

function normalise(produced: CustomAnswer): { text: string; clientMetadata?: Record<string, string> } {
  const text = typeof produced === 'string' ? produced : produced?.answer;
  if (typeof text !== 'string' || text === '') {
    throw validationError('EmptyChallengeResponse', 'The challenge handler produced no answer.');
  }
  if (typeof produced === 'object' && produced.clientMetadata && Object.keys(produced.clientMetadata).length > 0) {
    return { text, clientMetadata: produced.clientMetadata };
  }
  return { text };
}
