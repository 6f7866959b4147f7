import instances from '../../test/fixtures/targets-instances-list.json';
import volumes from '../../test/fixtures/targets-volumes-list.json';
import rdsDatabases from '../../test/fixtures/targets-rds-databases-list.json';
import rdsClusters from '../../test/fixtures/targets-rds-clusters-list.json';
import dynamodbTables from '../../test/fixtures/targets-dynamodb-tables-list.json';
import redshiftClusters from '../../test/fixtures/targets-redshift-clusters-list.json';
import efs from '../../test/fixtures/targets-efs-list.json';
import { toResourceRecord } from './resource.mapper';

describe('toResourceRecord', () => {
  it('maps an instance target (§13.31) to a vm named by its AWS id, with every policy that protects it', () => {
    const target = instances.payload[0];
    expect(toResourceRecord('instances', [{ policyId: '9', target }, { policyId: '7', target }])).toMatchObject({
      nativeId: 'i-0a1b2c3d4e5f60718',
      name: 'web-01',
      type: 'vm',
      nativeType: 'instances',
      region: 'us-east-1',
      tags: {},
      policyNativeIds: ['7', '9'],
    });
  });

  it('maps a volume target (§13.52) to a volume with its zone and creation time', () => {
    expect(toResourceRecord('volumes', [{ policyId: '7', target: volumes.payload[0] }])).toMatchObject({
      nativeId: 'vol-0f1e2d3c4b5a69788',
      type: 'volume',
      zone: 'us-east-1a',
      createdAt: '2018-02-01T08:00:00.000Z',
    });
  });

  it('maps an RDS database target (§13.44), which has no name, to a database named by its identifier', () => {
    expect(toResourceRecord('rds_databases', [{ policyId: '7', target: rdsDatabases.payload[0] }], '2018-08-21T02:30:00.000Z')).toEqual({
      nativeId: 'orders-db',
      name: 'orders-db',
      type: 'database',
      nativeType: 'rds_databases',
      region: 'us-east-1',
      zone: 'us-east-1a',
      tags: {},
      policyNativeIds: ['7'],
      lastBackupAt: '2018-08-21T02:30:00.000Z',
      native: { family: 'rds_databases', targets: [{ policy: '7', ...rdsDatabases.payload[0] }] },
    });
  });

  it('maps an RDS (Aurora) cluster target (§13.40) to a database-cluster', () => {
    expect(toResourceRecord('rds_clusters', [{ policyId: '8', target: rdsClusters.payload[0] }])).toMatchObject({
      nativeId: 'analytics-aurora', name: 'analytics-aurora', type: 'database-cluster', nativeType: 'rds_clusters', region: 'eu-west-1', zone: 'eu-west-1a',
    });
  });

  it('maps a DynamoDB table target (§13.22) to a database named by aws_resource_name, without a zone', () => {
    const record = toResourceRecord('dynamodb_tables', [{ policyId: '7', target: dynamodbTables.payload[0] }]);
    expect(record).toMatchObject({ nativeId: 'sessions', name: 'sessions', type: 'database', nativeType: 'dynamodb_tables', region: 'us-east-1' });
    expect(record.zone).toBeUndefined();
    expect(record.lastBackupAt).toBeUndefined();
  });

  it('maps a Redshift cluster target (§13.48) to a database-cluster', () => {
    expect(toResourceRecord('redshift_clusters', [{ policyId: '8', target: redshiftClusters.payload[0] }])).toMatchObject({
      nativeId: 'warehouse', name: 'warehouse', type: 'database-cluster', nativeType: 'redshift_clusters', zone: 'eu-west-1b',
    });
  });

  it('maps an EFS target (§13.26) to a file-system with its name', () => {
    expect(toResourceRecord('efs', [{ policyId: '7', target: efs.payload[0] }])).toMatchObject({
      nativeId: 'fs-0a1b2c3d', name: 'shared-assets', type: 'file-system', nativeType: 'efs', region: 'us-east-1',
    });
  });
});
