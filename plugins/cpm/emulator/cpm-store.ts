import { seededRandom, type VendorClock } from '@backbridge/emulator-kit';
import {
  RECOVERY_TYPE,
  WEEKDAY_FIELDS,
  type AwsObject,
  type BackupState,
  type PolicyState,
  type RecoveryState,
  type ScheduleState,
  type SnapshotRecordState,
  type TargetState,
  type Weekday,
} from './cpm-records';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Emulator choice (the reference gives no durations): a run initializes for 1 s and ends after 3 s; a recovery takes 2 s. */
export const BACKUP_TO_IN_PROGRESS_MS = 1_000;
export const BACKUP_TO_END_MS = 3_000;
export const RECOVERY_TO_END_MS = 2_000;

export const ROOT_USER_ID = 1;
export const ACCOUNT = { id: 1, name: 'production', account_number: '123456789012' };

const ALL_DAYS: Record<Weekday, boolean> = Object.fromEntries(WEEKDAY_FIELDS.map((d) => [d, true])) as Record<Weekday, boolean>;

/** A policy's finished, non-failed runs, newest first, and each one's place among them; valid until `validUntil` (a run ends then). */
interface KeptRuns {
  changes: number;
  validUntil: number;
  runs: BackupState[];
  rank: Map<number, number>;
}

/** The emulated CPM server's state: ids are sequential integers per object kind, as CPM's are. */
export class CpmStore {
  readonly inventory: AwsObject[] = [];
  readonly policies = new Map<number, PolicyState>();
  readonly targets = new Map<number, TargetState>();
  readonly schedules = new Map<number, ScheduleState>();
  readonly backups = new Map<number, BackupState>();
  readonly recoveries = new Map<number, RecoveryState>();
  private readonly next = { policy: 1, target: 1, schedule: 1, backup: 1, tracker: 1001, snapshot: 1, recovery: 1 };
  /** Counts changes to the set of backup records, so that what is derived from it can be cached. */
  private changes = 0;
  private readonly kept = new Map<number, KeptRuns>();
  private byId?: { changes: number; backups: BackupState[] };

  constructor(readonly clock: VendorClock) {}

  /** Backup records by id, cached until one is added or removed (the list routes filter and sort this). */
  backupsById(): BackupState[] {
    if (this.byId?.changes !== this.changes) this.byId = { changes: this.changes, backups: [...this.backups.values()].sort((a, b) => a.id - b.id) };
    return this.byId.backups;
  }

  nextId(kind: keyof CpmStore['next']): number {
    return this.next[kind]++;
  }

  targetsOf(policyId: number): TargetState[] {
    return [...this.targets.values()].filter((t) => t.policy === policyId);
  }

  newSchedule(fields: Omit<ScheduleState, 'id' | 'last_modified' | 'allow_on'> & { allow_on?: Partial<Record<Weekday, boolean>> }): ScheduleState {
    const schedule: ScheduleState = { ...fields, allow_on: { ...ALL_DAYS, ...fields.allow_on }, id: this.nextId('schedule'), last_modified: this.clock.now() };
    this.schedules.set(schedule.id, schedule);
    return schedule;
  }

  /** Starts a run of every target of the policy ("backup ASAP" and the seeded history alike). */
  startBackup(policy: PolicyState, startedAt: number, outcome: BackupState['outcome'] = 'B', isRetry = false): BackupState {
    const id = this.nextId('backup');
    const targets = this.targetsOf(policy.id);
    const snapshots: SnapshotRecordState[] = targets.map((target, i) => ({
      id: this.nextId('snapshot'),
      backup: id,
      family: target.object.family,
      object: target.object,
      // A partial run fails its last target; a failed run fails them all.
      succeeded: outcome === 'F' ? false : outcome === 'B' ? true : i < targets.length - 1,
      snapshot_id: snapshotIdOf(target.object, (0x5a000000 + id * 97 + i).toString(16).padStart(17, '0')),
    }));
    const backup: BackupState = {
      id,
      tracker_id: this.nextId('tracker'),
      policy: policy.id,
      policy_name: policy.name,
      account: policy.account,
      user: policy.user,
      startedAt,
      toInProgressMs: BACKUP_TO_IN_PROGRESS_MS,
      toEndMs: BACKUP_TO_END_MS,
      outcome,
      is_retry: isRetry,
      snapshots,
    };
    this.backups.set(id, backup);
    this.changes += 1;
    return backup;
  }

  /** I, P or the final letter, from the clock; a finished run beyond the policy's generations reads D. */
  backupStatus(backup: BackupState): string {
    const elapsed = this.clock.now() - backup.startedAt;
    if (elapsed < this.clock.duration(backup.toInProgressMs)) return 'I';
    if (elapsed < this.clock.duration(backup.toEndMs)) return 'P';
    if (backup.outcome !== 'F' && this.rotatedOut(backup)) return 'D';
    return backup.outcome;
  }

  backupEndTime(backup: BackupState): number | undefined {
    const end = backup.startedAt + this.clock.duration(backup.toEndMs);
    return this.clock.now() >= end ? end : undefined;
  }

  /** When the snapshot was deleted by generation rotation: the end of the run that pushed it out. */
  deletionTime(backup: BackupState): number | undefined {
    const kept = this.keptRuns(backup.policy);
    const policy = this.policies.get(backup.policy);
    const index = kept.rank.get(backup.id);
    if (!policy || index === undefined || index < policy.generations) return undefined;
    return this.backupEndTime(kept.runs[index - policy.generations]);
  }

  private rotatedOut(backup: BackupState): boolean {
    return this.deletionTime(backup) !== undefined;
  }

  /**
   * Finished, non-failed runs of a policy, newest first: the generations CPM keeps. Cached until a
   * backup record is added or removed, or a running one of the policy ends (one sort per change, not per record).
   */
  private keptRuns(policyId: number): KeptRuns {
    const now = this.clock.now();
    const cached = this.kept.get(policyId);
    if (cached && cached.changes === this.changes && now < cached.validUntil) return cached;
    const runs: BackupState[] = [];
    let validUntil = Number.POSITIVE_INFINITY;
    for (const backup of this.backups.values()) {
      if (backup.policy !== policyId || backup.outcome === 'F') continue;
      const end = backup.startedAt + this.clock.duration(backup.toEndMs);
      if (now >= end) runs.push(backup);
      else validUntil = Math.min(validUntil, end);
    }
    runs.sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
    const kept = { changes: this.changes, validUntil, runs, rank: new Map(runs.map((run, i) => [run.id, i])) };
    this.kept.set(policyId, kept);
    return kept;
  }

  recoveryStatus(recovery: RecoveryState): string {
    return this.clock.now() - recovery.startedAt < this.clock.duration(recovery.toEndMs) ? 'P' : recovery.outcome;
  }

  findSnapshot(backupId: number, family: string, recordId: number): { backup: BackupState; record: SnapshotRecordState } | undefined {
    const backup = this.backups.get(backupId);
    const record = backup?.snapshots.find((s) => s.id === recordId && s.family === family);
    return backup && record ? { backup, record } : undefined;
  }

  /** Deleting a policy deletes its snapshots too (reference §13.5): its runs go with it. */
  deletePolicy(id: number): void {
    this.policies.delete(id);
    for (const target of this.targetsOf(id)) this.targets.delete(target.id);
    for (const backup of [...this.backups.values()]) if (backup.policy === id) this.backups.delete(backup.id);
    this.changes += 1;
  }
}

/**
 * Deterministic seed: 15 AWS objects (11 protected: 3 instances, 3 volumes, one RDS database, Aurora cluster,
 * DynamoDB table, Redshift cluster and EFS), 2 policies, 4 schedules, 20 runs (≈100 snapshot records), 2 recoveries;
 * with `extraRecoveryPoints`, older runs of the same policies holding that many more snapshot records.
 */
export function seedStore(store: CpmStore, extraRecoveryPoints = 0): void {
  const random = seededRandom(3);
  const now = store.clock.now();
  const hex = (n: number) => Math.floor(random() * 16 ** n).toString(16).padStart(n, '0');
  const instance = (name: string, region: string, zone: string, type: string): AwsObject => ({
    family: 'instances', aws_resource_id: `i-0${hex(16)}`, aws_region: region, name, zone, aws_resource_type: type, platform: 'linux', image_id: `ami-0${hex(16)}`,
  });
  const volume = (name: string, region: string, zone: string, capacity: number): AwsObject => ({
    family: 'volumes', aws_resource_id: `vol-0${hex(16)}`, aws_region: region, name, zone, aws_resource_type: 'gp2', capacity, iops: capacity * 3, created: now - 200 * DAY,
  });
  const web1 = instance('web-01', 'us-east-1', 'us-east-1a', 't3.medium');
  const web2 = instance('web-02', 'us-east-1', 'us-east-1b', 't3.medium');
  const db1 = instance('db-01', 'eu-west-1', 'eu-west-1a', 'r5.large');
  const webData = volume('web-data', 'us-east-1', 'us-east-1a', 100);
  const dbData = volume('db-data', 'eu-west-1', 'eu-west-1a', 500);
  const dbLogs = volume('db-logs', 'eu-west-1', 'eu-west-1a', 50);
  const batch = instance('batch-01', 'us-east-1', 'us-east-1c', 'c5.xlarge');
  const scratch = volume('scratch', 'us-east-1', 'us-east-1c', 20);
  store.inventory.push(web1, web2, db1, webData, dbData, dbLogs, batch, scratch);
  // The other families come after, so that the ids drawn above stay what they were.
  const ordersDb: AwsObject = {
    family: 'rds_databases', aws_resource_id: 'orders-db', aws_region: 'us-east-1', name: 'orders-db', zone: 'us-east-1a', engine: 'postgres',
    storage: 200, aws_resource_class: 'db.m5.large', iops: 0, multi_az: false, storage_type: 'gp2', port: 5432, subnet_group_name: 'default',
  };
  const reportingDb: AwsObject = { ...ordersDb, aws_resource_id: 'reporting-db', name: 'reporting-db', engine: 'mysql', storage: 50, aws_resource_class: 'db.t3.medium', port: 3306 };
  const aurora: AwsObject = {
    family: 'rds_clusters', aws_resource_id: 'analytics-aurora', aws_region: 'eu-west-1', name: 'analytics-aurora', zone: 'eu-west-1a', engine: 'aurora-postgresql',
    storage: 1, aws_resource_class: 'db.r5.large', port: 5432, subnet_group_name: 'default',
  };
  const table = (name: string, partitionKey: string, sortKey?: string): AwsObject => ({
    family: 'dynamodb_tables', aws_resource_id: name, aws_region: 'us-east-1', name, zone: '', storage: 2, partition_key: partitionKey, ...(sortKey && { sort_key: sortKey }),
  });
  const sessions = table('sessions', 'session_id');
  const auditLog = table('audit-log', 'tenant', 'at');
  const warehouse: AwsObject = {
    family: 'redshift_clusters', aws_resource_id: 'warehouse', aws_region: 'eu-west-1', name: 'warehouse', zone: 'eu-west-1b', aws_resource_type: 'multi-node',
    node_type: 'ra3.xlplus', nodes: 2, node_storage: 32768, port: 5439, subnet_group_name: 'default',
  };
  const assets: AwsObject = {
    family: 'efs', aws_resource_id: `fs-${hex(8)}`, aws_region: 'us-east-1', name: 'shared-assets', zone: '', size_in_bytes: 53_687_091_200, num_mount_targets: 3, performance_mode: 'generalPurpose',
  };
  store.inventory.push(ordersDb, reportingDb, aurora, sessions, auditLog, warehouse, assets);

  const at = (daysAgo: number, hour: number, minute = 0) => {
    const day = new Date(now - daysAgo * DAY);
    return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  };
  const daily = store.newSchedule({ name: 'nightly-0230', description: 'Every night at 02:30', user: ROOT_USER_ID, every_unit: 'D', every_how_many: 1, start_date: at(60, 2, 30), end_date: null, timezone: 'GMT' });
  const weekdays = store.newSchedule({
    name: 'weekdays-0100', description: '', user: ROOT_USER_ID, every_unit: 'D', every_how_many: 1, start_date: at(60, 1, 0), end_date: null, timezone: 'GMT',
    allow_on: { saturday: false, sunday: false },
  });
  const everyTwoDays = store.newSchedule({ name: 'every-2-days', description: '', user: ROOT_USER_ID, every_unit: 'D', every_how_many: 2, start_date: at(60, 22, 0), end_date: null, timezone: 'Europe/Berlin' });
  store.newSchedule({ name: '10hours', description: '', user: ROOT_USER_ID, every_unit: 'H', every_how_many: 10, start_date: at(30, 13, 11), end_date: null });

  const policy = (name: string, description: string, schedules: number[], generations: number, objects: AwsObject[]): PolicyState => {
    const state: PolicyState = {
      id: store.nextId('policy'), name, description, account: ACCOUNT.id, user: ROOT_USER_ID, enabled: true, generations, schedules,
      auto_remove_resource: 'N', dr_enabled: false, last_modified: now - 40 * DAY,
    };
    store.policies.set(state.id, state);
    for (const object of objects) {
      const targetId = store.nextId('target');
      store.targets.set(targetId, { id: targetId, policy: state.id, object });
    }
    return state;
  };
  const web = policy('web-servers', 'Web tier, nightly', [daily.id], 30, [web1, web2, webData]);
  const databases = policy('databases', 'Database hosts, weekdays and every other day', [weekdays.id, everyTwoDays.id], 8, [db1, dbData, dbLogs]);
  // Targets of the other families get the next target ids, leaving the first six as they were.
  const protect = (state: PolicyState, objects: AwsObject[]) => {
    for (const object of objects) {
      const targetId = store.nextId('target');
      store.targets.set(targetId, { id: targetId, policy: state.id, object, ...(object.family === 'efs' && { efs: { ...DEFAULT_EFS_OPTIONS } }) });
    }
  };
  protect(web, [ordersDb, sessions, assets]);
  protect(databases, [aurora, warehouse]);
  // Older history first, so that its ids are lower, as CPM's would be.
  seedOlderRuns(store, [web, databases], at(22, 0, 0), extraRecoveryPoints);

  // Run history: web-servers nightly for 8 nights (one partial); databases every other day for 3 weeks (one failed, one retry).
  const webRuns: BackupState[] = [];
  const databaseRuns: BackupState[] = [];
  for (let daysAgo = 8; daysAgo >= 1; daysAgo--) {
    webRuns.push(store.startBackup(web, at(daysAgo, 2, 30), daysAgo === 5 ? 'S' : 'B'));
  }
  for (let daysAgo = 21; daysAgo >= 1; daysAgo -= 2) {
    const failed = daysAgo === 11;
    databaseRuns.push(store.startBackup(databases, at(daysAgo, 1, 0), failed ? 'F' : 'B'));
    if (failed) databaseRuns.push(store.startBackup(databases, at(daysAgo, 1, 30), 'B', true));
  }

  const recover = (backup: BackupState, daysAgo: number, outcome: RecoveryState['outcome']) => {
    const record = backup.snapshots[0];
    const id = store.nextId('recovery');
    store.recoveries.set(id, {
      id, backup_record: backup.id, backup_time: backup.startedAt, policy: backup.policy, account: backup.account, user: backup.user,
      recovery_type: RECOVERY_TYPE[record.family], startedAt: at(daysAgo, 9, 15), toEndMs: RECOVERY_TO_END_MS, outcome,
      original_id: record.object.aws_resource_id, recovered_id: recoveredId(record.object.aws_resource_id, id),
    });
  };
  recover(webRuns[1], 6, 'R');
  recover(databaseRuns[1], 3, 'F');
}

/**
 * `count` snapshot records in runs of `policies` older than `before`, taking turns, every six hours
 * back in time; every fourth pair of runs starts at the same moment (so that runs tie on start time,
 * backup 9 with backup 10 among them: string and number order differ).
 * Most runs succeed, one in seven does not snapshot its last target (S), one in thirteen fails (F);
 * the policies' generations rotate all but the newest out (D), as CPM would. The last run takes as
 * many targets as are left to reach `count` (the others were added to the policy later).
 */
export function seedOlderRuns(store: CpmStore, policies: PolicyState[], before: number, count: number): void {
  let left = count;
  for (let i = 0; left > 0; i++) {
    const policy = policies[i % policies.length];
    const pair = Math.floor(i / policies.length);
    const startedAt = before - (pair + 1) * 6 * HOUR + (pair % 4 === 0 ? 0 : (i % policies.length) * 30 * 60_000);
    const outcome = i % 13 === 12 ? 'F' : i % 7 === 6 ? 'S' : 'B';
    const backup = store.startBackup(policy, startedAt, outcome);
    if (backup.snapshots.length > left) backup.snapshots = backup.snapshots.slice(0, left);
    left -= backup.snapshots.length;
    if (backup.snapshots.length === 0) throw new Error(`policy ${policy.name} has no targets to seed runs of`);
  }
}

/** What an EFS target gets when the add body leaves its AWS Backup options out (§13.25). */
export const DEFAULT_EFS_OPTIONS = {
  backup_iam_role_arn: null,
  backup_vault_name: 'Default',
  expire_option: 'P',
  expire_option_value: null,
  move_to_cold_storage_option: 'N',
  move_to_cold_storage_option_value: null,
};

/** The AWS id of what a run takes of an object: an AMI, an EBS/RDS/Redshift snapshot, a DynamoDB backup ARN or an AWS Backup recovery point. */
function snapshotIdOf(object: AwsObject, suffix: string): string {
  switch (object.family) {
    case 'instances':
      return `ami-${suffix}`;
    case 'volumes':
      return `snap-${suffix}`;
    case 'rds_databases':
    case 'rds_clusters':
    case 'redshift_clusters':
      return `cpm-${object.aws_resource_id}-${suffix.slice(-8)}`;
    case 'dynamodb_tables':
      return `arn:aws:dynamodb:${object.aws_region}:${ACCOUNT.account_number}:table/${object.aws_resource_id}/backup/0${suffix}`;
    case 'efs':
      return `${suffix.slice(-8)}-${suffix.slice(-12, -8)}-4${suffix.slice(-3)}-8${suffix.slice(-3)}-${suffix.slice(-12)}`;
  }
}

/** A new AWS id of the same kind as the original, derived from the recovery id so that it repeats. */
export function recoveredId(originalId: string, recoveryId: number): string {
  const prefix = originalId.split('-')[0];
  return `${prefix}-0${(0xabc00000 + recoveryId).toString(16).padStart(16, '0')}`;
}
