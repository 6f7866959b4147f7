import { EmulatorServer, TokenStore, VendorClock, type EmulatorStartOptions, type RunningEmulator, type SandboxEmulator } from '@backbridge/emulator-kit';
import { EMULATOR_ACCESS_KEY, EMULATOR_USER, authMiddleware, registerIamRoutes, registerProjectRoute } from './auth';
import { registerBackupRoutes } from './backup-routes';
import { seedExtraBackups } from './bulk-seed';
import { registerPolicyRoutes } from './policy-routes';
import { PROJECT, seedWorld } from './seed';
import { registerTaskRoutes } from './task-routes';
import { registerVaultAdminRoutes } from './vault-admin-routes';
import { registerVaultRoutes } from './vault-routes';

export { EMULATOR_ACCESS_KEY, EMULATOR_USER, PROJECT as EMULATOR_PROJECT };

/** Error bodies of what is not CBR's own answer: the API gateway's throttling, unknown paths, failures. */
function errorBody(status: number, message: string): unknown {
  if (status === 429) return { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 second' };
  if (status === 404) return { error_code: 'APIG.0101', error_msg: `The API does not exist or has not been published in the environment. ${message}` };
  if (status === 405) return { error_code: 'APIG.0101', error_msg: message };
  if (status >= 500) return { error_code: 'BackupService.9910', error_msg: 'Unknown error.' };
  return { error_code: 'BackupService.9900', error_msg: message };
}

/**
 * Huawei Cloud CBR v3 (API Reference 2021-09-30) with the IAM token endpoint, for one seeded
 * project. The IAM endpoint is served by the same server (its URL goes into config.iamEndpoint).
 */
export const huaweiCbrEmulator: SandboxEmulator = {
  pluginId: 'huawei-cbr',
  async start(options: EmulatorStartOptions = {}): Promise<RunningEmulator> {
    const clock = new VendorClock(options.timeScale ?? 1);
    const now = () => clock.now();
    const world = seedWorld(now());
    seedExtraBackups(world, options.extraRecoveryPoints ?? 0);
    const tokens = new TokenStore<string>(now);
    const server = new EmulatorServer({ name: 'huawei-cbr', faults: options.faults, errorBody });
    registerIamRoutes(server, tokens, now);
    server.use(authMiddleware(tokens, now));
    registerProjectRoute(server);
    registerVaultRoutes(server, world, clock);
    registerVaultAdminRoutes(server, world, clock);
    registerPolicyRoutes(server, world, clock);
    registerBackupRoutes(server, world, clock);
    registerTaskRoutes(server, world, clock);
    const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return {
      pluginId: 'huawei-cbr',
      endpoint: url,
      region: PROJECT.name,
      config: { projectId: PROJECT.id, iamEndpoint: url },
      credentials: { type: 'password', ...EMULATOR_USER, projectName: PROJECT.name },
      setFaults: (faults) => server.faults.set(faults),
      expireTokens: () => tokens.expireAll(),
      stop: () => server.close(),
    };
  },
};
