/**
 * The plugin API version: an integer, independent of `@nextstep/core`'s package version. It
 * changes only when the plugin contract (`@nextstep/core/plugin`) changes incompatibly;
 * `createAuth` refuses a plugin written for another one.
 * @module
 */

/** The plugin API version this core implements. A plugin sets `api: PLUGIN_API_VERSION`. */
export const PLUGIN_API_VERSION = 1;
