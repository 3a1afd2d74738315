/** The version of `@nextstep/core` that plugins check their `core` range against. */
export const CORE_VERSION = '0.1.0';
