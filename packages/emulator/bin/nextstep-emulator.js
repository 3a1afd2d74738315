#!/usr/bin/env node
// Runs the built CLI (dist/cli.js); inside the monorepo without a build, registers tsx and
// runs the TypeScript sources instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli.ts', import.meta.url).href);
}
cli.main().catch((e) => {
  process.stderr.write(`nextstep-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
