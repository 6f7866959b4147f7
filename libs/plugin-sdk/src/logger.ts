/** The slice of a logger a plugin may use; the gateway passes one that redacts secrets. */
export interface PluginLogger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  /** False when debug lines are dropped anyway, so callers can skip building them. Default: true. */
  isDebugEnabled?(): boolean;
}

export const silentLogger: PluginLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  isDebugEnabled: () => false,
};
