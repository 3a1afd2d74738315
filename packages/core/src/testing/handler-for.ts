/** The handler core would pick for a step, through core's real registration. @module */
import { createAuth } from '../auth.js';
import { surfaceUnclaimed } from '../default-handlers.js';
import type { FlowInfo, NextstepPlugin, StepDescriptor, StepHandler, StepView } from '../types.js';

/**
 * Registers `plugins` as `createAuth` does (checks, stages, built-ins first) and returns the
 * handler core would pick for `step`, or undefined when the step would go to the default
 * handler. Nothing is sent anywhere.
 */
export function handlerFor<V extends StepView>(
  plugins: NextstepPlugin<V> | readonly NextstepPlugin<V>[],
  step: StepDescriptor,
  flow?: Partial<FlowInfo>,
): StepHandler<V> | undefined {
  const list: readonly NextstepPlugin<any>[] = Array.isArray(plugins) ? plugins : [plugins as NextstepPlugin<V>];
  const userPool = { userPoolId: flow?.userPoolId ?? 'us-east-1_Fake', clientId: flow?.clientId ?? 'fake-client' };
  const auth = createAuth({
    userPool,
    plugins: list,
    defaultHandler: surfaceUnclaimed,
    transport: { send: () => Promise.reject(new Error('handlerFor sends nothing')) },
  });
  const info: FlowInfo = { id: 'fake-flow', username: 'alice', authFlow: 'USER_SRP_AUTH', ...userPool, ...flow };
  return auth.hooks.step.get(step.type)?.call(step, info) as StepHandler<V> | undefined;
}
