import { silentLogger } from '@backbridge/plugin-sdk';
import example from '../../test/fixtures/operation-log-show.json';
import type { CbrOperationLog } from '../dto/operation-log.dto';
import { toJobRecord } from './job.mapper';

describe('toJobRecord', () => {
  it('maps the task example: a finished backup of a server, with the backup it made', () => {
    const log = example.operation_log as CbrOperationLog;
    expect(toJobRecord(log, { log: silentLogger })).toEqual({
      nativeId: '4827f2da-b008-4507-ab7d-42d0df5ed912',
      type: 'backup',
      status: 'succeeded',
      progress: 100,
      startedAt: '2019-05-23T14:31:36.007Z',
      endedAt: '2019-05-23T14:35:23.511Z',
      createdAt: '2019-05-23T14:31:36.039Z',
      resourceNativeId: '1dab32fa-ebf2-415a-ab0b-eabe6353bc86',
      recoveryPointNativeId: '0e5d0ef6-7f0a-4890-b98c-cb12490e31c1',
      native: log,
    });
  });

  it('maps a timed-out restore to failed with a timeout error, and its target resource', () => {
    const log = {
      ...(example.operation_log as CbrOperationLog),
      operation_type: 'restore' as const,
      status: 'timeout' as const,
      extra_info: { restore: { backup_id: 'b-1', target_resource_id: 'server-2' } },
    };
    expect(toJobRecord(log, { log: silentLogger })).toMatchObject({ type: 'restore', status: 'failed', resourceNativeId: 'server-2', recoveryPointNativeId: 'b-1', error: { code: 'timeout' } });
  });

  it('maps remove_resource and vault_delete tasks to delete jobs and sync to other', () => {
    const base = example.operation_log as CbrOperationLog;
    expect(toJobRecord({ ...base, operation_type: 'remove_resource' }, { log: silentLogger }).type).toBe('delete');
    expect(toJobRecord({ ...base, operation_type: 'vault_delete' }, { log: silentLogger }).type).toBe('delete');
    expect(toJobRecord({ ...base, operation_type: 'sync' }, { log: silentLogger }).type).toBe('other');
  });
});
