import { defaultRestoreName, restoreOptionsSchema, toRecoverBody } from './restore.mapper';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const suffix = `-r${NOW.toString(36)}`;

describe('restore options and CPM recover bodies', () => {
  it('fills the RDS database body (§7.55.2) from the target name and options', () => {
    const body = toRecoverBody('rds_databases', { mode: 'alternate', name: 'orders-copy' }, { dbInstanceClass: 'db.t3.small', multiAz: true, storageType: 'io1', iops: 1000, port: 5433 }, 'orders-db', NOW);
    expect(body).toEqual({ aws_resource_id: 'orders-copy', db_instance_class: 'db.t3.small', multi_az: true, storage_type: 'io1', iops: 1000, port: 5433 });
  });

  it('names a new database after the original when the target has no name, since CPM requires aws_resource_id', () => {
    expect(toRecoverBody('rds_databases', { mode: 'alternate' }, {}, 'orders-db', NOW)).toEqual({ aws_resource_id: `orders-db${suffix}` });
    expect(defaultRestoreName('x'.repeat(80), NOW)).toHaveLength(63);
  });

  it('gives an Aurora cluster (§7.51.2) both required identifiers', () => {
    expect(toRecoverBody('rds_clusters', { mode: 'alternate', name: 'aurora-copy' }, { zone: 'eu-west-1b' }, 'analytics-aurora', NOW)).toEqual({
      aws_resource_id: 'aurora-copy',
      aws_dbinstance_id: 'aurora-copy-instance-1',
      zone: 'eu-west-1b',
    });
    expect(toRecoverBody('rds_clusters', { mode: 'alternate', name: 'c' }, { instanceName: 'c-1' }, 'x', NOW)).toEqual({ aws_resource_id: 'c', aws_dbinstance_id: 'c-1' });
  });

  it('sends a DynamoDB table (§7.27.2) its new name as aws_resource_name, and nothing else', () => {
    expect(toRecoverBody('dynamodb_tables', { mode: 'alternate', name: 'sessions-copy' }, {}, 'sessions', NOW)).toEqual({ aws_resource_name: 'sessions-copy' });
  });

  it('lowercases the default Redshift identifier (§7.59.2)', () => {
    expect(toRecoverBody('redshift_clusters', { mode: 'alternate' }, { publiclyAccessible: false, port: 5440 }, 'Warehouse', NOW)).toEqual({
      aws_resource_id: `warehouse${suffix}`,
      publicly_accessible: false,
      port: 5440,
    });
  });

  it('recovers EFS (§7.31.2) to a new file system, preserving tags unless told otherwise', () => {
    expect(toRecoverBody('efs', { mode: 'alternate' }, { performanceMode: 'maxIO' }, 'fs-1', NOW)).toEqual({ preserve_tags: true, performance_mode: 'maxIO', target_efs: 'N' });
    expect(toRecoverBody('efs', { mode: 'alternate' }, { preserveTags: false, performanceMode: 'fast' }, 'fs-1', NOW)).toEqual({ preserve_tags: false, target_efs: 'N' });
  });

  it('keeps the instance and volume bodies (§7.40.2, §7.63.2) as they were', () => {
    expect(toRecoverBody('instances', { mode: 'alternate' }, { instanceType: 'r5.xlarge' }, 'i-1', NOW)).toEqual({ preserve_tags: true, instance_type: 'r5.xlarge' });
    expect(toRecoverBody('volumes', { mode: 'alternate' }, { zone: 'eu-west-1b' }, 'vol-1', NOW)).toEqual({ preserve_tags: true, zone: 'eu-west-1b' });
  });

  it('publishes a name in the target schema only where CPM takes one', () => {
    expect(restoreOptionsSchema('rds_databases').target).toMatchObject({ properties: { mode: { enum: ['alternate'] }, name: { type: 'string' } } });
    expect(restoreOptionsSchema('volumes').target).toEqual({ type: 'object', properties: { mode: { enum: ['alternate'] } }, required: ['mode'], additionalProperties: false });
    expect(Object.keys(restoreOptionsSchema('rds_databases').options.properties as object)).toEqual(['dbInstanceClass', 'zone', 'subnetGroupName', 'port', 'publiclyAccessible', 'multiAz', 'storageType', 'iops']);
    expect(restoreOptionsSchema('dynamodb_tables').options).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });
});
