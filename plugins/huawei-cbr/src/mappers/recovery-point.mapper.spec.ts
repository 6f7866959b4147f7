import { silentLogger } from '@backbridge/plugin-sdk';
import listExample from '../../test/fixtures/backup-list.json';
import showExample from '../../test/fixtures/backup-show.json';
import type { CbrBackup } from '../dto/backup.dto';
import { toRecoveryPointRecord } from './recovery-point.mapper';

const ctx = (now: string, policyOfVault = new Map<string, string>()) => ({ log: silentLogger, region: 'ap-southeast-1', policyOfVault, now: new Date(now) });

describe('toRecoveryPointRecord', () => {
  it('maps the show example: a server backup made by the vault policy, timestamps in UTC', () => {
    const backup = showExample.backup as CbrBackup;
    const record = toRecoveryPointRecord(backup, ctx('2019-06-01T00:00:00Z', new Map([[backup.vault_id, 'policy-1']])));
    expect(record).toEqual({
      nativeId: '6df2b54c-dd62-4059-a07c-1b8f24f2725d',
      resourceNativeId: '94eba8b2-acc9-4d82-badc-127144cc5526',
      resourceName: 'ecs-1f0f-0002',
      resourceType: 'vm',
      policyNativeId: 'policy-1',
      vaultNativeId: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
      status: 'available',
      kind: 'full',
      createdAt: '2019-05-10T07:59:12.084Z',
      region: 'ap-southeast-1',
      native: backup,
    });
  });

  it('maps the list example: a disk backup, its expiry, and expired once past expired_at', () => {
    const [server, disk] = listExample.backups as CbrBackup[];
    const before = toRecoveryPointRecord(disk, ctx('2020-03-01T00:00:00Z'));
    expect(before).toMatchObject({ resourceType: 'volume', status: 'available', expiresAt: '2020-03-22T07:00:34.877Z', completedAt: '2020-02-21T07:09:37.767Z' });
    expect(before.policyNativeId).toBeUndefined();
    expect(toRecoveryPointRecord(server, ctx('2020-06-01T00:00:00Z')).status).toBe('expired');
  });

  it('maps an unknown backup status to creating, not to available', () => {
    const odd = { ...(listExample.backups[0] as CbrBackup), status: 'frozen' as never };
    const warn = jest.fn();
    expect(toRecoveryPointRecord(odd, { ...ctx('2020-03-01T00:00:00Z'), log: { ...silentLogger, warn } }).status).toBe('creating');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('backup status'), expect.objectContaining({ value: 'frozen' }));
  });
});
