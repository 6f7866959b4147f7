import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryNumber, requireBody, requireGroupId } from '../ibm-errors';
import { type StoredRecovery, usecs } from '../model';
import { idOf } from '../seed-data';

/** The most a download call returns: "This can not be greater than 8MB (8388608 byets)". */
const MAX_CHUNK = 8_388_608;
const INDEXED_FILES: Record<string, string[]> = {
  kLinux: ['/etc/hosts', '/etc/app/app.conf', '/var/log/app/app.log', '/home/deploy/.bashrc'],
  kWindows: ['C:/Users/Public/Documents/report.xlsx', 'C:/inetpub/wwwroot/web.config', 'D:/shares/finance/budget.xlsx'],
};
const OBJECT_TYPES = ['Emails', 'Files', 'OneDriveFiles', 'SharepointFiles', 'Sites', 'Users', 'Groups', 'Teams', 'Mailboxes', 'MsGroups', 'SfdcRecords', 'HbaseObjects', 'HiveObjects', 'MongoObjects', 'CassandraObjects', 'CouchbaseObjects'];

function chunk(content: Buffer, query: URLSearchParams): Buffer {
  const start = queryNumber(query, 'startOffset') ?? 0;
  const length = queryNumber(query, 'length') ?? content.length;
  if (length > MAX_CHUNK) throw ibmError('KValidationError', `length can not be greater than ${MAX_CHUNK}`);
  return content.subarray(start, start + length);
}

/** File-level search, downloads from snapshots and download recoveries. */
export function fileRoutes(server: EmulatorServer, cluster: Cluster): void {
  const octets = { 'content-type': 'application/octet-stream' };

  server.route('POST', '/v2/data-protect/recoveries/download-files-folders', ({ body }) => {
    const request = requireBody(body);
    if (typeof request.name !== 'string' || request.name.trim() === '') throw ibmError('KValidationError', 'request body has an error: name is required');
    if ([...cluster.data.recoveries.values()].some((r) => r.name === request.name)) throw ibmError('KDuplicateError', `Recovery name '${request.name}' must be a unique name`);
    const snapshotId = isRecord(request.object) ? request.object.snapshotId : undefined;
    if (typeof snapshotId !== 'string') throw ibmError('KValidationError', 'request body has an error: object.snapshotId is required');
    if (!Array.isArray(request.filesAndFolders) || request.filesAndFolders.length === 0 || request.filesAndFolders.some((f) => !isRecord(f) || typeof f.absolutePath !== 'string')) {
      throw ibmError('KValidationError', 'request body has an error: filesAndFolders[].absolutePath is required');
    }
    const found = cluster.findSnapshot(snapshotId);
    if (!found) throw ibmError('KEntityNotExistsError', 'Snapshot does not exist or has expired');
    const now = cluster.clock.now();
    cluster.data.counters.recovery += 1;
    const environment = cluster.object(found.objectId)!.environment;
    const recovery: StoredRecovery = {
      id: idOf(cluster.data.counters.recovery),
      name: request.name,
      snapshotEnvironment: environment,
      recoveryAction: 'DownloadFilesAndFolders',
      startTimeUsecs: usecs(now),
      admittedAtMs: now,
      outcome: 'Succeeded',
      physicalParams: {
        objects: [request.object],
        recoveryAction: 'DownloadFilesAndFolders',
        downloadFileAndFolderParams: { filesAndFolders: request.filesAndFolders },
      },
      objectIds: [found.objectId],
    };
    cluster.data.recoveries.set(recovery.id, recovery);
    return { status: 201, body: cluster.recoveryView(recovery) };
  });

  server.route('GET', '/v2/data-protect/recoveries/:id/download-files', ({ params, query }) => {
    const recovery = cluster.data.recoveries.get(requireGroupId(params.id, 'Recovery id'));
    if (!recovery) throw ibmError('KEntityNotExistsError', `Recovery ${params.id} does not exist`);
    if (recovery.recoveryAction !== 'DownloadFilesAndFolders') throw ibmError('KValidationError', `Recovery ${recovery.id} is not a download recovery`);
    if (cluster.recoveryStatus(recovery) !== 'Succeeded') throw ibmError('KValidationError', `Recovery ${recovery.id} has not finished`);
    const content = Buffer.from(`PK emulated archive of recovery ${recovery.id}\n`);
    return { status: 200, headers: octets, body: chunk(content, query) };
  });

  server.route('GET', '/v2/data-protect/snapshots/:snapshotsId/download-file', ({ params, query }) => {
    if (!cluster.findSnapshot(params.snapshotsId)) throw ibmError('KEntityNotExistsError', 'Snapshot does not exist or has expired');
    const filePath = query.get('filePath');
    if (!filePath) throw ibmError('KValidationError', 'filePath must be specified for this snapshot environment');
    return { status: 200, headers: octets, body: chunk(Buffer.from(`emulated content of ${filePath}\n`), query) };
  });

  server.route('POST', '/v2/data-protect/search/indexed-objects', ({ body }) => {
    const request = requireBody(body);
    if (!OBJECT_TYPES.includes(String(request.objectType))) throw ibmError('KValidationError', `request body has an error: objectType must be one of ${OBJECT_TYPES.join(', ')}`);
    const params = isRecord(request.fileParams) ? request.fileParams : {};
    const search = typeof params.searchString === 'string' ? params.searchString.replace(/\*$/, '') : '';
    const groupIds = Array.isArray(request.protectionGroupIds) ? request.protectionGroupIds.map(String) : [];
    const files =
      request.objectType !== 'Files'
        ? []
        : cluster.data.objects
            .filter((o) => o.environment === 'kPhysical' && o.osType)
            .flatMap((o) =>
              cluster
                .groupsProtecting(o.id)
                .filter((g) => groupIds.length === 0 || groupIds.includes(g.id))
                .flatMap((g) =>
                  INDEXED_FILES[o.osType!]
                    .filter((path) => path.split('/').pop()!.includes(search))
                    .map((path) => ({
                      name: path.split('/').pop(),
                      path: path.slice(0, path.lastIndexOf('/')) || '/',
                      type: 'File',
                      protectionGroupId: g.id,
                      protectionGroupName: g.fields.name,
                      policyId: g.fields.policyId,
                      policyName: cluster.data.policies.get(String(g.fields.policyId))?.fields.name,
                      storageDomainId: 7,
                      sourceInfo: cluster.objectView(o),
                    })),
                ),
            );
    const count = Number.isInteger(request.count) ? (request.count as number) : 100;
    const offset = typeof request.paginationCookie === 'string' ? Number(Buffer.from(request.paginationCookie, 'base64url').toString()) || 0 : 0;
    const page = files.slice(offset, offset + count);
    const next = offset + count < files.length ? Buffer.from(String(offset + count)).toString('base64url') : undefined;
    return { status: 200, body: { objectType: request.objectType, count: files.length, ...(next && { paginationCookie: next }), files: page } };
  });
}
