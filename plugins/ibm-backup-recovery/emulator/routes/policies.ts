import type { EmulatorServer } from '@backbridge/emulator-kit';
import type { Cluster } from '../cluster';
import { ibmError, isRecord, queryList, requireBody } from '../ibm-errors';
import { type StoredPolicy } from '../model';
import { idOf } from '../seed-data';

const SCHEDULE_UNITS = ['Minutes', 'Hours', 'Days', 'Weeks', 'Months', 'Years'];
const RETENTION_UNITS = ['Days', 'Weeks', 'Months', 'Years'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Fields the service computes; a client cannot set them. */
const COMPUTED = ['id', 'isUsable', 'isReplicated', 'numProtectionGroups', 'numProtectedObjects', 'lastModificationTimeUsecs'];

function validateRetention(value: unknown, path: string): void {
  if (!isRecord(value)) throw ibmError('KValidationError', `request body has an error: ${path} is required`);
  if (!RETENTION_UNITS.includes(String(value.unit))) throw ibmError('KValidationError', `request body has an error: ${path}.unit must be one of ${RETENTION_UNITS.join(', ')}`);
  if (!Number.isInteger(value.duration) || (value.duration as number) < 1) throw ibmError('KValidationError', `request body has an error: ${path}.duration must be a positive integer`);
}

function validateSchedule(schedule: unknown): void {
  if (!isRecord(schedule) || !SCHEDULE_UNITS.includes(String(schedule.unit))) {
    throw ibmError('KValidationError', `request body has an error: incremental.schedule.unit must be one of ${SCHEDULE_UNITS.join(', ')}`);
  }
  const unit = String(schedule.unit);
  const block = schedule[`${unit.slice(0, -1).toLowerCase()}Schedule`];
  if (unit === 'Weeks') {
    const days = isRecord(block) ? block.dayOfWeek : undefined;
    if (!Array.isArray(days) || days.length === 0 || days.some((d) => !WEEKDAYS.includes(String(d)))) {
      throw ibmError('KValidationError', 'request body has an error: weekSchedule.dayOfWeek is required (Sunday..Saturday)');
    }
  } else if (unit === 'Months') {
    const ok = isRecord(block) && (Number.isInteger(block.dayOfMonth) || Array.isArray(block.dayOfWeek));
    if (!ok) throw ibmError('KValidationError', 'request body has an error: monthSchedule needs dayOfMonth or dayOfWeek');
  } else if (unit !== 'Years' && !(isRecord(block) && Number.isInteger(block.frequency) && (block.frequency as number) >= 1)) {
    throw ibmError('KValidationError', `request body has an error: ${unit.slice(0, -1).toLowerCase()}Schedule.frequency is required`);
  }
}

/** The checks the service applies to a policy body (create and replace). */
function validatePolicy(body: Record<string, unknown>): void {
  if (typeof body.name !== 'string' || body.name.trim() === '') throw ibmError('KValidationError', 'request body has an error: name is required');
  const regular = isRecord(body.backupPolicy) ? body.backupPolicy.regular : undefined;
  if (!isRecord(regular)) throw ibmError('KValidationError', 'request body has an error: backupPolicy.regular is required');
  const incremental = regular.incremental;
  if (incremental !== undefined) {
    if (!isRecord(incremental)) throw ibmError('KValidationError', 'request body has an error: incremental must be an object');
    validateSchedule(incremental.schedule);
  }
  if ((incremental !== undefined || regular.full !== undefined) && regular.retention === undefined) {
    throw ibmError('KValidationError', 'If either of incremental or full schedule is specified then retention must be set');
  }
  if (regular.retention !== undefined) validateRetention(regular.retention, 'regular.retention');
  if (body.extendedRetention !== undefined) {
    if (!Array.isArray(body.extendedRetention)) throw ibmError('KValidationError', 'request body has an error: extendedRetention must be an array');
    body.extendedRetention.forEach((entry, i) => {
      if (!isRecord(entry) || !isRecord(entry.schedule) || !['Runs', 'Hours', 'Days', 'Weeks', 'Months', 'Years'].includes(String(entry.schedule.unit))) {
        throw ibmError('KValidationError', `request body has an error: extendedRetention[${i}].schedule.unit is required`);
      }
      validateRetention(entry.retention, `extendedRetention[${i}].retention`);
    });
  }
}

function clientFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !COMPUTED.includes(key)));
}

export function policyRoutes(server: EmulatorServer, cluster: Cluster): void {
  const { policies, groups } = cluster.data;
  const view = (policy: StoredPolicy, includeStats = false) => {
    const users = [...groups.values()].filter((g) => g.fields.policyId === policy.id);
    return {
      id: policy.id,
      ...policy.fields,
      isUsable: true,
      isReplicated: false,
      lastModificationTimeUsecs: policy.lastModificationTimeUsecs,
      ...(includeStats && { numProtectionGroups: users.length, numProtectedObjects: users.reduce((n, g) => n + cluster.groupObjectIds(g).length, 0) }),
    };
  };
  const find = (id: string) => {
    const policy = policies.get(id);
    if (!policy) throw ibmError('KEntityNotExistsError', `Protection Policy ${id} does not exist`);
    return policy;
  };
  const nameTaken = (name: unknown, except?: string) =>
    [...policies.values()].some((p) => p.id !== except && p.fields.name === name);

  server.route('GET', '/v2/data-protect/policies', ({ query }) => {
    const ids = queryList(query, 'ids');
    const names = queryList(query, 'policyNames');
    const items = [...policies.values()]
      .filter((p) => ids.length === 0 || ids.includes(p.id))
      .filter((p) => names.length === 0 || names.includes(String(p.fields.name)))
      .map((p) => view(p, query.get('includeStats') === 'true'));
    return { status: 200, body: { policies: items } };
  });

  server.route('POST', '/v2/data-protect/policies', ({ body }) => {
    const fields = clientFields(requireBody(body));
    validatePolicy(fields);
    if (nameTaken(fields.name)) throw ibmError('KDuplicateError', `Protection Policy with name '${String(fields.name)}' already exists in organization`);
    cluster.data.counters.policy += 1;
    const policy: StoredPolicy = { id: idOf(cluster.data.counters.policy), fields, lastModificationTimeUsecs: cluster.nowUsecs() };
    policies.set(policy.id, policy);
    return { status: 201, body: view(policy) };
  });

  server.route('GET', '/v2/data-protect/policies/:id', ({ params }) => ({ status: 200, body: view(find(params.id), true) }));

  server.route('PUT', '/v2/data-protect/policies/:id', ({ params, body }) => {
    const policy = find(params.id);
    const request = requireBody(body);
    if (request.lastModificationTimeUsecs !== undefined && request.lastModificationTimeUsecs !== policy.lastModificationTimeUsecs) {
      throw ibmError('KValidationError', 'Protection Policy was modified by another request (stale lastModificationTimeUsecs)');
    }
    const fields = clientFields(request);
    validatePolicy(fields);
    if (nameTaken(fields.name, policy.id)) throw ibmError('KDuplicateError', `Protection Policy with name '${String(fields.name)}' already exists in organization`);
    policy.fields = fields;
    policy.lastModificationTimeUsecs = Math.max(cluster.nowUsecs(), policy.lastModificationTimeUsecs + 1);
    return { status: 200, body: view(policy) };
  });

  server.route('DELETE', '/v2/data-protect/policies/:id', ({ params }) => {
    const policy = find(params.id);
    if ([...groups.values()].some((g) => g.fields.policyId === policy.id)) {
      throw ibmError('KValidationError', `Protection Policy ${policy.id} is used by Protection Groups and cannot be deleted`);
    }
    policies.delete(policy.id);
    return { status: 204 };
  });
}
