import { startEmulator } from './packages/emulator/src/index.ts';
import { spawnSync } from 'node:child_process';
const emu = await startEmulator({ port: 0 });
const r = spawnSync('python3', ['-m', 'unittest', 'test_pools'], { cwd: 'test/emulator-clients/boto3', encoding: 'utf8', env: { ...process.env, EMULATOR_ENDPOINT: emu.endpoint, PYTHONDONTWRITEBYTECODE: '1' } });
console.log(r.stderr.slice(-4000));
await emu.close();
