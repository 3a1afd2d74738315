// Release rehearsal, TypeScript: the installed declarations under strict settings, checked
// with node16 and with bundler resolution (not run).
import { createAuth, surfaceUnclaimed, isAuthError, type Auth, type Cognito, type CognitoOutput, type CognitoTransport } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { toSvg } from '@nextstep/plugin-totp/qr';
import { email } from '@nextstep/plugin-email';
import { customChallenge } from '@nextstep/plugin-custom-challenge';
import { startEmulator } from '@nextstep/emulator';

export async function run(password: string, ask: (step: string) => Promise<string>): Promise<string | undefined> {
  const emu = await startEmulator({ port: 0 });
  const auth: Auth = createAuth({
    userPool: { userPoolId: 'us-east-1_rehearsal', clientId: 'rehearsal-client', endpoint: emu.endpoint },
    plugins: [sms(), totp({ issuer: 'Acme' }), email(), customChallenge()],
    defaultHandler: surfaceUnclaimed,
  });
  try {
    const flow = await auth.signIn({ username: 'ada', password });
    while (!flow.isSignedIn) {
      const step = flow.nextStep;
      if (step.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') toSvg(step.totpSetupDetails);
      await flow.confirm(await ask(step.signInStep));
    }
    return flow.tokens?.idToken;
  } catch (error) {
    if (isAuthError(error)) return error.name;
    throw error;
  } finally {
    await emu.close();
  }
}

export const custom: CognitoTransport = { send: async () => ({}) };

// The typed operation map from core's own declarations (no AWS SDK installed here).
export const initiate: Cognito.InitiateAuthRequest = { AuthFlow: 'USER_SRP_AUTH', ClientId: 'rehearsal-client', AuthParameters: { USERNAME: 'ada' } };
export type Devices = CognitoOutput<'ListDevices'>['Devices'];
