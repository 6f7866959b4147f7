import { silentLogger } from '@backbridge/plugin-sdk';
import backups from '../../test/fixtures/backups-list.json';
import recovery from '../../test/fixtures/recovery-read.json';
import type { CpmBackupRecord } from '../dto/cpm-dto';
import { backupToJob, parseRecoveredIds, recoveryToJob } from './job.mapper';

describe('backupToJob', () => {
  it('maps backup records (§7.1) to policy-wide backup jobs, letter by letter', () => {
    const [b, s, p] = (backups.payload as CpmBackupRecord[]).map((r) => backupToJob(r, silentLogger));
    expect(b).toMatchObject({ nativeId: 'backup-41', type: 'backup', status: 'succeeded', policyNativeId: '7', startedAt: '2018-08-21T02:30:00.000Z', endedAt: '2018-08-21T02:41:12.000Z' });
    expect(b.resourceNativeId).toBeUndefined();
    expect(s.status).toBe('partially_succeeded');
    expect(p).toMatchObject({ status: 'running' });
    expect(p.endedAt).toBeUndefined();
  });
});

describe('recoveryToJob', () => {
  it('maps a recovery record (§14.2) to a restore job of the original resource', () => {
    expect(recoveryToJob(recovery.payload, silentLogger)).toMatchObject({
      nativeId: 'recovery-5',
      type: 'restore',
      status: 'succeeded',
      startedAt: '2018-08-24T09:15:00.000Z',
      resourceNativeId: 'i-0a1b2c3d4e5f60718',
      policyNativeId: '7',
    });
  });

  it('reads the documented "ID (original: ORIGINAL ID),..." list', () => {
    expect(parseRecoveredIds('vol-1 (original: vol-a),vol-2 (original: vol-b)')).toEqual([
      { id: 'vol-1', original: 'vol-a' },
      { id: 'vol-2', original: 'vol-b' },
    ]);
    expect(parseRecoveredIds('')).toEqual([]);
  });
});
