// Worker entry for bench/emulator.bench.ts: Node 20 loads a worker's entry before --import
// hooks apply, so register tsx here and load the TypeScript worker afterwards.
import { register } from 'tsx/esm/api';

register();
await import('./emulator.worker.ts');
