import { describe, expect, it } from 'vitest';
import { satisfies, validRange, compareVersions, parseVersion } from './semver.js';

const cases: [string, string, boolean][] = [
  ['0.1.0', '^0.1.0', true],
  ['0.1.9', '^0.1.0', true],
  ['0.2.0', '^0.1.0', false],
  ['1.4.0', '^1.2.3', true],
  ['2.0.0', '^1.2.3', false],
  ['1.2.2', '^1.2.3', false],
  ['0.0.3', '^0.0.3', true],
  ['0.0.4', '^0.0.3', false],
  ['0.9.0', '^0.x', true],
  ['1.0.0', '^0.x', false],
  ['1.2.9', '~1.2.3', true],
  ['1.3.0', '~1.2.3', false],
  ['1.9.0', '~1', true],
  ['2.0.0', '~1', false],
  ['1.0.0', '>=1.0.0', true],
  ['0.9.9', '>=1.0.0', false],
  ['1.0.0', '>1.0.0', false],
  ['1.0.1', '>1.0.0', true],
  ['1.0.0', '<=1.0.0', true],
  ['1.0.1', '<1.0.0', false],
  ['1.9.9', '1.x', true],
  ['2.0.0', '1.x', false],
  ['1.2.7', '1.2.*', true],
  ['1.3.0', '1.2.*', false],
  ['7.7.7', '*', true],
  ['7.7.7', '', true],
  ['2.0.0', '>1.x', true],
  ['1.9.0', '>1.x', false],
  ['1.9.0', '<=1.x', true],
  ['2.0.0', '<=1.x', false],
  ['0.9.0', '<1.x', true],
  ['1.0.0', '<1.x', false],
  ['1.5.0', '>=1.2.0 <2.0.0', true],
  ['2.0.0', '>=1.2.0 <2.0.0', false],
  ['3.1.0', '^1.0.0 || ^3.0.0', true],
  ['2.1.0', '^1.0.0 || ^3.0.0', false],
  ['1.2.3', '1.2.3', true],
  ['1.2.4', '=1.2.3', false],
  ['1.5.0', '1.2.3 - 1.6', true],
  ['1.7.0', '1.2.3 - 1.6', false],
  ['1.0.0', '>= 1.0.0', true],
  ['2.0.0-beta.1', '^1.0.0', false],
  ['1.0.0-beta.2', '^1.0.0-beta.1', true],
  ['1.0.1-beta.2', '^1.0.0-beta.1', false],
  ['1.0.0-beta.1', '>=1.0.0-beta.2', false],
];

describe('satisfies', () => {
  it.each(cases)('%s in "%s" → %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('rejects malformed ranges and versions', () => {
    expect(validRange('^1.2.3')).toBe(true);
    expect(validRange('banana')).toBe(false);
    expect(validRange('^1.2.3 || >=x.y')).toBe(false);
    expect(() => satisfies('1.2', '^1.0.0')).toThrow(/malformed version/);
  });

  it('orders prereleases below releases', () => {
    const cmp = (a: string, b: string) => Math.sign(compareVersions(parseVersion(a)!, parseVersion(b)!));
    expect(cmp('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(cmp('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(cmp('1.0.0-2', '1.0.0-10')).toBe(-1);
    expect(cmp('1.0.0', '1.0.0')).toBe(0);
  });
});
