#!/usr/bin/env bash
# Release rehearsal: what an adopter gets from the next release, tried outside the monorepo.
#  1. copy the repo to a temp dir and run `changeset version` on the copy (the real tree is untouched)
#  2. build and `npm pack` every package of the copy (scripts/check-tarballs.mjs checks their files)
#  3. install the tarballs in a fresh project in another temp dir (deps from the registry)
#  4. start `npx nextstep-emulator` from the installed tarball and sign in from an ESM script,
#     a require() script, and typecheck a TypeScript file under node16 and bundler resolution
#  5. install each package alone in an empty project: packages and bytes it adds
# Fails on the first error. Needs the registry for the packages' own dependencies.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/nextstep-rehearsal-XXXXXX")"
emu_pid=''
cleanup() {
  # npx runs the emulator as a child: end the whole process group it leads.
  [ -n "$emu_pid" ] && kill -- "-$emu_pid" 2>/dev/null || true
  [ -n "${KEEP_REHEARSAL:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
say() { printf -- "--- %s (%ss)\n" "$*" "$SECONDS"; }
tsc() { node "$repo/node_modules/typescript/bin/tsc" "$@"; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

say "copy the repo to $work/repo and version it"
mkdir "$work/repo"
tar -C "$repo" --exclude=./node_modules --exclude='*/node_modules' --exclude='*/dist' --exclude=./.git --exclude=./docs/api -cf - . | tar -C "$work/repo" -xf -
ln -s "$repo/node_modules" "$work/repo/node_modules"
(cd "$work/repo" && npx changeset version >/dev/null)
# Pre-1.0: a minor of core must not push the plugins (peers of core) to a major.
(cd "$work/repo" && node -e '
  const fs = require("fs");
  let bad = 0;
  for (const d of fs.readdirSync("packages")) {
    const p = JSON.parse(fs.readFileSync(`packages/${d}/package.json`, "utf8"));
    console.log(`  ${p.name}@${p.version}`);
    if (!p.private && !p.version.startsWith("0.")) { console.error(`FAIL: ${p.name} would be released as ${p.version}`); bad++; }
  }
  process.exit(bad ? 1 : 0);')

say "build and pack every package"
(cd "$work/repo" && for d in packages/*/; do (cd "$d" && npm run -s build); done)
node "$work/repo/scripts/check-tarballs.mjs" --out "$work/tarballs" | grep -v "^  "

say "a fresh project outside the monorepo: $work/app"
mkdir "$work/app" && cd "$work/app"
cat > package.json <<'JSON'
{ "name": "rehearsal-app", "private": true, "version": "0.0.0", "type": "module" }
JSON
npm install --no-package-lock --loglevel=error "$work"/tarballs/*.tgz @types/node@^20.12 >/dev/null
cp "$repo/test/release/pool.json" "$repo/test/release/signin.mjs" "$repo/test/release/signin.cjs" "$repo/test/release/typed.ts" .

say "npx nextstep-emulator from the installed tarball"
setsid npx --no-install nextstep-emulator --port 0 --config pool.json >emulator.log 2>&1 &
emu_pid=$!
endpoint=''
for _ in $(seq 1 100); do
  endpoint="$(sed -n 's/^nextstep emulator listening on \(http[^ ]*\).*/\1/p' emulator.log)"
  [ -n "$endpoint" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat emulator.log; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { echo "the emulator did not start"; cat emulator.log; exit 1; }
echo "  $endpoint"
export NEXTSTEP_ENDPOINT="$endpoint"

say "sign in from ESM (and nothing on stderr: no warning by default)"
node signin.mjs 2>stderr.log || { cat stderr.log; exit 1; }
[ -s stderr.log ] && { echo "stderr was not empty:"; cat stderr.log; exit 1; }
say "sign in through require()"
node signin.cjs 2>stderr.log || { cat stderr.log; exit 1; }
[ -s stderr.log ] && { echo "stderr was not empty:"; cat stderr.log; exit 1; }

say "cold import: core's Node entry loads no node:crypto (the build defers it to the first SRP step)"
node --input-type=module -e "await import('@nextstep/core'); if (process.moduleLoadList.includes('NativeModule crypto')) { console.error('FAIL: importing @nextstep/core loaded node:crypto'); process.exit(1); }"

say "typecheck: TypeScript node16 and bundler resolution, strict, skipLibCheck off"
common='"strict": true, "noEmit": true, "skipLibCheck": false, "target": "es2022", "lib": ["es2023", "dom"], "types": ["node"]'
echo "{ \"compilerOptions\": { $common, \"module\": \"node16\", \"moduleResolution\": \"node16\" }, \"files\": [\"typed.ts\"] }" > tsconfig.node16.json
echo "{ \"compilerOptions\": { $common, \"module\": \"esnext\", \"moduleResolution\": \"bundler\" }, \"files\": [\"typed.ts\"] }" > tsconfig.bundler.json
# Core's declarations carry their own Cognito shapes: the check runs without the AWS SDK
# (an optional peer), which must therefore be absent here.
[ -e node_modules/@aws-sdk ] && { echo "FAIL: the AWS SDK got installed; the typed check must run without it"; exit 1; }
tsc -p tsconfig.node16.json && echo "  node16 ok"
tsc -p tsconfig.bundler.json && echo "  bundler ok"
kill -- "-$emu_pid" 2>/dev/null; wait "$emu_pid" 2>/dev/null || true
emu_pid=''
for _ in $(seq 1 50); do pgrep -f "$work/app/node_modules/.bin/nextstep-emulator" >/dev/null || break; sleep 0.1; done
pgrep -f "$work/app/node_modules/.bin/nextstep-emulator" >/dev/null && { echo "FAIL: the emulator outlived its stop"; exit 1; }

say "each package alone in an empty project: what it adds (plugins: over core, their peer)"
count_packages() {
  node -e 'const fs=require("fs"),p=require("path");let n=0;(function w(d){for(const e of fs.readdirSync(d,{withFileTypes:true})){if(!e.isDirectory()||e.name===".bin"||e.name.startsWith("."))continue;const f=p.join(d,e.name);if(e.name.startsWith("@")){w(f);continue}if(fs.existsSync(p.join(f,"package.json")))n++;if(fs.existsSync(p.join(f,"node_modules")))w(p.join(f,"node_modules"))}})("node_modules");console.log(n)'
}
core_tgz="$(ls "$work"/tarballs/nextstep-core-*.tgz)"
printf '| package | packages added | bytes on disk |\n|---|---|---|\n'
for tgz in "$work"/tarballs/*.tgz; do
  alone="$work/alone-$(basename "$tgz" .tgz)"
  mkdir "$alone" && cd "$alone" && echo '{ "name": "alone", "private": true, "version": "0.0.0" }' > package.json
  name=$(tar -xzOf "$tgz" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).name')
  case "$name" in @nextstep/plugin-*|@nextstep/store-redis) extra="$core_tgz"; label="$name (+ core)";; *) extra=''; label="$name";; esac
  npm install --no-package-lock --loglevel=error "$tgz" $extra >/dev/null
  count=$(count_packages)
  bytes=$(du -sb node_modules | cut -f1)
  printf '| %s | %s | %s |\n' "$label" "$count" "$bytes"
  if [ "$name" = "@nextstep/core" ] && { [ "$count" -gt 2 ] || [ "$bytes" -ge 1000000 ]; }; then
    echo "FAIL: @nextstep/core alone must add at most 2 packages and under 1 MB"; exit 1
  fi
done
say "release rehearsal passed"
