import { EmulatorServer, TokenStore, VendorClock, type EmulatorStartOptions, type RunningEmulator, type SandboxEmulator } from '@backbridge/emulator-kit';
import { registerAuth, type CpmTokens } from './auth-routes';
import { registerBackups } from './backup-routes';
import { CpmStore, seedStore } from './cpm-store';
import { errorBody } from './cpm-wire';
import { registerPolicies } from './policy-routes';

/** The API authentication key the emulated CPM user configured (Notifications → Configure API Authentication Key). */
export const CPM_EMULATOR_API_KEY = 'cpm-emulator-api-key-7f3a9c2e51d84b60';

export interface RunningCpmEmulator extends RunningEmulator {
  /** Fault injection: every refresh token issued so far expires now (the plugin must obtain new tokens with the key). */
  expireRefreshTokens(): void;
  /** Every request received, for tests that assert what was sent. */
  received: EmulatorServer['received'];
}

export interface CpmSandboxEmulator extends SandboxEmulator {
  start(options?: EmulatorStartOptions): Promise<RunningCpmEmulator>;
}

/**
 * An emulated N2WS CPM server (REST API 1.4.0): tokens from an API key, policies with targets of the
 * seven families (EC2 instances, EBS volumes, RDS databases and clusters, DynamoDB tables, Redshift
 * clusters, EFS), schedules, "backup ASAP" runs that move I → P → B over a few (scaled) seconds and
 * leave snapshot records, recoveries that move P → R, and the vendor's paging and error bodies.
 * `extraRecoveryPoints` adds older runs of the seeded policies holding that many more snapshot records.
 */
export const cpmEmulator: CpmSandboxEmulator = {
  pluginId: 'cpm',
  async start(options: EmulatorStartOptions = {}): Promise<RunningCpmEmulator> {
    const clock = new VendorClock(options.timeScale ?? 1);
    const store = new CpmStore(clock);
    seedStore(store, options.extraRecoveryPoints ?? 0);
    const tokens: CpmTokens = { apiKey: CPM_EMULATOR_API_KEY, access: new TokenStore(), refresh: new TokenStore() };
    const server = new EmulatorServer({
      name: 'cpm',
      faults: options.faults,
      errorBody: (status, message) => errorBody('detail', message, status === 429 ? 'throttled' : status === 404 ? 'not_found' : 'error'),
    });
    registerAuth(server, tokens);
    registerPolicies(server, store);
    registerBackups(server, store);
    const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return {
      pluginId: 'cpm',
      endpoint: url,
      config: { ownerUserId: 1, accountId: 1 },
      credentials: { type: 'apiKey', apiKey: CPM_EMULATOR_API_KEY },
      setFaults: (faults) => server.faults.set(faults),
      expireTokens: () => tokens.access.expireAll(),
      expireRefreshTokens: () => tokens.refresh.expireAll(),
      received: server.received,
      stop: () => server.close(),
    };
  },
};
