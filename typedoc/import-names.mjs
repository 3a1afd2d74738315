// typedoc plugin: names each entry-point module by the specifier an app imports it with
// (`@nextstep/plugin-totp/qr`), read from the packages' `exports` (their `@nextstep/source`
// targets), instead of its source path (`plugin-totp/src/qr`); and names each guide page by
// its first `# heading` instead of its file path (`docs_architecture`), so the guides need
// no typedoc front matter.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

const root = resolve(import.meta.dirname, '..');

/** Absolute source file → import specifier, for every export entry of every package. */
function importNames() {
  const names = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' ? target['@nextstep/source'] : undefined;
      if (typeof source !== 'string') continue;
      names.set(resolve(root, 'packages', dir, source), subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`);
    }
  }
  return names;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const names = importNames();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
    const name = file && names.get(resolve(file));
    if (name) reflection.name = name;
  });
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const text = document.content.map((part) => part.text).join('');
    const heading = /^#\s+(.+?)\s*$/m.exec(text);
    const title = heading?.[1].replace(/`/g, '');
    // A package README as a guide: keep its name apart from the package's API module.
    if (title && !document.frontmatter?.title) document.name = title.startsWith('@nextstep/') ? `${title}: guide` : title;
  });
}
