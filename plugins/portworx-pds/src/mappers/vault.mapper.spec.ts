import { fixture } from '../../test/fixtures';
import type { PdsBackupTarget } from '../dto/backup.dto';
import { toVaultRecord } from './vault.mapper';

describe(toVaultRecord.name, () => {
  it('maps the documented BackupTarget sample to a bucket with its region', () => {
    const target = fixture<PdsBackupTarget>('backup-target.get');
    expect(toVaultRecord(target)).toEqual({ nativeId: 'string', name: 'string', kind: 'bucket', region: 'string', native: target });
  });

  it('leaves out the empty region of a non-S3 target', () => {
    const target = { ...fixture<PdsBackupTarget>('backup-target.get'), region: '', created_at: '2023-01-02T03:04:05.000006Z' };
    const record = toVaultRecord(target);
    expect(record.region).toBeUndefined();
    expect(record.createdAt).toBe('2023-01-02T03:04:05.000Z');
  });
});
