import type { IbmObject } from '../dto/ibm.dto';
import { resourceTypeOf, toResourceRecord } from './resource.mapper';

describe('resource mapper', () => {
  // The seed has no sample response; the fields are those of SearchObject (vendor digest section 3.2).
  const sqlDatabase: IbmObject = {
    id: 23,
    name: 'db01',
    sourceId: 14,
    environment: 'kSQL',
    objectType: 'kDatabase',
    objectProtectionInfos: [
      { objectId: 23, regionId: 'us-east', protectionGroups: [{ id: '5901263190628181:1725393921826:8121', name: 'gw-db', policyId: '5901263190628181:1725393921826:8120' }] },
    ],
  };

  it('maps an object to a resource named by its protection groups', () => {
    expect(toResourceRecord(sqlDatabase)).toEqual({
      nativeId: '23',
      name: 'db01',
      type: 'database',
      nativeType: 'kSQL/kDatabase',
      region: 'us-east',
      tags: {},
      policyNativeIds: ['5901263190628181:1725393921826:8121'],
      native: sqlDatabase,
    });
  });

  it.each([
    ['kPhysical', 'kHost', 'other'],
    ['kSQL', 'kInstance', 'application'],
    ['kSQL', 'kAAG', 'application'],
    ['kSQL', 'kDatabase', 'database'],
  ])('types %s %s as %s', (environment, objectType, type) => expect(resourceTypeOf(environment, objectType)).toBe(type));
});
