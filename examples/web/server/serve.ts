/**
 * `npm run web`: starts the emulator with the demo pools, builds the page and serves it.
 * Codes the emulator "sends" are printed here, as a phone or a mailbox would show them.
 */
import { startEmulator } from '@nextstep/emulator';
import { demoEmulatorConfig } from '@nextstep/example-terminal/demo-pool';
import { buildPage } from './build.js';
import { demoWebConfig } from './demo-config.js';
import { startStaticServer } from './static-server.js';

// The SDK's "Node 22 soon" notice would bury the URLs printed below.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const port = Number(process.env.PORT ?? 5180);
const emu = await startEmulator({
  port: 0,
  host: '127.0.0.1',
  config: demoEmulatorConfig(),
  onMessage: (m) => console.log(`[${m.medium} to ${m.destination || m.username}] ${m.purpose} code: ${m.code}`),
});
console.log(`emulator   ${emu.endpoint}`);
console.log('building the page with Vite…');
const root = await buildPage();
const server = await startStaticServer({ root, config: demoWebConfig(emu.endpoint), connectOrigins: [emu.endpoint], port });
// The page reads TOTP codes from /_emulator/totp, which answers only the origins named.
emu.allowCorsOrigin(new URL(server.url).origin);
// Passkeys need the page on localhost: the demo pool's relying party.
const local = new URL(server.url);
local.hostname = 'localhost';
emu.allowCorsOrigin(local.origin);
console.log(`web page   ${server.url}   (Ctrl-C to stop)`);
console.log(`passkeys   ${local.href}   (the demo pool's relying party is localhost)`);
console.log('Codes sent by the emulator appear below; TOTP codes: GET ' + emu.endpoint + '/_emulator/totp?userPoolId=…&username=…');


const stop = async () => {
  await server.close();
  await emu.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
