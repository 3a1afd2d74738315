// Child process of bench/client.bench.ts: the emulator, in its own process so that the
// parent's CPU clock counts client work only. Prints its endpoint as one JSON line, then
// serves until stdin closes (the parent exiting ends it too).
import { startEmulator } from '../packages/emulator/src/index.js';

const config = JSON.parse(process.argv[2] ?? '{}');
const emu = await startEmulator({ port: 0, host: '127.0.0.1', config });
process.stdout.write(JSON.stringify({ endpoint: emu.endpoint }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => void emu.close().then(() => process.exit(0)));
