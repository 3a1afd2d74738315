/**
 * `@nextstep/core/testing`: a testing kit for plugin authors. Unit-test a handler with a
 * complete fake `StepContext` and the handler core's real registration picks; run it
 * end to end against `@nextstep/emulator` (an optional peer dependency) with
 * {@link startEmulatorPool}.
 *
 * ```ts
 * import { descriptor, fakeContext, handlerFor } from '@nextstep/core/testing';
 * const step = descriptor('CONFIRM_SIGN_IN_WITH_SMS_CODE', 'SMS_MFA');
 * const outcome = await handlerFor(sms(), step)!.answer('123456', fakeContext(step));
 * ```
 * @packageDocumentation
 * @module @nextstep/core/testing
 */
export { descriptor, fakeContext } from './testing/fake-context.js';
export type { FakeContext, FakeContextInit, RecordedCall } from './testing/fake-context.js';
export { handlerFor } from './testing/handler-for.js';
export { startEmulatorPool } from './testing/emulator-pool.js';
export type { EmulatorPool } from './testing/emulator-pool.js';
