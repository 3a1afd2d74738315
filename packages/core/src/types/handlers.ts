/** Steps as core keeps them, and what a step handler reads (StepContext), returns (StepOutcome) and is (StepHandler). @module */
import type { AuthTokens, SignInStepName, StepView } from './steps.js';
import type { ConfirmSignInOptions, StepAnswer } from './inputs.js';
import type { CognitoAuthResponse, CognitoClient } from './transport.js';
import type { AuthError, Logger } from './errors.js';
import type { FlowInfo } from './plugins.js';

/** What `hooks.challenge` receives: one answer of Cognito that needs a step. */
export interface ChallengeInput {
  /** ChallengeName, or the exception name for RESET_PASSWORD / CONFIRM_SIGN_UP. */
  challengeName: string;
  /** Cognito's ChallengeParameters (empty for exception-driven steps). */
  parameters: Record<string, string>;
  /** USER_AUTH's top-level AvailableChallenges, when given. */
  availableChallenges?: string[];
}

/**
 * A step as the engine keeps it: JSON-serialisable, so a flow can be saved and resumed.
 * `type` is a {@link SignInStepName} or a name a third-party plugin defines.
 */
export interface StepDescriptor {
  /** The step type: a {@link SignInStepName} or a plugin's own. */
  type: string;
  /** Cognito's ChallengeName (or the exception name) the step came from. */
  challengeName: string;
  /** Cognito's ChallengeParameters. */
  parameters: Record<string, string>;
  /** USER_AUTH's AvailableChallenges, when given. */
  availableChallenges?: string[];
  /** Step-specific facts the mapper derived (e.g. `{ allowedMFATypes: ['TOTP'] }`). */
  data: Record<string, unknown>;
}

/** What a step handler may read while the flow is at its step. Every member is always set. */
export interface StepContext {
  /** The step the flow is at. */
  readonly step: StepDescriptor;
  /** The USERNAME to answer with (USER_ID_FOR_SRP after SRP). */
  readonly username: string;
  /** The user pool. */
  readonly userPoolId: string;
  /** The app client. */
  readonly clientId: string;
  /** The current Cognito Session (undefined for exception-driven steps). Core owns it: see {@link StepContext.cognito}. */
  readonly session: string | undefined;
  /** Per-step state the handler owns; saved by `flow.toJSON()`, so keep it JSON. */
  readonly state: Record<string, unknown>;
  /**
   * Cognito for this flow. Core fills in what every call needs, in one place: ClientId,
   * USERNAME, SECRET_HASH, the Session (RespondToAuthChallenge) and ClientMetadata (the
   * answer's `options.clientMetadata`, else the sign-in's). A Session Cognito returns
   * becomes the flow's Session.
   */
  readonly cognito: CognitoClient; // p15 (issue #15): typed for the operations core knows
  /** Secrets held in memory only for this flow (never serialised), e.g. the password. */
  readonly secrets: FlowSecrets;
  /** Facts about the flow (no secrets): username as typed, auth flow, pool and client. */
  readonly flow: FlowInfo;
  /** The Auth instance's clock (epoch ms): sign with it, e.g. SRP timestamps and TOTP windows. */
  now(): number;
  /** The Auth's logger (never pass it secrets). */
  readonly logger: Logger;
  /** The options of the answer being processed (empty while entering). */
  readonly options: ConfirmSignInOptions;
  /** The sign-in's ClientMetadata (`signIn`'s `options.clientMetadata`), frozen; undefined when none was given. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
}

/**
 * What a flow holds in memory only: never serialised by `flow.toJSON()`, never logged.
 * Handlers may keep their own in-memory secrets here under their own keys.
 */
export interface FlowSecrets {
  /** The password given to `signIn` (or to a later answer), for steps that need it again. */
  password?: string;
  /** The tokens of a finished sign-in. */
  tokens?: AuthTokens;
  [key: string]: unknown;
}

/**
 * What answering a step leads to. A handler says what should happen; core does it (nothing
 * calls back into the flow).
 */
export type StepOutcome =
  /**
   * Answer the challenge: core calls RespondToAuthChallenge, adding USERNAME, SECRET_HASH,
   * the Session and ClientMetadata. `clientMetadata` is merged over the ClientMetadata core
   * sends anyway (the answer's `options.clientMetadata`, else the sign-in's); its keys win.
   */
  | {
      /** Answer with RespondToAuthChallenge. */
      kind: 'respond';
      /** The ChallengeName to answer; the step's own by default. */
      challengeName?: string;
      /** Cognito's ChallengeResponses, without USERNAME and SECRET_HASH (core adds them). */
      challengeResponses: Record<string, string>;
      /** ClientMetadata merged over what core sends. */
      clientMetadata?: Record<string, string>;
    }
  /** The step is already answered by this response (the handler called Cognito through `ctx.cognito`). */
  | {
    /** Already answered. */
    kind: 'response';
    /** Cognito's answer to carry on from. */
    response: CognitoAuthResponse;
  }
  /** A local move to another step, no Cognito call (e.g. MFA setup selection → TOTP setup). */
  | {
    /** Move locally. */
    kind: 'step';
    /** The step to move to. */
    step: StepDescriptor;
  }
  /**
   * Start the sign-in again with its original input (e.g. for a new SMS code, or after
   * confirming the account); `password` replaces the one held, when given.
   */
  | {
    /** Start again. */
    kind: 'restart';
    /** A new password to sign in with. */
    password?: string;
  };

/** How a step behaves: what it shows, what it checks, what an answer leads to. */
export interface StepHandler<V extends StepView = StepView> {
  /** The plugin's name, for messages and for the default handler's reports. */
  readonly plugin: string;
  /** Side effects when the flow enters the step (e.g. AssociateSoftwareToken); store results in `ctx.state`. */
  enter?(ctx: StepContext): Promise<void> | void;
  /** The app-facing fields of the step, from the descriptor and `ctx.state` (pure: called again after resume). */
  view(ctx: StepContext): V;
  /** When true, core answers the step at once without asking the app (e.g. PASSWORD_VERIFIER). */
  auto?(ctx: StepContext): boolean;
  /** Local validation; throw an {@link AuthError} of kind `validation`. Runs before any network call. */
  validate?(answer: StepAnswer | undefined, ctx: StepContext): void;
  /** Turns the answer into an outcome core carries out. */
  answer(answer: StepAnswer | undefined, ctx: StepContext): Promise<StepOutcome>;
}
