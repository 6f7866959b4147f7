import { silentLogger } from '@backbridge/plugin-sdk';
import createExample from '../../test/fixtures/vault-create.json';
import showExample from '../../test/fixtures/vault-show.json';
import type { CbrVault } from '../dto/vault.dto';
import { toResourceRecord } from './resource.mapper';
import { toVaultRecord } from './vault.mapper';

describe('toVaultRecord', () => {
  it('maps the show example: size in GB, used in MB', () => {
    const vault = { ...(showExample.vault as CbrVault), billing: { ...(showExample.vault as CbrVault).billing, used: 512 } };
    expect(toVaultRecord(vault, { log: silentLogger, region: 'r1' })).toEqual({
      nativeId: '2b076f26-391f-40fa-bf71-a798940faccf',
      name: 'sdk-vault1595581958',
      kind: 'vault',
      region: 'r1',
      capacityBytes: 40 * 2 ** 30,
      usedBytes: 512 * 2 ** 20,
      createdAt: '2020-07-24T09:12:49.491Z',
      native: vault,
    });
  });
});

describe('toResourceRecord', () => {
  it('maps the resource of the vault-create example, with the vault it is in', () => {
    const vault = createExample.vault as CbrVault;
    const record = toResourceRecord(vault.resources[0], vault, ['p2', 'p1'], { log: silentLogger, region: 'r1' });
    expect(record).toMatchObject({ nativeId: '23a320a5-3efd-4568-b1aa-8dd9183cc64c', name: 'ecs-b977-0002', type: 'vm', nativeType: 'OS::Nova::Server', tags: {}, policyNativeIds: ['p1', 'p2'] });
    expect(record.native).toMatchObject({ vault_id: vault.id });
  });
});
