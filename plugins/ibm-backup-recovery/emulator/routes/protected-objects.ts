import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryList, queryNumber, requireBody, requireInt64 } from '../ibm-errors';

/** Protected objects with their latest snapshots, and point-in-time restore ranges. */
export function protectedObjectRoutes(server: EmulatorServer, cluster: Cluster): void {
  server.route('GET', '/v2/data-protect/search/protected-objects', ({ query }) => {
    const searchString = query.get('searchString') ?? '';
    const environments = queryList(query, 'environments');
    const groupIds = queryList(query, 'protectionGroupIds');
    const objectIds = queryList(query, 'objectIds').map((id) => requireInt64(id, 'objectIds'));
    const from = queryNumber(query, 'filterSnapshotFromUsecs');
    const to = queryNumber(query, 'filterSnapshotToUsecs');
    const protectedObjects = cluster.data.objects
      .filter((o) => cluster.groupsProtecting(o.id).length > 0)
      .filter((o) => searchString === '' || o.name.includes(searchString.replace(/\*$/, '')) || cluster.groupsProtecting(o.id).some((g) => String(g.fields.name).includes(searchString)))
      .filter((o) => environments.length === 0 || environments.includes(o.environment))
      .filter((o) => objectIds.length === 0 || objectIds.includes(o.id))
      .filter((o) => groupIds.length === 0 || cluster.groupsProtecting(o.id).some((g) => groupIds.includes(g.id)));
    const objects = protectedObjects.map((object) => {
      const snapshots = cluster
        .objectSnapshots(object.id)
        .filter((s) => (from === undefined || (s.snapshotTimestampUsecs as number) >= from) && (to === undefined || (s.snapshotTimestampUsecs as number) <= to));
      const latestByGroup = new Map<string, Record<string, unknown>>();
      for (const s of snapshots) latestByGroup.set(String(s.protectionGroupId), s);
      return {
        ...cluster.objectView(object),
        latestSnapshotsInfo: [...latestByGroup.values()].map((s) => ({
          localSnapshotInfo: { snapshotId: s.id, logicalSizeBytes: object.logicalSizeBytes },
          indexingStatus: 'Done',
          protectionGroupId: s.protectionGroupId,
          protectionGroupName: s.protectionGroupName,
          runInstanceId: s.runInstanceId,
          protectionRunId: s.protectionGroupRunId,
          runType: s.runType,
          protectionRunStartTimeUsecs: s.runStartTimeUsecs,
        })),
      };
    });
    const groups = new Map(protectedObjects.flatMap((o) => cluster.groupsProtecting(o.id)).map((g) => [g.id, g]));
    return {
      status: 200,
      body: {
        objects,
        metadata: { uniqueProtectionGroupIdentifiers: [...groups.values()].map((g) => ({ protectionGroupId: g.id, protectionGroupName: g.fields.name })) },
        numResults: objects.length,
      },
    };
  });

  server.route('POST', '/v2/data-protect/snapshots/restore-points', ({ body }) => {
    const request = requireBody(body);
    for (const field of ['startTimeUsecs', 'endTimeUsecs']) {
      if (!Number.isInteger(request[field])) throw ibmError('KValidationError', `request body has an error: ${field} is required`);
    }
    if (request.environment !== 'kPhysical' && request.environment !== 'kSQL') throw ibmError('KValidationError', 'request body has an error: environment is required');
    if (!Array.isArray(request.protectionGroupIds) || request.protectionGroupIds.length === 0) {
      throw ibmError('KValidationError', 'request body has an error: protectionGroupIds is required');
    }
    const groupIds = request.protectionGroupIds.map(String);
    for (const id of groupIds) cluster.group(id);
    const start = request.startTimeUsecs as number;
    const end = request.endTimeUsecs as number;
    const runs = cluster.data.runs.filter(
      (r) => groupIds.includes(r.groupId) && r.startTimeUsecs >= start && r.startTimeUsecs <= end && r.objectIds.some((o) => cluster.snapshotOf(r, o) !== undefined),
    );
    const sourceId = isRecord(request) && Number.isInteger(request.sourceId) ? (request.sourceId as number) : undefined;
    const fullSnapshotInfo = runs.flatMap((run) =>
      run.objectIds
        .filter((o) => cluster.snapshotOf(run, o) !== undefined && (sourceId === undefined || cluster.object(o)?.sourceId === sourceId))
        .map((o) => ({
          restoreInfo: {
            protectionGroupId: run.groupId,
            runStartTimeUsecs: run.startTimeUsecs,
            attemptNumber: 1,
            objectInfo: { id: o, name: cluster.object(o)?.name, environment: cluster.object(o)?.environment },
          },
        })),
    );
    return { status: 201, body: { fullSnapshotInfo, timeRangeInfo: { timeRanges: [] } } };
  });
}
