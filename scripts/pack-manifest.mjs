#!/usr/bin/env node
// `prepack`/`postpack` of every published package: npm has no publishConfig override for
// `exports`, so `strip` rewrites package.json without the `@nextstep/source` condition (the
// monorepo's way to resolve a package to its TypeScript sources, meaningless in a tarball
// that has no src/) and keeps the original beside it; `restore` puts the original back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const SOURCE = '@nextstep/source';
const BACKUP = '.package.json.prepack';

/** The map without `@nextstep/source` keys, at any depth. */
export function stripSource(map) {
  if (!map || typeof map !== 'object' || Array.isArray(map)) return map;
  return Object.fromEntries(
    Object.entries(map)
      .filter(([key]) => key !== SOURCE)
      .map(([key, value]) => [key, stripSource(value)]),
  );
}

const command = process.argv[2];
if (command === 'strip') {
  if (!existsSync('dist')) throw new Error('dist/ is missing: run `npm run build` before packing');
  // A pack that failed between strip and restore left the original here: keep it, not the
  // stripped file.
  if (!existsSync(BACKUP)) writeFileSync(BACKUP, readFileSync('package.json', 'utf8'));
  const pkg = JSON.parse(readFileSync(BACKUP, 'utf8'));
  for (const field of ['exports', 'imports']) if (pkg[field]) pkg[field] = stripSource(pkg[field]);
  writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
} else if (command === 'restore') {
  if (existsSync(BACKUP)) renameSync(BACKUP, 'package.json');
} else if (command !== undefined) {
  throw new Error(`pack-manifest: unknown command ${command} (strip | restore)`);
}
