// Release rehearsal, CommonJS: require() of the ESM-only packages (Node >= 20.19 loads ESM
// through require when it has no top-level await), then a sign-in against the emulator.
const { createAuth, failUnclaimed } = require('@nextstep/core');
const { createSdkTransport } = (() => {
  try {
    return require('@nextstep/core/sdk-transport');
  } catch (error) {
    // Without the optional AWS SDK peer installed the entry cannot load; that is expected.
    if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') return {};
    throw error;
  }
})();
const { totp } = require('@nextstep/plugin-totp');

if (!process.env.NEXTSTEP_ENDPOINT) throw new Error('NEXTSTEP_ENDPOINT (the emulator) is not set: refusing to talk to AWS');
const userPool = { userPoolId: 'us-east-1_rehearsal', clientId: 'rehearsal-client', endpoint: process.env.NEXTSTEP_ENDPOINT };
const auth = createAuth({ userPool, plugins: [totp()], defaultHandler: failUnclaimed });
auth
  .signIn({ username: 'ada', password: 'Rehearsal-Passw0rd!' })
  .then((flow) => {
    if (!flow.isSignedIn) throw new Error(`expected DONE, got ${flow.nextStep.signInStep}`);
    console.log(`  require(): signed in; sdk-transport ${createSdkTransport ? 'loaded' : 'absent (optional peer not installed)'}`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
