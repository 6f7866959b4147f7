import { fixture, recordingLogger } from '../../test/fixtures';
import type { PdsBackupJob } from '../dto/backup-job.dto';
import type { PdsBackup } from '../dto/backup.dto';
import { toRecoveryPointRecord } from './recovery-point.mapper';

describe(toRecoveryPointRecord.name, () => {
  const job = fixture<PdsBackupJob>('backup-job.get');
  const backup = fixture<PdsBackup>('backup.get');

  it('maps the documented BackupJob sample (Active) to a recovery point being created, with its Backup as context', () => {
    const { logger, warnings } = recordingLogger();
    const record = toRecoveryPointRecord(job, { backup }, logger);
    expect(record).toEqual({
      nativeId: 'string',
      resourceNativeId: 'string',
      resourceName: 'string',
      vaultNativeId: 'string',
      status: 'creating',
      kind: 'full',
      createdAt: '1970-01-01T00:00:00.000Z',
      native: job,
    });
    expect(warnings).toEqual([]);
  });

  it('reports size, completion and policy of a succeeded incremental job', () => {
    const { logger } = recordingLogger();
    const record = toRecoveryPointRecord(
      { ...job, completion_status: 'Succeeded', created_at: '2023-11-01T02:00:00.123456Z', completion_time: '2023-11-01T02:04:00.5Z', file_size: 1024 },
      { backup: { ...backup, backup_level: 'incremental' }, resourceName: 'pg-orders', resourceType: 'database-cluster', policyNativeId: 'pol', region: 'us-east-1' },
      logger,
    );
    expect(record).toMatchObject({
      status: 'available',
      kind: 'incremental',
      createdAt: '2023-11-01T02:00:00.123Z',
      completedAt: '2023-11-01T02:04:00.500Z',
      sizeBytes: 1024,
      resourceName: 'pg-orders',
      resourceType: 'database-cluster',
      policyNativeId: 'pol',
      region: 'us-east-1',
    });
  });

  it('maps Failed to failed, and an unknown status to creating with a warning', () => {
    const { logger, warnings } = recordingLogger();
    expect(toRecoveryPointRecord({ ...job, completion_status: 'Failed' }, {}, logger).status).toBe('failed');
    expect(toRecoveryPointRecord({ ...job, completion_status: 'Paused' }, {}, logger).status).toBe('creating');
    expect(warnings).toEqual([expect.objectContaining({ context: expect.objectContaining({ value: 'Paused' }) })]);
  });
});
