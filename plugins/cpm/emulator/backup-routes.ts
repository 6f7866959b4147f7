import type { EmulatorRequest, EmulatorServer } from '@backbridge/emulator-kit';
import { RECOVERY_TYPE, TARGET_FAMILIES, type BackupState, type RecoveryState, type SnapshotRecordState, type TargetFamily } from './cpm-records';
import { recoveredId, RECOVERY_TO_END_MS, type CpmStore } from './cpm-store';
import { backupView, isRecoverable, recoveryView, SNAPSHOT_RECORD_VIEWS, snapshotsOf } from './cpm-views';
import { API_VERSIONS, bodyOf, cpmTime, CPM_VERSION, fail, FieldErrors, isInteger, notFound, order, orderBy, paginate, pathId } from './cpm-wire';

/** §7.1 `ordering` fields, read from the state (times as epoch ms: the same order; a list renders only its page). */
const BACKUP_ORDERING: Record<string, (store: CpmStore, backup: BackupState) => unknown> = {
  account: (_store, b) => b.account,
  dr_status: () => 'N',
  end_time: (store, b) => store.backupEndTime(b) ?? null,
  is_freezer_item: () => false,
  policy: (_store, b) => b.policy,
  s3_copy_status: () => 'Z',
  start_time: (_store, b) => b.startedAt,
  status: (store, b) => store.backupStatus(b),
  user: (_store, b) => b.user,
};
/** §7.1 exact-match filters, as their views show them. */
const BACKUP_FILTERS: Record<string, (store: CpmStore, backup: BackupState) => unknown> = {
  account: (_store, b) => b.account,
  dr_status: () => 'N',
  id: (_store, b) => b.id,
  policy: (_store, b) => b.policy,
  status: (store, b) => store.backupStatus(b),
  user: (_store, b) => b.user,
  start_time: (_store, b) => cpmTime(b.startedAt),
  tracker_id: (_store, b) => b.tracker_id,
};
const RECOVERY_ORDERING = ['account', 'backup_time', 'policy', 'recovery_scenario_record', 'recovery_time', 'recovery_type', 'status', 'user'];

/**
 * Backup records (§7.1, §7.66); the snapshot records of every family and their recovers (§7.24–7.31,
 * §7.35–7.40, §7.48–7.63); recoveries (§14.1–14.2); version (§24.5).
 */
export function registerBackups(server: EmulatorServer, store: CpmStore): void {
  const backupOr404 = (request: EmulatorRequest, name = 'id'): BackupState => store.backups.get(pathId(request, name)) ?? notFound();

  server.route('GET', '/api/system/version/', () => ({ status: 200, body: { api_version: API_VERSIONS.at(-1), cpm_version: CPM_VERSION } }));

  server.route('GET', '/api/backups/', (request) => {
    let items = store.backupsById();
    for (const [field, read] of Object.entries(BACKUP_FILTERS)) {
      const value = request.query.get(field);
      if (value !== null) items = items.filter((b) => String(read(store, b)) === value);
    }
    const fields = Object.fromEntries(Object.entries(BACKUP_ORDERING).map(([field, read]) => [field, (b: BackupState) => read(store, b)]));
    return paginate(request, orderBy(items, request.query.get('ordering'), fields), (b) => backupView(store, b));
  });

  server.route('GET', '/api/backups/:id/', (request) => ({ status: 200, body: backupView(store, backupOr404(request)) }));

  for (const family of TARGET_FAMILIES) {
    const view = SNAPSHOT_RECORD_VIEWS[family];
    const base = `/api/backups/:backup_id/snapshots/${family}/`;
    server.route('GET', base, (request) => {
      const backup = backupOr404(request, 'backup_id');
      let records = snapshotsOf(store, backup, family);
      const resource = request.query.get('resource');
      if (resource) records = records.filter((r) => r.object.aws_resource_id.includes(resource));
      // Every family but instances (§7.35) documents the aws_resource_id filter.
      const awsResourceId = family === 'instances' ? null : request.query.get('aws_resource_id');
      if (awsResourceId !== null) records = records.filter((r) => r.object.aws_resource_id === awsResourceId);
      return paginate(request, records.map((r) => view(store, backup, r)));
    });
    const recordOr404 = (request: EmulatorRequest, name: string) => {
      const found = store.findSnapshot(pathId(request, 'backup_id'), family, pathId(request, name));
      if (!found || !snapshotsOf(store, found.backup, family).includes(found.record)) notFound();
      return found;
    };
    server.route('GET', `${base}:id/`, (request) => {
      const { backup, record } = recordOr404(request, 'id');
      return { status: 200, body: view(store, backup, record) };
    });
    // Instance records have no DELETE in the reference (§7.35–7.41); the other families do (§7.26, §7.30, §7.50, §7.54, §7.58, §7.62).
    if (family !== 'instances') {
      server.route('DELETE', `${base}:id/`, (request) => {
        const { backup, record } = recordOr404(request, 'id');
        backup.snapshots = backup.snapshots.filter((s) => s !== record);
        return { status: 204 };
      });
    }
    server.route('POST', `${base}:snapshot_record_id/recover/`, (request) => {
      const { backup, record } = recordOr404(request, 'snapshot_record_id');
      const body = bodyOf(request);
      checkRecoverBody(family, body);
      // "Recover is possible on successful backup that wasn't deleted."
      if (!isRecoverable(store, backup) || !record.succeeded) fail(412, 'detail', 'Recovery is possible on a successful backup that was not deleted.', 'precondition_failed');
      const id = store.nextId('recovery');
      const newId = recoveredIdOf(family, record, body, id);
      const recovery: RecoveryState = {
        id,
        backup_record: backup.id,
        backup_time: backup.startedAt,
        policy: backup.policy,
        account: backup.account,
        user: backup.user,
        recovery_type: RECOVERY_TYPE[family],
        startedAt: store.clock.now(),
        toEndMs: RECOVERY_TO_END_MS,
        // AWS refuses a new database, table or cluster whose name is taken: the recovery then fails.
        outcome: newId !== record.object.aws_resource_id && nameTaken(store, family, record.object.aws_region, newId) ? 'F' : 'R',
        original_id: record.object.aws_resource_id,
        recovered_id: newId,
      };
      store.recoveries.set(id, recovery);
      return { status: 202, body: recoveryView(store, recovery) };
    });
  }

  server.route('GET', '/api/recoveries/', (request) => {
    let views = [...store.recoveries.values()].sort((a, b) => a.id - b.id).map((r) => recoveryView(store, r));
    for (const field of ['account', 'id', 'policy', 'status', 'user']) {
      const value = request.query.get(field);
      if (value !== null) views = views.filter((r) => String(r[field]) === value);
    }
    return paginate(request, order(views, request.query.get('ordering'), RECOVERY_ORDERING));
  });

  server.route('GET', '/api/recoveries/:id/', (request) => {
    const recovery = store.recoveries.get(pathId(request, 'id')) ?? notFound();
    return { status: 200, body: recoveryView(store, recovery) };
  });
}

/** The id of what a recovery makes: the name the body gives (databases, tables, clusters), the original (EFS to O), or a new AWS id. */
function recoveredIdOf(family: TargetFamily, record: SnapshotRecordState, body: Record<string, unknown>, recoveryId: number): string {
  switch (family) {
    case 'rds_databases':
    case 'rds_clusters':
    case 'redshift_clusters':
      return body.aws_resource_id as string;
    case 'dynamodb_tables':
      return body.aws_resource_name as string;
    case 'efs':
      return body.target_efs === 'O' ? record.object.aws_resource_id : `fs-${(0xe0000000 + recoveryId).toString(16)}`;
    default:
      return recoveredId(record.object.aws_resource_id, recoveryId);
  }
}

function nameTaken(store: CpmStore, family: TargetFamily, region: string, name: string): boolean {
  return (
    store.inventory.some((o) => o.family === family && o.aws_region === region && o.aws_resource_id === name) ||
    [...store.recoveries.values()].some((r) => r.recovery_type === RECOVERY_TYPE[family] && r.outcome === 'R' && r.recovered_id === name)
  );
}

/** The typed fields of each family's recover body (§7.27.2, §7.31.2, §7.40.2, §7.51.2, §7.55.2, §7.59.2, §7.63.2) that the emulator checks. */
function checkRecoverBody(family: TargetFamily, body: Record<string, unknown>): void {
  const errors = new FieldErrors();
  const expect = (field: string, ok: (v: unknown) => boolean, message: string) => {
    if (body[field] !== undefined && !ok(body[field])) errors.add(field, message, 'invalid');
  };
  const isString = (v: unknown) => typeof v === 'string';
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  const strings = (...fields: string[]) => fields.forEach((f) => expect(f, isString, 'Not a valid string.'));
  const integers = (...fields: string[]) => fields.forEach((f) => expect(f, isInteger, 'A valid integer is required.'));
  const booleans = (...fields: string[]) => fields.forEach((f) => expect(f, isBoolean, 'Must be a valid boolean.'));
  const choice = (field: string, allowed: string[]) => {
    if (body[field] !== undefined && !allowed.includes(body[field] as string)) errors.add(field, `"${String(body[field])}" is not a valid choice.`, 'invalid_choice');
  };
  const required = (...fields: string[]) => fields.forEach((f) => errors.required(body, f));
  if (body.credentials !== undefined && (typeof body.credentials !== 'object' || body.credentials === null || Array.isArray(body.credentials))) {
    errors.add('credentials', 'Invalid data. Expected a dictionary.', 'invalid');
  }
  switch (family) {
    case 'instances':
      booleans('preserve_tags');
      integers('to_region', 'to_account', 'num_instances_to_recover');
      strings('instance_type', 'key_pair');
      break;
    case 'volumes':
      booleans('preserve_tags');
      strings('zone', 'to_account');
      integers('capacity', 'iops');
      choice('attach_behaviour', ['attach_free', 'switch_no_delete', 'switch_and_delete']);
      break;
    case 'rds_databases':
      required('aws_resource_id');
      strings('aws_resource_id', 'db_instance_class', 'subnet_group_name', 'to_account', 'zone');
      integers('iops', 'port');
      booleans('multi_az', 'publicly_accessible');
      choice('storage_type', ['standard', 'io1', 'gp2']);
      break;
    case 'rds_clusters':
      required('aws_dbinstance_id', 'aws_resource_id');
      strings('aws_dbinstance_id', 'aws_resource_id', 'db_instance_class', 'instance_type', 'subnet_group_name', 'to_account', 'zone');
      break;
    case 'dynamodb_tables':
      required('aws_resource_name');
      strings('aws_resource_name');
      break;
    case 'redshift_clusters':
      required('aws_resource_id');
      strings('aws_resource_id', 'subnet_group_name', 'zone');
      integers('port');
      booleans('publicly_accessible');
      break;
    case 'efs':
      strings('encryption_key', 'iam_role_arn');
      booleans('preserve_tags');
      choice('performance_mode', ['generalPurpose', 'maxIO']);
      choice('target_efs', ['N', 'O']);
      break;
  }
  errors.throwIfAny();
}
