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
  const params: Record<string, string> = { USERNAME: init.username };
  const password = init.secrets.password ?? '';
  let authFlow: string = init.authFlow;
  switch (init.authFlow) {
    case 'USER_SRP_AUTH':
      params.SRP_A = await beginSrp(init.secrets);
      break;
    case 'USER_PASSWORD_AUTH':
      params.PASSWORD = password;
      break;
    case 'CUSTOM_WITH_SRP':
      authFlow = 'CUSTOM_AUTH';
      params.SRP_A = await beginSrp(init.secrets);
      params.CHALLENGE_NAME = 'SRP_A';
      break;
    case 'CUSTOM_WITHOUT_SRP':
      authFlow = 'CUSTOM_AUTH';
      break;
    case 'USER_AUTH':
      if (init.preferredChallenge) params.PREFERRED_CHALLENGE = init.preferredChallenge;
      if (init.preferredChallenge === 'PASSWORD') params.PASSWORD = password;
      if (init.preferredChallenge === 'PASSWORD_SRP') params.SRP_A = await beginSrp(init.secrets);
      break;
  }
  return { AuthFlow: authFlow, AuthParameters: params };
}
