import { silentLogger } from '@backbridge/plugin-sdk';
import backups from '../../test/fixtures/backups-list.json';
import instances from '../../test/fixtures/snapshots-instances-list.json';
import volumes from '../../test/fixtures/snapshots-volumes-list.json';
import rdsDatabases from '../../test/fixtures/snapshots-rds-databases-list.json';
import rdsClusters from '../../test/fixtures/snapshots-rds-clusters-list.json';
import dynamodbTables from '../../test/fixtures/snapshots-dynamodb-tables-list.json';
import redshiftClusters from '../../test/fixtures/snapshots-redshift-clusters-list.json';
import efs from '../../test/fixtures/snapshots-efs-list.json';
import type { CpmBackupRecord, CpmTargetFamily, CpmVolumeRecord } from '../dto/cpm-dto';
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

  it.each<[CpmTargetFamily, CpmVolumeRecord, string, string]>([
    ['rds_databases', rdsDatabases.payload[0], 'database', '§7.52'],
    ['rds_clusters', rdsClusters.payload[0], 'database-cluster', '§7.48'],
    ['dynamodb_tables', dynamodbTables.payload[0], 'database', '§7.24'],
    ['redshift_clusters', redshiftClusters.payload[0], 'database-cluster', '§7.56'],
  ])('maps a %s snapshot record (%s) with its own times, unsized', (family, record, resourceType) => {
    const point = toRecoveryPoint(successful, family, record, silentLogger);
    expect(point).toEqual({
      nativeId: `41/${family}/${record.id}`,
      resourceNativeId: record.backed_up_resource_id,
      resourceName: record.backed_up_resource_name,
      resourceType,
      policyNativeId: '7',
      status: 'available',
      kind: 'snapshot',
      createdAt: '2018-08-21T02:30:00.000Z',
      completedAt: '2018-08-21T02:44:05.000Z',
      region: record.region,
      native: { backup: successful, family, record },
    });
  });

  it('maps an EFS backup (§7.28) to a file-system recovery point, expired once AWS Backup deleted it', () => {
    const point = toRecoveryPoint(successful, 'efs', efs.payload[0], silentLogger);
    expect(point).toMatchObject({ nativeId: '41/efs/314', resourceNativeId: 'fs-0a1b2c3d', resourceName: 'shared-assets', resourceType: 'file-system', status: 'expired' });
    expect(toRecoveryPoint(partial, 'efs', { ...efs.payload[0], deletion_time: null, succeeded: false }, silentLogger).status).toBe('failed');
  });
});
