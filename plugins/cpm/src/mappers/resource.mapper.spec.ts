import instances from '../../test/fixtures/targets-instances-list.json';
import volumes from '../../test/fixtures/targets-volumes-list.json';
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
});
