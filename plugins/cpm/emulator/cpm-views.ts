import { WEEKDAY_FIELDS, type BackupState, type TargetFamily, type PolicyState, type RecoveryState, type ScheduleState, type SnapshotRecordState, type TargetState } from './cpm-records';
import { ACCOUNT, type CpmStore } from './cpm-store';
import { cpmTime } from './cpm-wire';

/** The state as CPM answers it: field names, types and enums of the reference's response schemas. */

export function policyView(policy: PolicyState): Record<string, unknown> {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    account: policy.account,
    user: policy.user,
    enabled: policy.enabled,
    generations: policy.generations,
    schedules: policy.schedules,
    auto_remove_resource: policy.auto_remove_resource,
    dr_enabled: policy.dr_enabled,
    copy_to_s3_enabled: false,
    created_by_tag: false,
    enable_agent_scripts: false,
    is_archive_active: false,
    is_s3_cleanup_active: false,
    s3_operation_in_progress: false,
    last_recovery_time: null,
    last_dr_recovery_time: null,
    last_modified: cpmTime(policy.last_modified),
    username: 'root',
  };
}

export function scheduleView(schedule: ScheduleState): Record<string, unknown> {
  const allowOn = Object.fromEntries(WEEKDAY_FIELDS.map((day) => [`allow_on_${day}`, schedule.allow_on[day]]));
  return {
    id: schedule.id,
    name: schedule.name,
    description: schedule.description,
    user: schedule.user,
    every_unit: schedule.every_unit,
    every_how_many: schedule.every_how_many,
    start_date: cpmTime(schedule.start_date),
    end_date: cpmTime(schedule.end_date),
    ...(schedule.timezone !== undefined && { timezone: schedule.timezone }),
    last_modified: cpmTime(schedule.last_modified),
    ...allowOn,
    disable_times: [],
  };
}

export function targetView(target: TargetState): Record<string, unknown> {
  const object = target.object;
  const common = { id: target.id, aws_region: object.aws_region, aws_resource_id: object.aws_resource_id, tagged: false };
  switch (object.family) {
    case 'instances':
      return {
        ...common,
        name: object.name,
        resource_type: 'instance',
        aws_resource_type: object.aws_resource_type,
        ami_backup_option: 'N',
        ami_reboot_option: false,
        which_volumes: 'A',
        force_full_s3_copy: false,
        has_product_code: false,
        image_id: object.image_id,
        platform: object.platform,
        root_device_type: 'ebs',
        state: 'running',
      };
    case 'volumes':
      return {
        ...common,
        name: object.name,
        resource_type: 'independent_volume',
        aws_resource_type: object.aws_resource_type,
        capacity: object.capacity,
        created: cpmTime(object.created),
        encrypted: true,
        iops: object.iops,
        status: 'in-use',
        zone: object.zone,
      };
    // §13.44: no `name` (the identifier is the name).
    case 'rds_databases':
      return {
        ...common,
        resource_type: 'rds',
        aws_resource_class: object.aws_resource_class,
        engine: object.engine,
        iops: object.iops,
        multi_az: object.multi_az,
        publicly_accessible: false,
        status: 'available',
        storage: object.storage,
        storage_type: object.storage_type,
        zone: object.zone,
      };
    case 'rds_clusters':
      return { ...common, resource_type: 'aurora', engine: object.engine, status: 'available', storage: object.storage, zone: object.zone };
    case 'dynamodb_tables':
      return {
        ...common,
        aws_resource_name: object.name,
        resource_type: 'dynamodb',
        partition_key: object.partition_key,
        sort_key: object.sort_key ?? null,
        status: 'ACTIVE',
        storage: object.storage,
        table_arn: `arn:aws:dynamodb:${object.aws_region}:${ACCOUNT.account_number}:table/${object.name}`,
      };
    case 'redshift_clusters':
      return {
        ...common,
        resource_type: 'redshift',
        aws_resource_type: object.aws_resource_type,
        encrypted: true,
        node_storage: object.node_storage,
        node_type: object.node_type,
        nodes: object.nodes,
        publicly_accessible: false,
        status: 'available',
        zone: object.zone,
      };
    case 'efs':
      return {
        ...common,
        name: object.name,
        resource_type: 'efs',
        ...(target.efs ?? {}),
        encrypted: true,
        num_mount_targets: object.num_mount_targets,
        size_in_bytes: object.size_in_bytes,
        status: 'available',
      };
  }
}

export function backupView(store: CpmStore, backup: BackupState): Record<string, unknown> {
  return {
    id: backup.id,
    name: null,
    description: null,
    account: backup.account,
    policy: backup.policy,
    user: backup.user,
    start_time: cpmTime(backup.startedAt),
    end_time: cpmTime(store.backupEndTime(backup)),
    status: store.backupStatus(backup),
    dr_status: 'N',
    dr_regions: '',
    dr_account_regions: '',
    s3_copy_status: { status: 'Z', progress_percent: 0 },
    glacier_archive_status: { status: 'Z', progress_percent: '0' },
    is_freezer_item: false,
    move_to_freezer_enabled: false,
    is_recoverable: isRecoverable(store, backup),
    is_retry: backup.is_retry,
    retry_scheduled: false,
    marked_for_deletion: false,
    performed_quiesce: false,
  };
}

export function isRecoverable(store: CpmStore, backup: BackupState): boolean {
  return ['B', 'A', 'S'].includes(store.backupStatus(backup));
}

/** Snapshot records exist once the run has taken them, i.e. when it has ended. */
export function snapshotsOf(store: CpmStore, backup: BackupState, family: string): SnapshotRecordState[] {
  if (store.backupEndTime(backup) === undefined) return [];
  return backup.snapshots.filter((s) => s.family === family);
}

export function instanceRecordView(store: CpmStore, backup: BackupState, record: SnapshotRecordState): Record<string, unknown> {
  const object = record.object;
  return {
    id: record.id,
    account_id: backup.account,
    backed_up_resource_id: object.aws_resource_id,
    backed_up_resource_name: object.name,
    aws_architecture: 'x86_64',
    aws_image_id: record.succeeded ? record.snapshot_id : null,
    aws_instance_type: object.aws_resource_type,
    aws_key_name: 'ops',
    aws_root_device: '/dev/xvda',
    aws_security_groups: ['sg-0a1b2c3d'],
    aws_subnet_id: 'subnet-0a1b2c3d',
    aws_virtualization_type: 'hvm',
    ebs_optimized: true,
    ena_support: true,
    is_root_device_ebs: true,
    platform: object.platform,
    region: object.aws_region,
    tenancy: 'default',
  };
}

/** An EBS snapshot record (§7.60): the shared fields plus the volume's own. */
export function volumeRecordView(store: CpmStore, backup: BackupState, record: SnapshotRecordState): Record<string, unknown> {
  const object = record.object;
  return {
    ...datedRecordView(store, backup, record, 'ebs'),
    capacity: object.capacity,
    device: null,
    encrypted: true,
    iops: object.iops,
    snapshot_account_id: backup.account,
    type: object.aws_resource_type,
    zone: object.zone,
  };
}

/** §7.24, §7.28, §7.48, §7.52, §7.56: the fields every non-instance snapshot record shares (as in §7.60). */
function datedRecordView(store: CpmStore, backup: BackupState, record: SnapshotRecordState, snapshotType: string): Record<string, unknown> {
  const object = record.object;
  return {
    id: record.id,
    backup_id: String(backup.id),
    account_id: backup.account,
    account_name: ACCOUNT.name,
    aws_account_number: ACCOUNT.account_number,
    backed_up_resource_id: object.aws_resource_id,
    backed_up_resource_name: object.name,
    deletion_time: cpmTime(store.deletionTime(backup)),
    start_time: cpmTime(backup.startedAt),
    end_time: cpmTime(store.backupEndTime(backup)),
    instance_id: null,
    instance_name: null,
    policy_name: backup.policy_name,
    region: object.aws_region,
    snapshot_account_id: String(backup.account),
    snapshot_account_name: ACCOUNT.name,
    snapshot_aws_account_number: ACCOUNT.account_number,
    snapshot_id: record.snapshot_id,
    snapshot_type: snapshotType,
    status: store.backupStatus(backup),
    succeeded: record.succeeded,
    username: 'root',
  };
}

/**
 * The snapshot record of each family. The reference enumerates snapshot_type only as
 * 'ebs'/'ebs_copy'/'rds'/'rds_copy'/'redshift'; 'dynamodb' and 'efs' are the emulator's words.
 */
export const SNAPSHOT_RECORD_VIEWS: Record<TargetFamily, (store: CpmStore, backup: BackupState, record: SnapshotRecordState) => Record<string, unknown>> = {
  instances: instanceRecordView,
  volumes: volumeRecordView,
  rds_databases: (store, backup, record) => {
    const o = record.object;
    return {
      ...datedRecordView(store, backup, record, 'rds'),
      db_instance_class: o.aws_resource_class, iops: o.iops, multi_az: o.multi_az, port: o.port, publicly_accessible: false,
      snapshot_account_id: backup.account, storage_type: o.storage_type, subnet_group_name: o.subnet_group_name, zone: o.zone,
    };
  },
  rds_clusters: (store, backup, record) => {
    const o = record.object;
    return {
      ...datedRecordView(store, backup, record, 'rds'),
      cluster_id: o.aws_resource_id, db_instance_class: o.aws_resource_class, port: o.port, publicly_accessible: false, subnet_group_name: o.subnet_group_name, zone: o.zone,
    };
  },
  dynamodb_tables: (store, backup, record) => datedRecordView(store, backup, record, 'dynamodb'),
  redshift_clusters: (store, backup, record) => {
    const o = record.object;
    return {
      ...datedRecordView(store, backup, record, 'redshift'),
      aws_node_type: o.node_type, aws_nodes: o.nodes, cluster_id: o.aws_resource_id, port: o.port, publicly_accessible: false, subnet_group_name: o.subnet_group_name, zone: o.zone,
    };
  },
  efs: (store, backup, record) => {
    const o = record.object;
    const target = store.targetsOf(backup.policy).find((t) => t.object === o);
    return {
      ...datedRecordView(store, backup, record, 'efs'),
      backup_iam_role_arn: target?.efs?.backup_iam_role_arn ?? null,
      backup_vault_name: target?.efs?.backup_vault_name ?? 'Default',
      expire_time: null,
      move_to_cold_storage_time: null,
      original_kms_key_id: `arn:aws:kms:${o.aws_region}:${ACCOUNT.account_number}:key/efs-default`,
      performance_mode: o.performance_mode,
    };
  },
};

export function recoveryView(store: CpmStore, recovery: RecoveryState): Record<string, unknown> {
  const status = store.recoveryStatus(recovery);
  return {
    id: recovery.id,
    account: recovery.account,
    backup_marked_for_deletion: false,
    backup_record: recovery.backup_record,
    backup_time: cpmTime(recovery.backup_time),
    frozen_item_name: null,
    glacier_retrieve_status: { status: 'Z', progress_percent: [] },
    policy: recovery.policy,
    recovered_resource_ids: status === 'R' || status === 'A' ? `${recovery.recovered_id} (original: ${recovery.original_id})` : '',
    recovery_scenario_id: null,
    recovery_scenario_name: null,
    recovery_scenario_record: null,
    recovery_scenario_record_dry_run_only: false,
    recovery_scenario_record_start_time: null,
    recovery_time: cpmTime(recovery.startedAt),
    recovery_type: recovery.recovery_type,
    s3_recover_status: { status: 'Z', progress_percent: [] },
    status,
    user: recovery.user,
  };
}
