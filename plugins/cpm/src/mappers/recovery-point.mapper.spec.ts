import { silentLogger } from '@backbridge/plugin-sdk';
import backups from '../../test/fixtures/backups-list.json';
import instances from '../../test/fixtures/snapshots-instances-list.json';
import volumes from '../../test/fixtures/snapshots-volumes-list.json';
import type { CpmBackupRecord } from '../dto/cpm-dto';
import { toRecoveryPoint } from './recovery-point.mapper';

const [successful, partial, running] = backups.payload as CpmBackupRecord[];

describe('toRecoveryPoint', () => {
  it('names a volume record (§7.60) by backup, family and record id, sized by the volume', () => {
    const point = toRecoveryPoint(partial, 'volumes', volumes.payload[0], silentLogger);
    expect(point).toEqual({
      nativeId: '42/volumes/301',
      resourceNativeId: 'vol-0f1e2d3c4b5a69788',
      resourceName: 'web-data',
      resourceType: 'volume',
      policyNativeId: '7',
      // The run is S (Not All Snapshots Succeeded) and this record did not succeed.
      status: 'failed',
      kind: 'snapshot',
      createdAt: '2018-08-22T02:30:00.000Z',
      completedAt: '2018-08-22T02:35:40.000Z',
      sizeBytes: 100 * 2 ** 30,
      region: 'us-east-1',
      native: expect.any(Object),
    });
  });

  it('takes an instance record’s times (§7.35 has none) from its backup record (§7.1)', () => {
    const point = toRecoveryPoint(successful, 'instances', instances.payload[0], silentLogger);
    expect(point).toMatchObject({ nativeId: '41/instances/300', resourceType: 'vm', status: 'available', createdAt: '2018-08-21T02:30:00.000Z', completedAt: '2018-08-21T02:41:12.000Z' });
    expect(point.sizeBytes).toBeUndefined();
  });

  it('is creating while the run is in progress, and expired once its snapshot is deleted', () => {
    expect(toRecoveryPoint(running, 'instances', instances.payload[0], silentLogger).status).toBe('creating');
    expect(toRecoveryPoint(successful, 'volumes', { ...volumes.payload[0], succeeded: true, deletion_time: '2018-09-01T00:00:00Z' }, silentLogger).status).toBe('expired');
    expect(toRecoveryPoint({ ...successful, status: 'D' }, 'instances', instances.payload[0], silentLogger).status).toBe('expired');
  });
});
