import { silentLogger } from '@backbridge/plugin-sdk';
import { recoveryStatusesFor, recoveryStatusToWork, runStatusesFor, runStatusToWork } from './status-maps';

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

  it('narrows a job list by status at IBM to every IBM status that can map to it', () => {
    expect(runStatusesFor('failed')).toEqual(['Failed', 'Missed']);
    expect(runStatusesFor('succeeded')).toEqual(['Succeeded', 'SucceededWithWarning']);
    expect(runStatusesFor('partially_succeeded')).toEqual(['SucceededWithWarning', 'Failed']);
    expect(runStatusesFor('cancelled')).toEqual(['Canceled', 'Skipped']);
    expect(recoveryStatusesFor('partially_succeeded')).toEqual([]);
    // Statuses IBM adds later map to running, so running is not narrowed at IBM.
    expect(runStatusesFor('running')).toBeUndefined();
    expect(recoveryStatusesFor('running')).toBeUndefined();
  });
});
