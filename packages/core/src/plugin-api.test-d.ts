import { expectTypeOf, test } from 'vitest';
import {
  definePlugin,
  PLUGIN_API_VERSION,
  type NextstepPlugin,
  type PluginHooks,
  type PluginSteps,
  type StepContext,
  type StepHandler,
  type StepOutcome,
  type StepRegistration,
} from './plugin.js';

interface PinStep {
  signInStep: 'ACME_PIN';
  digits: number;
}

test('a handler typed with its step must show that step', () => {
  const ok: StepHandler<PinStep> = {
    plugin: 'p',
    view: () => ({ signInStep: 'ACME_PIN', digits: 4 }),
    answer: async () => ({ kind: 'restart' }),
  };
  expectTypeOf(ok.view).returns.toEqualTypeOf<PinStep>();
  const bad: StepHandler<PinStep> = {
    plugin: 'p',
    // @ts-expect-error: the view lacks `digits`
    view: () => ({ signInStep: 'ACME_PIN' }),
    answer: async () => ({ kind: 'restart' }),
  };
  void bad;
});

test('outcomes are declarative values, and the context has no optional members', () => {
  expectTypeOf<StepOutcome['kind']>().toEqualTypeOf<'respond' | 'response' | 'step' | 'restart'>();
  // @ts-expect-error: there is no callback into the flow
  type NoRestart = StepContext['restart'];
  // @ts-expect-error: nor a Session writer
  type NoSetSession = StepContext['setSession'];
  expectTypeOf<StepContext['now']>().toEqualTypeOf<() => number>();
  expectTypeOf<StepContext['flow']['authFlow']>().toBeString();
  expectTypeOf<undefined extends StepContext['flow'] ? true : false>().toEqualTypeOf<false>();
});

test('a plugin registers steps; it cannot tap the step hook itself', () => {
  expectTypeOf<PluginHooks>().not.toHaveProperty('step');
  expectTypeOf<StepRegistration['stage']>().toEqualTypeOf<number | undefined>();
  const p = definePlugin<PinStep>({ name: '@acme/pin', api: PLUGIN_API_VERSION, steps: [] });
  expectTypeOf(p).toEqualTypeOf<NextstepPlugin<PinStep>>();
  expectTypeOf<PluginSteps<[typeof p]>>().toEqualTypeOf<PinStep>();
  // @ts-expect-error: `api` is required
  const noApi: NextstepPlugin = { name: 'x', steps: [] };
  void noApi;
});
