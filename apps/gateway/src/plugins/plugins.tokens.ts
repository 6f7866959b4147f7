export const LOADED_PLUGINS = Symbol('LOADED_PLUGINS');
