import type { PluginLogger } from '@backbridge/plugin-sdk';

/** What mappers need besides the vendor object: no I/O, no clock of their own. */
export interface MapContext {
  region?: string;
  log: PluginLogger;
}
