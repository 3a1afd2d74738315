/**
 * Checks plugins when createAuth runs, before any `apply`: shape, core version range, and
 * step claims (two plugins claiming one step type is an error unless one is staged).
 * @module
 */
import { configError } from './fail.js';
import { satisfies, validRange } from './semver.js';
import type { NextstepPlugin, StepClaim } from './types.js';

function label(plugin: NextstepPlugin): string {
  return plugin.version ? `${plugin.name}@${plugin.version}` : plugin.name;
}

function claimStep(claim: StepClaim): { step: string; staged: boolean } {
  return typeof claim === 'string' ? { step: claim, staged: false } : { step: claim.step, staged: true };
}

/**
 * Returns the claimed step types; throws an AuthError of kind `config` listing every problem.
 * `builtinCount` plugins at the start are core's own (they skip the version check).
 */
export function checkPlugins(plugins: readonly NextstepPlugin[], coreVersion: string, builtinCount = 0): Set<string> {
  const problems: string[] = [];
  const claims = new Map<string, { plugin: NextstepPlugin; staged: boolean }[]>();
  plugins.forEach((plugin, index) => {
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string' || plugin.name === '') {
      problems.push(`Plugin #${index - builtinCount + 1} has no name.`);
      return;
    }
    if (typeof plugin.apply !== 'function') problems.push(`Plugin ${label(plugin)} has no apply function.`);
    if (!Array.isArray(plugin.claims)) problems.push(`Plugin ${label(plugin)} has no claims list.`);
    if (index >= builtinCount) {
      if (typeof plugin.core !== 'string' || !validRange(plugin.core)) {
        problems.push(`Plugin ${label(plugin)} declares an unreadable core range "${String(plugin.core)}".`);
      } else if (!satisfies(coreVersion, plugin.core)) {
        problems.push(
          `Plugin ${label(plugin)} requires @nextstep/core ${plugin.core}, but this is @nextstep/core ${coreVersion}.`,
        );
      }
    }
    for (const claim of Array.isArray(plugin.claims) ? plugin.claims : []) {
      const { step, staged } = claimStep(claim);
      const list = claims.get(step) ?? [];
      list.push({ plugin, staged });
      claims.set(step, list);
    }
  });
  for (const [step, list] of claims) {
    const unstaged = list.filter((c) => !c.staged);
    if (unstaged.length > 1) {
      problems.push(
        `Step ${step} is claimed by ${unstaged.map((c) => label(c.plugin)).join(' and ')}; ` +
          'remove one, or stage one deliberately with { step, stage }.',
      );
    }
  }
  if (problems.length > 0) {
    throw configError(problems.length === 1 ? pickName(problems[0]!) : 'InvalidPluginConfiguration', problems.join(' '), {
      problems,
    });
  }
  return new Set(claims.keys());
}

function pickName(problem: string): string {
  if (problem.includes('requires @nextstep/core')) return 'IncompatiblePlugin';
  if (problem.includes('is claimed by')) return 'DuplicateStepClaim';
  return 'InvalidPluginConfiguration';
}
