import { fixture, recordingLogger } from '../../test/fixtures';
import type { PdsBackupJob, PdsRestore } from '../dto/backup-job.dto';
import type { PdsBackup } from '../dto/backup.dto';
import { toBackupJobRecord, toBackupWorkState, toRestoreJobRecord, toRestoreWorkState } from './job.mapper';

describe('job mappers', () => {
  const job = fixture<PdsBackupJob>('backup-job.get');
  const backup = fixture<PdsBackup>('backup.get');
  const restore = fixture<PdsRestore>('restore.start');

  describe(toBackupJobRecord.name, () => {
    it('maps the documented BackupJob sample to a running backup job', () => {
      const { logger } = recordingLogger();
      expect(toBackupJobRecord(job, undefined, logger)).toEqual({ nativeId: 'string', type: 'backup', status: 'running', resourceNativeId: 'string', native: job });
    });

    it('names its recovery point once Succeeded and its error once Failed', () => {
      const { logger } = recordingLogger();
      expect(toBackupJobRecord({ ...job, completion_status: 'Succeeded' }, 'pol', logger)).toMatchObject({ status: 'succeeded', recoveryPointNativeId: 'string', policyNativeId: 'pol' });
      expect(toBackupJobRecord({ ...job, completion_status: 'Failed' }, undefined, logger)).toMatchObject({ status: 'failed', error: { code: 'JobFailed', message: 'string' } });
    });
  });

  describe(toRestoreJobRecord.name, () => {
    it('maps the documented Restore sample; its unknown status "string" stays running with a warning', () => {
      const { logger, warnings } = recordingLogger();
      expect(toRestoreJobRecord(restore, logger)).toEqual({
        nativeId: 'string',
        type: 'restore',
        status: 'running',
        resourceNativeId: 'string',
        recoveryPointNativeId: 'string',
        native: restore,
      });
      expect(warnings).toHaveLength(1);
    });

    it.each([
      ['', 'pending'],
      ['Pending', 'pending'],
      ['RestoringCloudSnap', 'running'],
      ['DeploymentEnteringNormalMode', 'running'],
      ['Successful', 'succeeded'],
      ['Failed', 'failed'],
    ])('maps restore status %p to %p', (status, expected) => {
      const { logger, warnings } = recordingLogger();
      expect(toRestoreJobRecord({ ...restore, status }, logger).status).toBe(expected);
      expect(warnings).toEqual([]);
    });
  });

  describe(toBackupWorkState.name, () => {
    it('is pending while the Backup CR has no job yet, failed when the CR failed', () => {
      const { logger } = recordingLogger();
      expect(toBackupWorkState({ ...backup, state: 'pending' }, [], logger).status).toBe('pending');
      expect(toBackupWorkState({ ...backup, state: 'failed' }, [], logger)).toMatchObject({ status: 'failed', error: { code: 'BackupFailed' } });
    });

    it('follows the newest job and names it as the recovery point when it succeeded', () => {
      const { logger } = recordingLogger();
      const older = { ...job, id: 'old', completion_status: 'Failed', created_at: '2023-01-01T00:00:00Z' };
      const newer = { ...job, id: 'new', completion_status: 'Succeeded', created_at: '2023-01-02T00:00:00Z' };
      expect(toBackupWorkState(backup, [older, newer], logger)).toMatchObject({ status: 'succeeded', jobNativeId: 'new', result: { recoveryPointNativeIds: ['new'] } });
    });
  });

  describe(toRestoreWorkState.name, () => {
    it('reports the new deployment once Successful', () => {
      const { logger } = recordingLogger();
      expect(toRestoreWorkState({ ...restore, status: 'Successful' }, logger)).toMatchObject({ status: 'succeeded', result: { resourceNativeIds: ['string'] } });
    });
  });
});
