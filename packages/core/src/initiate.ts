/**
 * InitiateAuth per auth flow: which AuthFlow Cognito gets and which AuthParameters. SRP's
 * secret is started (and kept) by the password step's module, which owns it.
 * @module
 */
import { beginSrp } from './builtin/password.js';
import type { AuthFlowType, FirstFactor, FlowSecrets } from './types.js';

/** What InitiateAuth is built from. */
export interface InitiateInput {
  readonly username: string;
  readonly authFlow: AuthFlowType;
  readonly preferredChallenge: FirstFactor | undefined;
  /** The flow's secrets: the password is read from them, SRP state is kept in them. */
  readonly secrets: FlowSecrets;
}

/** InitiateAuth's input (without ClientId, SECRET_HASH and ClientMetadata: the call path adds them). */
export async function initiateAuthInput(init: InitiateInput): Promise<Record<string, unknown>> {
  const { authFlow, secrets } = init;
  // USER_AUTH's preferred challenge picks its first factor; the other flows have theirs.
  const preferred = authFlow === 'USER_AUTH' ? init.preferredChallenge : undefined;
  const params: Record<string, string> = { USERNAME: init.username };
  if (preferred) params.PREFERRED_CHALLENGE = preferred;
  if (authFlow === 'USER_PASSWORD_AUTH' || preferred === 'PASSWORD') params.PASSWORD = secrets.password ?? '';
  if (authFlow === 'USER_SRP_AUTH' || authFlow === 'CUSTOM_WITH_SRP' || preferred === 'PASSWORD_SRP') params.SRP_A = await beginSrp(secrets);
  // CUSTOM_WITH_SRP starts the custom flow with the SRP exchange.
  if (authFlow === 'CUSTOM_WITH_SRP') params.CHALLENGE_NAME = 'SRP_A';
  // Both custom flows are Cognito's CUSTOM_AUTH.
  const custom = authFlow === 'CUSTOM_WITH_SRP' || authFlow === 'CUSTOM_WITHOUT_SRP';
  return { AuthFlow: custom ? 'CUSTOM_AUTH' : authFlow, AuthParameters: params };
}
