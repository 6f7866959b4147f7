import { silentLogger } from '@backbridge/plugin-sdk';
import checkpointExample from '../test/fixtures/checkpoint-create.json';
import { cbrBackupStatusesOf, checkpointToWorkStatus, taskToWorkStatus, toRecoveryPointStatus } from './status-maps';

describe('status maps', () => {
  it('follows the restore point of the create example as running', () => {
    expect(checkpointToWorkStatus(checkpointExample.checkpoint.status, silentLogger)).toBe('running');
    expect(checkpointToWorkStatus('available', silentLogger)).toBe('succeeded');
    expect(checkpointToWorkStatus('error-deleting', silentLogger)).toBe('failed');
  });

  it('never maps an unknown value to a success, and says so in the log', () => {
    const warn = jest.fn();
    const log = { ...silentLogger, warn };
    expect(taskToWorkStatus('finished', log)).toBe('running');
    expect(checkpointToWorkStatus('done', log)).toBe('running');
    expect(toRecoveryPointStatus(undefined, log)).toBe('creating');
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('maps task outcomes: timeout fails, skipped is cancelled', () => {
    expect(taskToWorkStatus('timeout', silentLogger)).toBe('failed');
    expect(taskToWorkStatus('skipped', silentLogger)).toBe('cancelled');
    expect(taskToWorkStatus('waiting', silentLogger)).toBe('pending');
  });

  it('turns a unified status filter into every CBR status behind it', () => {
    expect(cbrBackupStatusesOf('creating')).toEqual(['waiting_protect', 'protecting']);
    expect(cbrBackupStatusesOf('expired')).toEqual([]);
  });
});
