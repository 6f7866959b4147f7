/** A running vendor emulator and what a connection to it needs. */
export interface RunningEmulator {
  pluginId: string;
  endpoint: string;
  region?: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Starts one vendor's emulator on 127.0.0.1, seeded with resources, policies and recovery points. */
export interface SandboxEmulator {
  pluginId: string;
  start(): Promise<RunningEmulator>;
}
