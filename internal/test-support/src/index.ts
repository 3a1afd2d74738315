// Test helpers shared by the step plugins' suites (private, never published).
export { handlerFor, descriptor, context } from './plugin-host.js';
export { emulatorWith, PASSWORD, type Emu } from './plugin-emulator.js';
