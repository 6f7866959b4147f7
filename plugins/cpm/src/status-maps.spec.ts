import { silentLogger } from '@backbridge/plugin-sdk';
import { backupWorkStatus, recoveryPointStatus, recoveryWorkStatus } from './status-maps';

describe('status maps', () => {
  it('reads A differently in a backup record and in a recovery', () => {
    expect(backupWorkStatus('A', silentLogger)).toBe('partially_succeeded');
    expect(recoveryWorkStatus('A', silentLogger)).toBe('partially_succeeded');
    expect(backupWorkStatus('S', silentLogger)).toBe('partially_succeeded');
    expect(recoveryWorkStatus('R', silentLogger)).toBe('succeeded');
    expect(backupWorkStatus('I', silentLogger)).toBe('pending');
    expect(recoveryWorkStatus('P', silentLogger)).toBe('running');
  });

  it('never maps an unknown letter to a success, and warns', () => {
    const warn = jest.fn();
    const log = { ...silentLogger, warn };
    expect(backupWorkStatus('Q', log)).toBe('running');
    expect(recoveryWorkStatus(undefined, log)).toBe('running');
    expect(recoveryPointStatus('Q', {}, log)).toBe('creating');
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('marks a failed or deleted snapshot of a successful run as failed or expired', () => {
    expect(recoveryPointStatus('B', { succeeded: false }, silentLogger)).toBe('failed');
    expect(recoveryPointStatus('B', { succeeded: true, deletion_time: '2018-01-01T00:00:00Z' }, silentLogger)).toBe('expired');
    expect(recoveryPointStatus('G', {}, silentLogger)).toBe('expired');
  });
});
