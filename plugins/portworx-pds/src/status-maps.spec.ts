import { fixture, recordingLogger } from '../test/fixtures';
import { toBackupCrWorkStatus, toJobStatus, toRecoveryPointKind } from './status-maps';

describe('status maps', () => {
  it('maps both backup levels the Create Backup sample names ("snapshot or incremental") without a warning', () => {
    const { backup_level: levels } = fixture<{ backup_level: string }>('backup-create.request');
    const { logger, warnings } = recordingLogger();
    expect(levels.split(' or ').map((level) => toRecoveryPointKind(level, logger))).toEqual(['full', 'incremental']);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['Active', 'running'],
    ['Succeeded', 'succeeded'],
    ['Failed', 'failed'],
  ])('maps completion_status %p to %p', (status, expected) => {
    const { logger, warnings } = recordingLogger();
    expect(toJobStatus(status, logger)).toBe(expected);
    expect(warnings).toEqual([]);
  });

  it('never turns an unknown value into a success: it warns and keeps the work open', () => {
    const { logger, warnings } = recordingLogger();
    expect(toJobStatus('Completed', logger)).toBe('running');
    expect(toBackupCrWorkStatus(undefined, logger)).toBe('pending');
    expect(toRecoveryPointKind('differential', logger)).toBe('snapshot');
    expect(warnings).toHaveLength(3);
  });
});
