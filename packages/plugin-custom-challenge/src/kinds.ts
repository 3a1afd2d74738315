import type { StepAnswer } from '@nextstep/core/plugin';

/** One round of a custom challenge, as a kind handler sees it. */
export interface CustomChallenge {
  /** The value of the kind parameter (e.g. `captcha`), or undefined when the challenge names none. */
  readonly kind: string | undefined;
  /** The trigger's public challenge parameters (Cognito's ChallengeParameters). */
  readonly parameters: Readonly<Record<string, string>>;
  /** The user signing in. */
  readonly username: string;
  /** State for this round, kept with the flow (JSON only; survives `toJSON`/resume). */
  readonly state: Record<string, unknown>;
}

/** What a kind handler sends: the ANSWER, optionally with ClientMetadata for the triggers. */
export type CustomAnswer = string | {
  /** The ANSWER sent to Cognito. */
  answer: string;
  /** ClientMetadata for your Verify Auth Challenge trigger. */
  clientMetadata?: Record<string, string>;
};

/**
 * Handles one kind of custom challenge (chosen by the kind parameter the plugin is given).
 * Every member is optional: an empty handler sends the app's answer as it is.
 */
export interface ChallengeKindHandler {
  /** What the app sees as `additionalInfo`; default: the public parameters. */
  additionalInfo?(challenge: CustomChallenge): Record<string, string>;
  /** True to answer without asking the app: `answer` then receives `undefined`. */
  auto?(challenge: CustomChallenge): boolean;
  /**
   * Local check of the app's answer before anything is sent. Throw to refuse it
   * ({@link invalidAnswer} builds the right error).
   */
  validate?(answer: StepAnswer | undefined, challenge: CustomChallenge): void;
  /** Turns the app's answer into what Cognito receives; default: the answer string as is. */
  answer?(answer: StepAnswer | undefined, challenge: CustomChallenge): CustomAnswer | Promise<CustomAnswer>;
}
