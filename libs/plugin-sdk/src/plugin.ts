import type { Capabilities } from './capabilities';
import type { ConnectionSchema } from './connection-schema';
import type { PluginLogger } from './logger';
import type { ProviderSession } from './session';

/** The contract version this SDK speaks; the gateway refuses plugins built for another. */
export const SDK_CONTRACT_VERSION = 1;

/** Vendor call outcomes, for the gateway's metrics. */
export type VendorCallOutcome = 'ok' | 'client_error' | 'server_error' | 'timeout' | 'network_error' | 'circuit_open';

export interface VendorCallObserver {
  (call: { plugin: string; method: string; outcome: VendorCallOutcome; seconds: number }): void;
}

/** What a session is bound to: one connection, with its credentials already decrypted. */
export interface ConnectionContext {
  id: string;
  name: string;
  endpoint: string;
  region?: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  logger: PluginLogger;
  /** Reported once per vendor HTTP call (by VendorHttpClient). */
  observeVendorCall?: VendorCallObserver;
  /** Per-call timeout the gateway wants, in milliseconds. */
  timeoutMs?: number;
}

export interface BackupProviderPlugin {
  /** kebab-case, equal to the folder name and the API's `provider` value. */
  id: string;
  displayName: string;
  version: string;
  sdkVersion: typeof SDK_CONTRACT_VERSION;
  capabilities: Capabilities;
  connectionSchema: ConnectionSchema;
  connect(connection: ConnectionContext): ProviderSession | Promise<ProviderSession>;
}
