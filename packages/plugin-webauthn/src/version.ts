/** This package's version, kept in step with package.json by the release process. */
export const VERSION = '0.1.0';
/** The package name, used as the plugin name and tap name. */
export const PLUGIN_NAME = '@nextstep/plugin-webauthn';
