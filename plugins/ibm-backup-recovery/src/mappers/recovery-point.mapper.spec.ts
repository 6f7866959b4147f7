import { loadFixture } from '../../test/load-fixture';
import type { IbmObjectSnapshot, IbmRunsResponse } from '../dto/ibm.dto';
import { parsePointId } from '../native-ids';
import { pointKindOf, runSnapshots, toRecoveryPoint } from './recovery-point.mapper';

describe('recovery point mapper', () => {
  // ObjectSnapshot fields (vendor digest section 3.6) with the run of the IBM docs example.
  const snapshot: IbmObjectSnapshot = {
    id: 'x'.repeat(216),
    objectId: 23,
    objectName: 'db01',
    environment: 'kPhysical',
    snapshotTimestampUsecs: 1719755265289584,
    runStartTimeUsecs: 1719755265289584,
    runType: 'kRegular',
    protectionGroupId: '5901263190628181:1725393921826:8121',
    protectionGroupRunId: '11261:1719755265289584',
    snapshotTargetType: 'Local',
    expiryTimeUsecs: 1721569665289584,
  };

  it('maps a local snapshot to an available incremental point with a short id', () => {
    const point = toRecoveryPoint(snapshot, { nowMs: Date.parse('2024-07-01T00:00:00Z'), resourceType: 'other' });
    expect(point).toMatchObject({
      resourceNativeId: '23',
      resourceName: 'db01',
      resourceType: 'other',
      policyNativeId: '5901263190628181:1725393921826:8121',
      status: 'available',
      kind: 'incremental',
      createdAt: '2024-06-30T13:47:45.289Z',
      expiresAt: '2024-07-21T13:47:45.289Z',
    });
    expect(point.nativeId.length).toBeLessThan(40);
    expect(parsePointId(point.nativeId)).toEqual({ objectId: '23', runStartTimeUsecs: '1719755265289584' });
  });

  it('marks a point past its expiry as expired', () => {
    expect(toRecoveryPoint(snapshot, { nowMs: Date.parse('2024-08-01T00:00:00Z') }).status).toBe('expired');
  });

  it('tells full runs, archives and replicas apart', () => {
    expect(pointKindOf({ ...snapshot, runType: 'kFull' })).toBe('full');
    expect(pointKindOf({ ...snapshot, snapshotTargetType: 'Archival' })).toBe('copy');
    expect(pointKindOf({ ...snapshot, snapshotTargetType: 'Remote' })).toBe('replica');
  });

  it('gives an archived copy its own id', () => {
    const archived = toRecoveryPoint({ ...snapshot, snapshotTargetType: 'Archival', externalTargetInfo: { targetId: 77 } }, { nowMs: 0 });
    expect(parsePointId(archived.nativeId)).toEqual({ objectId: '23', runStartTimeUsecs: '1719755265289584', target: { type: 'Archival', id: '77' } });
  });

  describe('runSnapshots', () => {
    const [run] = loadFixture<IbmRunsResponse>('protection-group-runs.json').runs!;

    it('shapes the local snapshot of each object of a run as the object snapshots list shows it', () => {
      expect(runSnapshots(run)).toEqual([{ snapshot: { ...snapshot, sourceId: 23, protectionGroupName: 'gw-db', runInstanceId: 11261 }, objectType: 'kHost' }]);
    });

    it('gives the same point as the object snapshot (listed points equal what get reads)', () => {
      const context = { nowMs: Date.parse('2024-07-01T00:00:00Z'), resourceType: 'other' as const, region: 'us-east' };
      const [{ snapshot: fromRun }] = runSnapshots(run);
      const { native: _a, ...listed } = toRecoveryPoint(fromRun, context);
      const { native: _b, ...read } = toRecoveryPoint({ ...snapshot, regionId: 'eu-de' }, context);
      expect(listed).toEqual(read);
      expect(listed.region).toBe('us-east');
    });

    it('leaves out objects without a snapshot id and runs whose local snapshots were deleted', () => {
      const failed = { ...run, objects: run.objects!.map((o) => ({ ...o, localSnapshotInfo: { snapshotInfo: { status: 'kFailed' } } })) };
      expect(runSnapshots(failed)).toEqual([]);
      expect(runSnapshots({ ...run, isLocalSnapshotsDeleted: true })).toEqual([]);
    });

    it('dates a point by its run start, which its id carries, even when the snapshot was taken later', () => {
      const later = { ...snapshot, snapshotTimestampUsecs: snapshot.runStartTimeUsecs! + 5_000_000 };
      expect(toRecoveryPoint(later, { nowMs: 0 }).createdAt).toBe('2024-06-30T13:47:45.289Z');
    });
  });
});
