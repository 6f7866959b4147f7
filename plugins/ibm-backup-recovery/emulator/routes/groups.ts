import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryBool, queryList, requireBody, requireGroupId } from '../ibm-errors';
import { ENVIRONMENTS, type Environment, type StoredGroup } from '../model';
import { idOf } from '../seed-data';

const PROTECTION_TYPES: Record<Environment, { key: 'physicalParams' | 'mssqlParams'; types: Record<string, string> }> = {
  kPhysical: { key: 'physicalParams', types: { kFile: 'fileProtectionTypeParams', kVolume: 'volumeProtectionTypeParams' } },
  kSQL: { key: 'mssqlParams', types: { kFile: 'fileProtectionTypeParams', kNative: 'nativeProtectionTypeParams', kVolume: 'volumeProtectionTypeParams' } },
};
const COMPUTED = ['id', 'clusterId', 'regionId', 'isActive', 'isDeleted', 'lastRun', 'permissions', 'isProtectOnce', 'missingEntities', 'invalidEntities', 'numProtectedObjects', 'lastModifiedTimestampUsecs'];
const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export function groupRoutes(server: EmulatorServer, cluster: Cluster): void {
  const { groups, policies } = cluster.data;

  /** The checks the service applies to a group body; returns the fields to store. */
  const validate = (body: Record<string, unknown>, except?: string): Record<string, unknown> => {
    const fields = Object.fromEntries(Object.entries(body).filter(([key]) => !COMPUTED.includes(key)));
    if (typeof fields.name !== 'string' || fields.name.trim() === '') throw ibmError('KValidationError', 'request body has an error: name is required');
    if (typeof fields.policyId !== 'string') throw ibmError('KValidationError', 'request body has an error: policyId is required');
    if (!policies.has(fields.policyId)) throw ibmError('KEntityNotExistsError', `Protection Policy ${fields.policyId} does not exist`);
    if (!ENVIRONMENTS.includes(fields.environment as Environment)) {
      throw ibmError('KValidationError', `request body has an error: environment must be one of ${ENVIRONMENTS.join(', ')}`);
    }
    const spec = PROTECTION_TYPES[fields.environment as Environment];
    const params = fields[spec.key];
    if (!isRecord(params)) throw ibmError('KValidationError', `request body has an error: ${spec.key} is required for ${String(fields.environment)}`);
    const typeKey = spec.types[String(params.protectionType)];
    if (!typeKey) throw ibmError('KValidationError', `request body has an error: ${spec.key}.protectionType must be one of ${Object.keys(spec.types).join(', ')}`);
    const typeParams = params[typeKey];
    const objects = isRecord(typeParams) ? typeParams.objects : undefined;
    if (!Array.isArray(objects) || objects.length === 0) throw ibmError('KValidationError', `request body has an error: ${spec.key}.${typeKey}.objects is required`);
    for (const entry of objects) {
      const object = isRecord(entry) && Number.isInteger(entry.id) ? cluster.object(entry.id as number) : undefined;
      if (!object) throw ibmError('KEntityNotExistsError', `Object ${isRecord(entry) ? String(entry.id) : '?'} does not exist`);
      if (object.environment !== fields.environment) throw ibmError('KValidationError', `Object ${object.id} is a ${object.environment} object, not ${String(fields.environment)}`);
    }
    if (fields.startTime !== undefined) {
      const t = fields.startTime;
      if (!isRecord(t) || !Number.isInteger(t.hour) || (t.hour as number) < 0 || (t.hour as number) > 23 || !Number.isInteger(t.minute) || (t.minute as number) < 0 || (t.minute as number) > 59) {
        throw ibmError('KValidationError', 'request body has an error: startTime needs hour 0-23 and minute 0-59');
      }
      fields.startTime = { ...t, timeZone: typeof t.timeZone === 'string' ? t.timeZone : DEFAULT_TIME_ZONE };
    }
    fields.isPaused = fields.isPaused === true;
    if ([...groups.values()].some((g) => g.id !== except && g.fields.name === fields.name)) {
      throw ibmError('KDuplicateError', `Protection Group with name '${String(fields.name)}' already exists in organization`);
    }
    return fields;
  };

  server.route('GET', '/v2/data-protect/protection-groups', ({ query }) => {
    const ids = queryList(query, 'ids');
    const names = queryList(query, 'names');
    const policyIds = queryList(query, 'policyIds');
    const environments = queryList(query, 'environments');
    const isPaused = queryBool(query, 'isPaused');
    const isDeleted = queryBool(query, 'isDeleted');
    const includeLastRunInfo = queryBool(query, 'includeLastRunInfo') ?? false;
    // isDeleted=true: only deleted groups that still have snapshots; otherwise all others.
    const candidates = isDeleted === true ? [...cluster.data.deletedGroups.values()].filter((g) => cluster.hasSnapshots(g.id)) : [...groups.values()];
    const items = candidates
      .filter((g) => ids.length === 0 || ids.includes(g.id))
      .filter((g) => names.length === 0 || names.includes(String(g.fields.name)))
      .filter((g) => policyIds.length === 0 || policyIds.includes(String(g.fields.policyId)))
      .filter((g) => environments.length === 0 || environments.includes(String(g.fields.environment)))
      .filter((g) => isPaused === undefined || g.fields.isPaused === isPaused)
      .map((g) => cluster.groupView(g, includeLastRunInfo));
    return { status: 200, body: { protectionGroups: items } };
  });

  server.route('POST', '/v2/data-protect/protection-groups', ({ body }) => {
    const fields = validate(requireBody(body));
    fields.startTime ??= { hour: 0, minute: 0, timeZone: DEFAULT_TIME_ZONE };
    cluster.data.counters.group += 1;
    const group: StoredGroup = { id: idOf(cluster.data.counters.group), fields, lastModifiedTimestampUsecs: cluster.nowUsecs() };
    groups.set(group.id, group);
    return { status: 201, body: cluster.groupView(group) };
  });

  server.route('GET', '/v2/data-protect/protection-groups/:id', ({ params, query }) => {
    const group = cluster.group(requireGroupId(params.id));
    return { status: 200, body: cluster.groupView(group, queryBool(query, 'includeLastRunInfo') ?? false) };
  });

  server.route('PUT', '/v2/data-protect/protection-groups/:id', ({ params, body }) => {
    const group = cluster.group(requireGroupId(params.id));
    const request = requireBody(body);
    if (request.lastModifiedTimestampUsecs !== undefined && request.lastModifiedTimestampUsecs !== group.lastModifiedTimestampUsecs) {
      throw ibmError('KValidationError', 'Protection Group was modified by another request (stale lastModifiedTimestampUsecs)');
    }
    const fields = validate(request, group.id);
    fields.startTime ??= group.fields.startTime;
    group.fields = fields;
    group.lastModifiedTimestampUsecs = Math.max(cluster.nowUsecs(), group.lastModifiedTimestampUsecs + 1);
    return { status: 200, body: cluster.groupView(group) };
  });

  server.route('DELETE', '/v2/data-protect/protection-groups/:id', ({ params, query }) => {
    const group = cluster.group(requireGroupId(params.id));
    const deleteSnapshots = queryBool(query, 'deleteSnapshots') ?? false;
    groups.delete(group.id);
    if (deleteSnapshots) {
      for (const run of cluster.runsOfGroup(group.id)) run.snapshotsDeleted = true;
    } else if (cluster.hasSnapshots(group.id)) {
      // Its snapshots stay until they expire; the group is then listed with isDeleted=true.
      cluster.data.deletedGroups.set(group.id, group);
    }
    return { status: 204 };
  });
}
