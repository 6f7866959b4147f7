import { silentLogger, type PluginLogger } from '@backbridge/plugin-sdk';
import { loadFixture } from '../../test/load-fixture';
import type { IbmRun, IbmRunsResponse } from '../dto/ibm.dto';
import { parseJobId, parsePointId } from '../native-ids';
import { runToJob, runToWorkState } from './job.mapper';

describe('job mapper', () => {
  const [run] = loadFixture<IbmRunsResponse>('protection-group-runs.json').runs!;

  it('maps the documented run to a succeeded backup job of its one object', () => {
    const job = runToJob(run, silentLogger);
    expect(job).toMatchObject({
      type: 'backup',
      status: 'succeeded',
      progress: 100,
      startedAt: '2024-06-30T13:47:45.289Z',
      createdAt: '2024-06-30T13:47:45.289Z',
      endedAt: '2024-06-30T13:48:45.289Z',
      resourceNativeId: '23',
      policyNativeId: '5901263190628181:1725393921826:8121',
    });
    expect(parseJobId(job.nativeId)).toEqual({ kind: 'run', groupId: '5901263190628181:1725393921826:8121', runId: '11261:1719755265289584' });
    expect(parsePointId(job.recoveryPointNativeId!)).toEqual({ objectId: '23', runStartTimeUsecs: '1719755265289584' });
  });

  it('reports a run that is still running without a recovery point', () => {
    const running: IbmRun = {
      ...run,
      localBackupInfo: { ...run.localBackupInfo, status: 'Running', endTimeUsecs: undefined },
      objects: [{ ...run.objects![0], localSnapshotInfo: { snapshotInfo: { status: 'kInProgress' } } }],
    };
    expect(runToWorkState(running, '23', silentLogger)).toMatchObject({ status: 'running', progress: { done: 0, total: 1, percent: 0 } });
    expect(runToWorkState(running, '23', silentLogger).result).toBeUndefined();
  });

  it('names the failure of a failed run with its messages', () => {
    const failed: IbmRun = { ...run, localBackupInfo: { ...run.localBackupInfo, status: 'Failed', successfulObjectsCount: 0, failedObjectsCount: 1, messages: ['agent unreachable'] } };
    expect(runToWorkState(failed, undefined, silentLogger)).toMatchObject({ status: 'failed', error: { code: 'backup_failed', message: 'agent unreachable' } });
  });

  it('warns about a run status IBM has not documented and keeps following it', () => {
    const warn = jest.fn();
    const logger: PluginLogger = { ...silentLogger, warn };
    const odd: IbmRun = { ...run, localBackupInfo: { ...run.localBackupInfo, status: 'Rebalancing' } };
    expect(runToWorkState(odd, undefined, logger).status).toBe('running');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/unknown vendor value for IBM run status/), { field: 'IBM run status', value: 'Rebalancing', fallback: 'running' });
  });
});
