import type { EmulatorRequest, EmulatorServer } from '@backbridge/emulator-kit';
import type { BackupState, RecoveryState, TargetFamily } from './cpm-records';
import { recoveredId, RECOVERY_TO_END_MS, type CpmStore } from './cpm-store';
import { backupView, instanceRecordView, isRecoverable, recoveryView, snapshotsOf, volumeRecordView } from './cpm-views';
import { API_VERSIONS, bodyOf, CPM_VERSION, fail, FieldErrors, isInteger, notFound, order, paginate, pathId } from './cpm-wire';

const BACKUP_ORDERING = ['account', 'dr_status', 'end_time', 'is_freezer_item', 'policy', 's3_copy_status', 'start_time', 'status', 'user'];
const RECOVERY_ORDERING = ['account', 'backup_time', 'policy', 'recovery_scenario_record', 'recovery_time', 'recovery_type', 'status', 'user'];

/** Backup records (§7.1, §7.66), instance and volume snapshot records and their recovers (§7.35–7.40, §7.60–7.63), recoveries (§14.1–14.2), version (§24.5). */
export function registerBackups(server: EmulatorServer, store: CpmStore): void {
  const backupOr404 = (request: EmulatorRequest, name = 'id'): BackupState => store.backups.get(pathId(request, name)) ?? notFound();

  server.route('GET', '/api/system/version/', () => ({ status: 200, body: { api_version: API_VERSIONS.at(-1), cpm_version: CPM_VERSION } }));

  server.route('GET', '/api/backups/', (request) => {
    let items = [...store.backups.values()].sort((a, b) => a.id - b.id);
    const trackerId = request.query.get('tracker_id');
    if (trackerId !== null) items = items.filter((b) => String(b.tracker_id) === trackerId);
    let views = items.map((b) => backupView(store, b));
    for (const field of ['account', 'dr_status', 'id', 'policy', 'status', 'user', 'start_time']) {
      const value = request.query.get(field);
      if (value !== null) views = views.filter((b) => String(b[field]) === value);
    }
    return paginate(request, order(views, request.query.get('ordering'), BACKUP_ORDERING));
  });

  server.route('GET', '/api/backups/:id/', (request) => ({ status: 200, body: backupView(store, backupOr404(request)) }));

  for (const family of ['instances', 'volumes'] as TargetFamily[]) {
    const view = family === 'instances' ? instanceRecordView : volumeRecordView;
    const base = `/api/backups/:backup_id/snapshots/${family}/`;
    server.route('GET', base, (request) => {
      const backup = backupOr404(request, 'backup_id');
      let records = snapshotsOf(store, backup, family);
      const resource = request.query.get('resource');
      if (resource) records = records.filter((r) => r.object.aws_resource_id.includes(resource));
      const awsResourceId = family === 'volumes' ? request.query.get('aws_resource_id') : null;
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
    // Instance records have no DELETE in the reference (§7.35–7.41); volume records do (§7.62).
    if (family === 'volumes') {
      server.route('DELETE', `${base}:id/`, (request) => {
        const { backup, record } = recordOr404(request, 'id');
        backup.snapshots = backup.snapshots.filter((s) => s !== record);
        return { status: 204 };
      });
    }
    server.route('POST', `${base}:snapshot_record_id/recover/`, (request) => {
      const { backup, record } = recordOr404(request, 'snapshot_record_id');
      checkRecoverBody(family, bodyOf(request));
      // "Recover is possible on successful backup that wasn't deleted."
      if (!isRecoverable(store, backup) || !record.succeeded) fail(412, 'detail', 'Recovery is possible on a successful backup that was not deleted.', 'precondition_failed');
      const id = store.nextId('recovery');
      const recovery: RecoveryState = {
        id,
        backup_record: backup.id,
        backup_time: backup.startedAt,
        policy: backup.policy,
        account: backup.account,
        user: backup.user,
        recovery_type: family === 'instances' ? 'I' : 'V',
        startedAt: store.clock.now(),
        toEndMs: RECOVERY_TO_END_MS,
        outcome: 'R',
        original_id: record.object.aws_resource_id,
        recovered_id: recoveredId(record.object.aws_resource_id, id),
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

/** The typed fields of the recover bodies (§7.40.2, §7.63.2) that the emulator checks. */
function checkRecoverBody(family: TargetFamily, body: Record<string, unknown>): void {
  const errors = new FieldErrors();
  const expect = (field: string, ok: (v: unknown) => boolean, message: string) => {
    if (body[field] !== undefined && !ok(body[field])) errors.add(field, message, 'invalid');
  };
  const isString = (v: unknown) => typeof v === 'string';
  expect('preserve_tags', (v) => typeof v === 'boolean', 'Must be a valid boolean.');
  if (family === 'instances') {
    expect('to_region', isInteger, 'A valid integer is required.');
    expect('to_account', isInteger, 'A valid integer is required.');
    expect('num_instances_to_recover', isInteger, 'A valid integer is required.');
    expect('instance_type', isString, 'Not a valid string.');
    expect('key_pair', isString, 'Not a valid string.');
  } else {
    expect('zone', isString, 'Not a valid string.');
    expect('capacity', isInteger, 'A valid integer is required.');
    expect('iops', isInteger, 'A valid integer is required.');
    expect('to_account', isString, 'Not a valid string.');
    if (body.attach_behaviour !== undefined && !['attach_free', 'switch_no_delete', 'switch_and_delete'].includes(body.attach_behaviour as string)) {
      errors.add('attach_behaviour', `"${String(body.attach_behaviour)}" is not a valid choice.`, 'invalid_choice');
    }
  }
  errors.throwIfAny();
}
