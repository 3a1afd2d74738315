/**
 * A small semver range matcher, enough for plugins' `core` ranges: exact versions,
 * `^`, `~`, `>=`, `<=`, `>`, `<`, `=`, x-ranges (`1.x`, `1.2.*`, `*`), hyphen ranges,
 * space-separated intersections and `||` unions. Prereleases follow npm's rule: a
 * prerelease version only matches a comparator on the same major.minor.patch that has one.
 * @module
 */

/** A parsed version. */
interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

/** A comparator: operator and version, e.g. `>=1.2.0`. */
interface Comparator {
  op: '<' | '<=' | '>' | '>=' | '=';
  version: Version;
}

const VERSION_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const PARTIAL_RE = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses a full version (`1.2.3`, `1.2.3-beta.1`); undefined when malformed. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
  };
}

/** Compares two versions: negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  // A version without prerelease ranks above the same version with one.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

interface Partial {
  major?: number;
  minor?: number;
  patch?: number;
  prerelease: (string | number)[];
}

function parsePartial(text: string): Partial | undefined {
  if (text === '' ) return { prerelease: [] };
  const m = PARTIAL_RE.exec(text);
  if (!m) return undefined;
  const num = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const major = num(m[1]);
  const minor = major === undefined ? undefined : num(m[2]);
  const patch = minor === undefined ? undefined : num(m[3]);
  const prerelease = patch !== undefined && m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  const out: Partial = { prerelease };
  if (major !== undefined) out.major = major;
  if (minor !== undefined) out.minor = minor;
  if (patch !== undefined) out.patch = patch;
  return out;
}

const v = (major: number, minor: number, patch: number, prerelease: (string | number)[] = []): Version => ({
  major,
  minor,
  patch,
  prerelease,
});
/** `<X.Y.Z-0`: below every prerelease of X.Y.Z, so `<2.0.0` excludes `2.0.0-beta`. */
const below = (major: number, minor: number, patch: number): Comparator => ({ op: '<', version: v(major, minor, patch, [0]) });

function caret(p: Partial): Comparator[] {
  if (p.major === undefined) return [];
  const lower: Comparator = { op: '>=', version: v(p.major, p.minor ?? 0, p.patch ?? 0, p.prerelease) };
  if (p.major > 0 || p.minor === undefined) return [lower, below(p.major + 1, 0, 0)];
  if (p.minor > 0 || p.patch === undefined) return [lower, below(0, p.minor + 1, 0)];
  return [lower, below(0, 0, p.patch + 1)];
}

function tilde(p: Partial): Comparator[] {
  if (p.major === undefined) return [];
  const lower: Comparator = { op: '>=', version: v(p.major, p.minor ?? 0, p.patch ?? 0, p.prerelease) };
  if (p.minor === undefined) return [lower, below(p.major + 1, 0, 0)];
  return [lower, below(p.major, p.minor + 1, 0)];
}

function primitive(op: string, p: Partial): Comparator[] {
  const full = p.patch !== undefined;
  if (p.major === undefined) return op === '<' || op === '>' ? [{ op: '<', version: v(0, 0, 0, [0]) }] : [];
  if (full) return [{ op: (op || '=') as Comparator['op'], version: v(p.major, p.minor!, p.patch!, p.prerelease) }];
  const lo = v(p.major, p.minor ?? 0, 0);
  const hiBump = p.minor === undefined ? v(p.major + 1, 0, 0) : v(p.major, p.minor + 1, 0);
  switch (op) {
    case '':
    case '=':
      return [{ op: '>=', version: lo }, below(hiBump.major, hiBump.minor, hiBump.patch)];
    case '>':
      return [{ op: '>=', version: hiBump }];
    case '>=':
      return [{ op: '>=', version: lo }];
    case '<':
      return [below(lo.major, lo.minor, lo.patch)];
    case '<=':
      return [below(hiBump.major, hiBump.minor, hiBump.patch)];
  }
  return [];
}

/** Parses one `||` branch into comparators; throws on malformed input. */
function parseBranch(branch: string): Comparator[] {
  const text = branch.trim().replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1');
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) {
    const from = parsePartial(hyphen[1]!);
    const to = parsePartial(hyphen[2]!);
    if (!from || !to) throw new Error(`malformed range "${branch}"`);
    return [...primitive('>=', from), ...primitive('<=', to)];
  }
  const out: Comparator[] = [];
  for (const part of text.split(/\s+/).filter(Boolean)) {
    const m = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(part)!;
    const op = m[1] ?? '';
    const p = parsePartial(m[2]!);
    if (!p) throw new Error(`malformed range "${branch}"`);
    if (op === '^') out.push(...caret(p));
    else if (op === '~') out.push(...tilde(p));
    else out.push(...primitive(op, p));
  }
  return out;
}

function test(c: Comparator, version: Version): boolean {
  const cmp = compareVersions(version, c.version);
  switch (c.op) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '=':
      return cmp === 0;
  }
}

/** True when `range` is a range this matcher understands. */
export function validRange(range: string): boolean {
  try {
    range.split('||').forEach(parseBranch);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when `version` satisfies `range` (npm semantics for the supported syntax).
 * Throws an `Error` when either is malformed.
 */
export function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`malformed version "${version}"`);
  return range.split('||').some((branch) => {
    const comparators = parseBranch(branch);
    if (!comparators.every((c) => test(c, parsed))) return false;
    if (parsed.prerelease.length === 0) return true;
    // npm: a prerelease only matches when some comparator names the same tuple with a prerelease
    return comparators.some(
      (c) =>
        c.version.prerelease.length > 0 &&
        !(c.op === '<' && c.version.prerelease.length === 1 && c.version.prerelease[0] === 0) &&
        c.version.major === parsed.major &&
        c.version.minor === parsed.minor &&
        c.version.patch === parsed.patch,
    );
  });
}
