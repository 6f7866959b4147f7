/**
 * Many operations through one gateway: 200 backups across the four vendors' emulators, each
 * followed by the workers to the vendor's own outcome.
 */
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { SANDBOX_EMULATORS } from '@backbridge/sandbox';
import { SHIPPED_PLUGINS } from '../../apps/gateway/src/plugins/plugin-catalogue';
import { backupableResources, connectEmulators, inBatches } from '../support/fleet';
import { startTestGateway, waitForOperation, type TestGateway } from '../support/test-gateway';

jest.setTimeout(180_000);

const OPERATIONS = 200;

describe('200 backup operations across the four vendors', () => {
  let gateway: TestGateway;
  let emulators: RunningEmulator[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ plugins: SHIPPED_PLUGINS });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(emulators.map((e) => e.stop()));
  });

  it('all reach done, each with the outcome of its vendor job', async () => {
    const fleet = await connectEmulators(gateway.admin, SANDBOX_EMULATORS, { copies: 2, tag: 'load', timeScale: 0.05 });
    emulators = fleet.running;
    const resources = await backupableResources(gateway.admin, fleet.connections);
    expect(new Set(resources.map((r) => r.provider))).toEqual(new Set(['cpm', 'ibm-backup-recovery', 'huawei-cbr', 'portworx-pds']));
    const operator = await gateway.as('operator');

    // One running backup per resource at a time (the gateway refuses a second with 409): waves.
    const finished: any[] = [];
    while (finished.length < OPERATIONS) {
      const wave = resources.slice(0, OPERATIONS - finished.length);
      const started = await inBatches(wave, 10, (r) => operator.post('/v1/backups', { resource: r.id }));
      const refused = started.map((answer, i) => ({ answer, resource: wave[i] })).filter((x) => x.answer.status !== 202);
      expect(refused.map((x) => `${x.resource.provider} ${x.resource.name}: ${x.answer.status} ${x.answer.body.detail}`)).toEqual([]);
      finished.push(...(await Promise.all(started.map((s) => waitForOperation(operator, s.body.id, 60_000)))));
    }

    expect(finished).toHaveLength(OPERATIONS);
    expect(finished.filter((o) => !o.done).map((o) => o.id)).toEqual([]);
    const byProvider: Record<string, number> = {};
    for (const operation of finished) {
      byProvider[operation.provider] = (byProvider[operation.provider] ?? 0) + 1;
      // The vendor's outcome: the operation ends as the vendor's job for it did.
      const job = await operator.get(`/v1/jobs/${operation.job}`);
      expect({ operation: operation.id, status: operation.status }).toEqual({ operation: operation.id, status: job.body.status });
      if (operation.status === 'succeeded') expect(operation.result.recoveryPoints.length).toBeGreaterThan(0);
    }
    expect(Object.keys(byProvider).sort()).toEqual(['cpm', 'huawei-cbr', 'ibm-backup-recovery', 'portworx-pds']);
  });
});
