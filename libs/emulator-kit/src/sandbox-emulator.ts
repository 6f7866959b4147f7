import type { FaultOptions } from './faults';

/** How to start an emulator: all optional, so `npm start` and tests can share one entry. */
export interface EmulatorStartOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  faults?: FaultOptions;
  /** Multiplies emulated job durations (see VendorClock); default 1. */
  timeScale?: number;
  /**
   * Seeds this many recovery points on top of the usual sandbox data (spread over the seeded
   * resources, older than the rest), for deep-walk tests and the benchmark. Default 0.
   */
  extraRecoveryPoints?: number;
}

/** A running vendor emulator and what a connection to it needs. */
export interface RunningEmulator {
  pluginId: string;
  endpoint: string;
  region?: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  /** Switches fault injection at run time. */
  setFaults(faults: FaultOptions): void;
  /** Fault injection: every access token issued so far expires now. */
  expireTokens(): void;
  stop(): Promise<void>;
}

/** Starts one vendor's emulator, seeded with resources, policies, recovery points and jobs. */
export interface SandboxEmulator {
  pluginId: string;
  start(options?: EmulatorStartOptions): Promise<RunningEmulator>;
}
