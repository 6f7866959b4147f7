import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryList, queryNumber, requireBody, requireGroupId } from '../ibm-errors';
import { ENVIRONMENTS, type Environment, type StoredRecovery, usecs } from '../model';
import { idOf } from '../seed-data';

const PHYSICAL_ACTIONS = ['RecoverPhysicalVolumes', 'InstantVolumeMount', 'RecoverFiles', 'RecoverSystem'];
const SQL_ACTIONS = ['RecoverApps', 'CloneApps'];

const invalid = (what: string) => ibmError('KValidationError', `request body has an error: ${what}`);

export function recoveryRoutes(server: EmulatorServer, cluster: Cluster): void {
  const { recoveries } = cluster.data;

  /** The object a snapshot id belongs to, or 404 as the service answers an unknown snapshot. */
  const snapshotObject = (snapshotId: unknown, environment: Environment): number => {
    if (typeof snapshotId !== 'string' || snapshotId === '') throw invalid('snapshotId is required');
    const found = cluster.findSnapshot(snapshotId);
    if (!found) throw ibmError('KEntityNotExistsError', `Snapshot ${snapshotId.slice(0, 24)}... does not exist or has expired`);
    if (cluster.object(found.objectId)?.environment !== environment) throw invalid(`snapshot is not a ${environment} snapshot`);
    return found.objectId;
  };

  const physicalObjects = (params: Record<string, unknown>): number[] => {
    if (!PHYSICAL_ACTIONS.includes(String(params.recoveryAction))) throw invalid(`physicalParams.recoveryAction must be one of ${PHYSICAL_ACTIONS.join(', ')}`);
    if (!Array.isArray(params.objects) || params.objects.length === 0) throw invalid('physicalParams.objects is required');
    const ids = params.objects.map((o) => snapshotObject(isRecord(o) ? o.snapshotId : undefined, 'kPhysical'));
    if (params.recoveryAction === 'RecoverFiles') {
      const files = params.recoverFileAndFolderParams;
      if (!isRecord(files)) throw invalid('physicalParams.recoverFileAndFolderParams is required for RecoverFiles');
      if (!Array.isArray(files.filesAndFolders) || files.filesAndFolders.length === 0 || files.filesAndFolders.some((f) => !isRecord(f) || typeof f.absolutePath !== 'string')) {
        throw invalid('recoverFileAndFolderParams.filesAndFolders[].absolutePath is required');
      }
      if (files.targetEnvironment !== 'kPhysical') throw invalid('recoverFileAndFolderParams.targetEnvironment must be kPhysical');
      const target = isRecord(files.physicalTargetParams) ? files.physicalTargetParams.recoverTarget : undefined;
      if (!isRecord(target) || !Number.isInteger(target.id)) throw invalid('physicalTargetParams.recoverTarget.id is required');
      if (!cluster.object(target.id as number)) throw ibmError('KEntityNotExistsError', `Recover target ${String(target.id)} does not exist`);
      const physical = files.physicalTargetParams as Record<string, unknown>;
      if (physical.restoreToOriginalPaths === false && typeof physical.alternateRestoreDirectory !== 'string') {
        throw invalid('alternateRestoreDirectory is required when not restoring to original paths');
      }
    }
    return ids;
  };

  const sqlObjects = (params: Record<string, unknown>): number[] => {
    if (!SQL_ACTIONS.includes(String(params.recoveryAction))) throw invalid(`mssqlParams.recoveryAction must be one of ${SQL_ACTIONS.join(', ')}`);
    if (!Array.isArray(params.recoverAppParams) || params.recoverAppParams.length === 0) throw invalid('mssqlParams.recoverAppParams is required');
    return params.recoverAppParams.map((p) => {
      if (!isRecord(p) || p.targetEnvironment !== 'kSQL') throw invalid('recoverAppParams[].targetEnvironment must be kSQL');
      if (!isRecord(p.sqlTargetParams) || typeof p.sqlTargetParams.recoverToNewSource !== 'boolean') throw invalid('sqlTargetParams.recoverToNewSource is required');
      if (p.sqlTargetParams.recoverToNewSource) {
        const config = p.sqlTargetParams.newSourceConfig;
        if (!isRecord(config) || !isRecord(config.host) || !Number.isInteger(config.host.id)) throw invalid('newSourceConfig.host.id is required');
        for (const field of ['instanceName', 'dataFileDirectoryLocation', 'logFileDirectoryLocation']) {
          if (typeof config[field] !== 'string') throw invalid(`newSourceConfig.${field} is required`);
        }
        if (!cluster.object(config.host.id as number)) throw ibmError('KEntityNotExistsError', `Host ${String(config.host.id)} does not exist`);
      }
      return snapshotObject(p.snapshotId, 'kSQL');
    });
  };

  server.route('POST', '/v2/data-protect/recoveries', ({ body }) => {
    const request = requireBody(body);
    if (typeof request.name !== 'string' || request.name.trim() === '') throw invalid('name is required');
    const environment = request.snapshotEnvironment as Environment;
    if (!ENVIRONMENTS.includes(environment)) throw invalid(`snapshotEnvironment must be one of ${ENVIRONMENTS.join(', ')}`);
    const paramsKey = environment === 'kPhysical' ? 'physicalParams' : 'mssqlParams';
    const params = request[paramsKey];
    if (!isRecord(params)) throw invalid(`${paramsKey} is required for ${environment}`);
    const objectIds = environment === 'kPhysical' ? physicalObjects(params) : sqlObjects(params);
    const now = cluster.clock.now();
    cluster.data.counters.recovery += 1;
    const recovery: StoredRecovery = {
      id: idOf(cluster.data.counters.recovery),
      name: request.name,
      snapshotEnvironment: environment,
      recoveryAction: String(params.recoveryAction),
      startTimeUsecs: usecs(now),
      admittedAtMs: now,
      outcome: 'Succeeded',
      [paramsKey]: params,
      objectIds,
    };
    recoveries.set(recovery.id, recovery);
    return { status: 201, body: cluster.recoveryView(recovery) };
  });

  server.route('GET', '/v2/data-protect/recoveries', ({ query }) => {
    const ids = queryList(query, 'ids').map((id) => requireGroupId(id, 'Recovery id'));
    const from = queryNumber(query, 'startTimeUsecs');
    const to = queryNumber(query, 'endTimeUsecs');
    const statuses = queryList(query, 'status');
    const environments = queryList(query, 'snapshotEnvironments');
    const actions = queryList(query, 'recoveryActions');
    const items = [...recoveries.values()]
      .filter((r) => ids.length === 0 || ids.includes(r.id))
      .filter((r) => from === undefined || r.startTimeUsecs >= from)
      .filter((r) => to === undefined || r.startTimeUsecs <= to)
      .filter((r) => statuses.length === 0 || statuses.includes(cluster.recoveryStatus(r)))
      .filter((r) => environments.length === 0 || environments.includes(r.snapshotEnvironment))
      .filter((r) => actions.length === 0 || actions.includes(r.recoveryAction))
      .sort((a, b) => b.startTimeUsecs - a.startTimeUsecs)
      .map((r) => cluster.recoveryView(r));
    return { status: 200, body: { recoveries: items } };
  });

  server.route('GET', '/v2/data-protect/recoveries/:id', ({ params }) => {
    const recovery = recoveries.get(requireGroupId(params.id, 'Recovery id'));
    if (!recovery) throw ibmError('KEntityNotExistsError', `Recovery ${params.id} does not exist`);
    return { status: 200, body: cluster.recoveryView(recovery) };
  });
}
