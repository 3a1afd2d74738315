/**
 * The public types of nextstep's core: steps, answers, plugins, hooks, transport.
 *
 * This file is the contract between core, the step plugins, the apps and third parties.
 * Change a shape here only with a reason, and update every package that uses it.
 * @module
 */
export type * from './types/steps.js';
export type * from './types/inputs.js';
export type * from './types/handlers.js';
export type * from './types/transport.js';
export type * from './types/errors.js';
export type * from './types/plugins.js';
export type * from './types/config.js';
