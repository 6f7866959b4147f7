import { fixture } from '../../test/fixtures';
import type { PdsDeployment } from '../dto/deployment.dto';
import { toResourceRecord } from './resource.mapper';

describe(toResourceRecord.name, () => {
  const documented = fixture<PdsDeployment>('deployment.get');

  it('maps the documented Deployment sample: id, name, one node = database, no tags, unreadable timestamps left out', () => {
    const record = toResourceRecord(documented, { policyNativeIds: [] });
    expect(record).toEqual({
      nativeId: 'string',
      name: 'string',
      type: 'database',
      nativeType: 'Deployment',
      tags: {},
      policyNativeIds: [],
      native: documented,
    });
  });

  it('names the data service and calls several nodes a database cluster', () => {
    const record = toResourceRecord(
      { ...documented, node_count: 3, created_at: '2022-04-02T19:57:31.414608Z' },
      { dataService: { id: 'ds', name: 'PostgreSQL', short_name: 'pg' }, policyNativeIds: ['p2', 'p1'], lastBackupAt: '2022-05-01T02:03:04.000001Z' },
    );
    expect(record).toMatchObject({
      type: 'database-cluster',
      nativeType: 'PostgreSQL',
      policyNativeIds: ['p1', 'p2'],
      createdAt: '2022-04-02T19:57:31.414Z',
      lastBackupAt: '2022-05-01T02:03:04.000Z',
    });
  });
});
