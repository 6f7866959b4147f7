import {
  EmulatorServer,
  TokenStore,
  VendorClock,
  type EmulatorStartOptions,
  type RunningEmulator,
  type SandboxEmulator,
} from '@backbridge/emulator-kit';
import { seedExtraRecoveryPoints } from './bulk-seed';
import { Cluster } from './cluster';
import { iamRoutes } from './iam';
import { errorBodyFor, ibmError } from './ibm-errors';
import { REGION_ID } from './model';
import { agentRoutes } from './routes/agents';
import { connectionRoutes } from './routes/connections';
import { fileRoutes } from './routes/files';
import { groupRoutes } from './routes/groups';
import { objectRoutes } from './routes/objects';
import { policyRoutes } from './routes/policies';
import { protectedObjectRoutes } from './routes/protected-objects';
import { recoveryRoutes } from './routes/recoveries';
import { registrationRoutes } from './routes/registrations';
import { runRoutes } from './routes/runs';
import { seedTenant } from './seed-data';

/** The tenant of the emulated instance; the service expects the trailing slash. */
export const EMULATOR_TENANT_ID = 'b7m3k9qx2p/';
export const EMULATOR_API_KEY = 'emulator-iam-apikey-0b1c2d3e4f5a6b7c8d9e';

/**
 * IBM Cloud Backup and Recovery as its API reference describes it: IAM tokens at
 * `/identity/token`, the data-protect API under `/v2` with `X-IBM-Tenant-Id` on every call.
 */
export const ibmBackupRecoveryEmulator: SandboxEmulator = {
  pluginId: 'ibm-backup-recovery',
  async start(options: EmulatorStartOptions = {}): Promise<RunningEmulator> {
    const clock = new VendorClock(options.timeScale ?? 1);
    const tokens = new TokenStore<string>(() => clock.now());
    const data = seedTenant(clock.now());
    if (options.extraRecoveryPoints) seedExtraRecoveryPoints(data, options.extraRecoveryPoints, clock.now());
    const cluster = new Cluster(data, clock);
    const server = new EmulatorServer({
      name: 'ibm-backup-recovery',
      faults: options.faults,
      errorBody: errorBodyFor,
    });

    server.use(({ headers }) => {
      const match = /^Bearer (.+)$/i.exec(headers.authorization ?? '');
      if (!match || !tokens.verify(match[1])) {
        const why = !match ? 'Authorization header is missing' : tokens.known(match[1]) ? 'the token has expired' : 'the token is not valid';
        throw ibmError('KStatusUnauthorized', `Unauthorized: ${why}`);
      }
      const tenant = headers['x-ibm-tenant-id'];
      if (tenant !== EMULATOR_TENANT_ID) {
        throw ibmError('KAccessDenied', tenant ? `Access denied for tenant '${tenant}'` : 'X-IBM-Tenant-Id header is required');
      }
    });
    iamRoutes(server, tokens, EMULATOR_API_KEY, () => clock.now());
    policyRoutes(server, cluster);
    groupRoutes(server, cluster);
    runRoutes(server, cluster);
    objectRoutes(server, cluster);
    recoveryRoutes(server, cluster);
    registrationRoutes(server, cluster);
    protectedObjectRoutes(server, cluster);
    connectionRoutes(server, cluster, EMULATOR_TENANT_ID);
    agentRoutes(server, cluster);
    fileRoutes(server, cluster);

    const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    const base = options.host && options.host !== '0.0.0.0' ? url.replace('127.0.0.1', options.host) : url;
    return {
      pluginId: 'ibm-backup-recovery',
      endpoint: `${base}/v2`,
      region: REGION_ID,
      config: { tenantId: EMULATOR_TENANT_ID, iamUrl: base },
      credentials: { type: 'iamApiKey', apiKey: EMULATOR_API_KEY },
      setFaults: (faults) => server.faults.set(faults),
      expireTokens: () => tokens.expireAll(),
      stop: () => server.close(),
    };
  },
};
