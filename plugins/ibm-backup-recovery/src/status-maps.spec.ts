import { silentLogger } from '@backbridge/plugin-sdk';
import { recoveryStatusToWork, runStatusToWork } from './status-maps';

describe('status maps', () => {
  // The run statuses the seed lists for localBackupRunStatus, and the recovery statuses of GET /data-protect/recoveries.
  it.each([
    ['Accepted', 'pending'],
    ['OnHold', 'pending'],
    ['Running', 'running'],
    ['Finalizing', 'running'],
    ['Paused', 'running'],
    ['Canceling', 'cancelling'],
    ['Canceled', 'cancelled'],
    ['Succeeded', 'succeeded'],
    ['SucceededWithWarning', 'succeeded'],
    ['Failed', 'failed'],
    ['Missed', 'failed'],
    ['Skipped', 'cancelled'],
  ])('run %s -> %s', (status, work) => expect(runStatusToWork(status, {}, silentLogger)).toBe(work));

  it('tells partial outcomes from the object counts', () => {
    expect(runStatusToWork('Failed', { successfulObjectsCount: 2, failedObjectsCount: 1 }, silentLogger)).toBe('partially_succeeded');
    expect(runStatusToWork('SucceededWithWarning', { successfulObjectsCount: 2, failedObjectsCount: 1 }, silentLogger)).toBe('partially_succeeded');
  });

  it('maps LegalHold (recoveries only) to running and an unknown status to running with a warning, never to success', () => {
    const warn = jest.fn();
    expect(recoveryStatusToWork('LegalHold', silentLogger)).toBe('running');
    expect(recoveryStatusToWork('Teleported', { ...silentLogger, warn })).toBe('running');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
