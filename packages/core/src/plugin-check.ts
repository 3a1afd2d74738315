/**
 * Checks and registers plugins when createAuth runs: shape and plugin API version of every
 * plugin first, then each step registration (two registrations of one step type without a
 * stage is an error naming both plugins), then the step hooks are tapped, then `apply` runs.
 * @module
 */
import { configError } from './fail.js';
import { PLUGIN_API_VERSION } from './plugin-api.js';
import type { AuthHooks, Logger, NextstepPlugin, PluginHooks, StepRegistration } from './types.js';

function label(plugin: NextstepPlugin<any>): string {
  return plugin.version ? `${plugin.name}@${plugin.version}` : plugin.name;
}

const isFunction = (f: unknown) => typeof f === 'function';

function isRegistration(r: unknown): r is StepRegistration {
  const reg = r as StepRegistration | undefined;
  const handler = reg?.handler;
  return (
    typeof reg?.type === 'string' &&
    reg.type !== '' &&
    (isFunction(handler) || (!!handler && typeof handler === 'object' && isFunction(handler.view) && isFunction(handler.answer))) &&
    // Number.isFinite is false for anything but a finite number.
    (reg.stage === undefined || Number.isFinite(reg.stage))
  );
}

/** Throws an AuthError of kind `config` listing every problem; returns nothing when all is well. */
export function checkPlugins(plugins: readonly NextstepPlugin<any>[], builtinCount = 0): void {
  const names: string[] = [];
  const texts: string[] = [];
  const problem = (text: string, name = 'InvalidPluginConfiguration') => {
    names.push(name);
    texts.push(text);
  };
  const owners = new Map<string, NextstepPlugin<any>[]>();
  plugins.forEach((plugin, index) => {
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string' || plugin.name === '') {
      return problem(`Plugin #${index - builtinCount + 1} has no name.`);
    }
    const who = `Plugin ${label(plugin)}`;
    if (plugin.apply !== undefined && !isFunction(plugin.apply)) problem(`${who}: apply is not a function.`);
    if (plugin.api !== PLUGIN_API_VERSION) {
      problem(
        typeof plugin.api === 'number'
          ? `${who} needs plugin API ${plugin.api}; core has plugin API ${PLUGIN_API_VERSION}.`
          : `${who} has no plugin API version (api: ${PLUGIN_API_VERSION}).`,
        'IncompatiblePlugin',
      );
    }
    if (!Array.isArray(plugin.steps)) return problem(`${who} has no steps list.`);
    for (const reg of plugin.steps) {
      if (!isRegistration(reg)) problem(`${who} has a step without type, handler or numeric stage.`);
      else if (reg.stage === undefined) owners.set(reg.type, [...(owners.get(reg.type) ?? []), plugin]);
    }
  });
  for (const [type, list] of owners) {
    if (list.length > 1) {
      problem(
        `Step ${type} is handled by ${list.map(label).join(' and ')}; remove one, or give one a stage to replace or follow the other.`,
        'DuplicateStepClaim',
      );
    }
  }
  if (texts.length > 0) {
    throw configError(texts.length === 1 ? names[0]! : 'InvalidPluginConfiguration', texts.join(' '), { problems: texts });
  }
}

/**
 * Checks the plugins, taps each step registration (with its stage) into `hooks.step`, then
 * runs every `apply` with the hooks but `step`. The step hooks are thus the single record of
 * what is installed.
 */
export function registerPlugins(plugins: readonly NextstepPlugin<any>[], hooks: AuthHooks, logger: Logger, builtinCount: number): void {
  checkPlugins(plugins, builtinCount);
  for (const plugin of plugins) {
    for (const reg of plugin.steps) {
      const handler = reg.handler;
      const choose = typeof handler === 'function' ? handler : () => handler;
      hooks.step.for(reg.type).tap(reg.stage === undefined ? plugin.name : { name: plugin.name, stage: reg.stage }, choose);
    }
  }
  const { step: _step, ...rest } = hooks;
  const host = Object.freeze({ hooks: Object.freeze(rest) as PluginHooks, api: PLUGIN_API_VERSION, logger });
  for (const plugin of plugins) plugin.apply?.(host);
}

/** True when some plugin (or the app) registered a handler for the step type. */
export function isInstalled(hooks: AuthHooks, type: string): boolean {
  return (hooks.step.get(type)?.taps.length ?? 0) > 0;
}
