import { EmulatorServer, TokenStore, VendorClock, type RunningEmulator, type SandboxEmulator } from '@backbridge/emulator-kit';
import { PdsAuth } from './auth';
import { pdsErrorBody } from './errors';
import { seededUuids } from './ids';
import { registerRoutes } from './routes';
import { SEED_SERVICE_IDENTITY, seedExtraRecoveryPoints, seedStore } from './seed';
import { PdsStore } from './store';

/**
 * The Portworx Data Services control plane (API version 121) in memory: service-identity tokens,
 * deployments, backup targets, policies, backups, backup jobs and restores, with asynchronous work
 * moving through the vendor's states as the (scaled) clock advances.
 */
export const portworxPdsEmulator: SandboxEmulator = {
  pluginId: 'portworx-pds',
  async start(options = {}): Promise<RunningEmulator> {
    const clock = new VendorClock(options.timeScale ?? 1);
    const store = new PdsStore(clock, seededUuids(121));
    seedStore(store);
    seedExtraRecoveryPoints(store, options.extraRecoveryPoints ?? 0);
    const auth = new PdsAuth(new TokenStore<string>(() => clock.now()));
    const server = new EmulatorServer({ name: 'portworx-pds', faults: options.faults, errorBody: (_status, message) => pdsErrorBody(message) });
    auth.register(server);
    registerRoutes(server, store);
    const endpoint = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return {
      pluginId: 'portworx-pds',
      endpoint: options.host && options.host !== '127.0.0.1' && options.host !== '0.0.0.0' ? endpoint.replace('127.0.0.1', options.host) : endpoint,
      config: { tenantId: store.tenant.id, projectId: store.project.id, defaultBackupTargetId: [...store.backupTargets.keys()][0] },
      credentials: { type: 'serviceIdentity', clientId: SEED_SERVICE_IDENTITY.clientId, clientToken: SEED_SERVICE_IDENTITY.clientToken },
      setFaults: (faults) => server.faults.set(faults),
      expireTokens: () => auth.expireAll(),
      stop: () => server.close(),
    };
  },
};
