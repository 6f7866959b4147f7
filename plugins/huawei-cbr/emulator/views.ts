import type { VendorClock } from '@backbridge/emulator-kit';
import { cbrStartTime, cbrTime } from './cbr-format';
import {
  PROVIDER_ID,
  backupStatus,
  checkpointStatus,
  endOf,
  exists,
  taskProgress,
  taskStatus,
  type Backup,
  type Checkpoint,
  type Policy,
  type Task,
  type Vault,
  type World,
} from './world';

/** The vendor's JSON for each object (seed §4), built fresh on every read. */

export function vaultView(vault: Vault, world: World, clock: VendorClock) {
  const backups = [...world.backups.values()].filter((b) => b.vaultId === vault.id && !b.parentId && exists(b, clock));
  const usedMb = backups.reduce((sum, b) => sum + b.resourceSize * 64, 0);
  return {
    id: vault.id,
    name: vault.name,
    description: vault.description,
    resources: vault.resourceIds.map((id) => {
      const asset = world.assets.get(id)!;
      const own = backups.filter((b) => b.resourceId === id);
      return {
        id,
        name: asset.name,
        type: asset.type,
        size: asset.size,
        protect_status: 'available',
        backup_size: own.length * asset.size * 64,
        backup_count: own.length,
        extra_info: { exclude_volumes: vault.excludeVolumes[id] ?? [] },
      };
    }),
    provider_id: PROVIDER_ID[vault.objectType],
    created_at: cbrTime(vault.createdAt),
    project_id: world.projectId,
    enterprise_project_id: '0',
    auto_bind: false,
    bind_rules: {},
    auto_expand: false,
    user_id: world.userId,
    billing: {
      allocated: vault.resourceIds.reduce((sum, id) => sum + (world.assets.get(id)?.size ?? 0), 0),
      cloud_type: 'public',
      consistent_level: 'crash_consistent',
      frozen_scene: null,
      charging_mode: 'post_paid',
      order_id: null,
      product_id: null,
      protect_type: 'backup',
      object_type: vault.objectType,
      spec_code: vault.objectType === 'server' ? 'vault.backup.server.normal' : 'vault.backup.volume.normal',
      used: usedMb,
      storage_unit: null,
      status: 'available',
      size: vault.size,
    },
    tags: vault.tags,
  };
}

export function policyView(policy: Policy, afterCreate = false) {
  return {
    id: policy.id,
    name: policy.name,
    enabled: policy.enabled,
    operation_type: policy.operationType,
    operation_definition: policy.operationDefinition,
    trigger: {
      id: policy.triggerId,
      name: 'default',
      type: 'time',
      properties: { pattern: policy.patterns, start_time: cbrStartTime(policy.createdAt) },
    },
    // The create example answers null, show and list answer [] when no vault is bound.
    associated_vaults: policy.vaultIds.length === 0 && afterCreate ? null : policy.vaultIds.map((vault_id) => ({ vault_id, destination_vault_id: null })),
  };
}

export function backupView(backup: Backup, world: World, clock: VendorClock): Record<string, unknown> {
  const status = backupStatus(backup, clock);
  const done = status !== 'protecting' && status !== 'waiting_protect';
  const touched = Math.max(backup.restore ? endOf(backup.restore, clock) : 0, endOf(backup.protect, clock));
  const isServer = backup.resourceType === 'OS::Nova::Server';
  return {
    provider_id: isServer || backup.parentId ? PROVIDER_ID.server : PROVIDER_ID.disk,
    checkpoint_id: backup.checkpointId,
    enterprise_project_id: '0',
    updated_at: done ? cbrTime(Math.min(touched, clock.now())) : null,
    vault_id: backup.vaultId,
    id: backup.id,
    resource_az: backup.az,
    image_type: 'backup',
    resource_id: backup.resourceId,
    resource_size: backup.resourceSize,
    children: backup.childIds.map((id) => world.backups.get(id)).filter((c): c is Backup => !!c).map((c) => backupView(c, world, clock)),
    parent_id: backup.parentId,
    extend_info: isServer
      ? { auto_trigger: backup.autoTrigger, incremental: backup.incremental, supported_restore_mode: 'backup', contain_system_disk: true, support_lld: true, system_disk: false }
      : {
          auto_trigger: backup.autoTrigger,
          incremental: backup.incremental,
          snapshot_id: backup.id.replace(/^.{8}/, '5230a977'),
          bootable: backup.parentId !== null,
          support_lld: true,
          encrypted: false,
          system_disk: false,
          ...(backup.parentId === null && { supported_restore_mode: 'backup' }),
        },
    project_id: world.projectId,
    status,
    resource_name: backup.resourceName,
    description: backup.description,
    expired_at: backup.expiredAt === null ? null : cbrTime(backup.expiredAt),
    name: backup.name,
    created_at: cbrTime(backup.createdAt, backup.createdAtMicros),
    protected_at: done ? cbrTime(endOf(backup.protect, clock)) : null,
    resource_type: backup.resourceType,
    replication_records: [],
  };
}

/** CheckpointCreate: the resources' sizes and counts are strings, extra_info a string (seed §4.3.2). */
export function checkpointView(checkpoint: Checkpoint, world: World, clock: VendorClock, status = checkpointStatus(checkpoint, world, clock)) {
  const vault = world.vaults.get(checkpoint.vaultId);
  const backups = checkpoint.backupIds.map((id) => world.backups.get(id)).filter((b): b is Backup => !!b);
  return {
    id: checkpoint.id,
    project_id: world.projectId,
    status,
    created_at: cbrTime(checkpoint.createdAt),
    vault: vault
      ? {
          id: vault.id,
          name: vault.name,
          resources: backups.map((b) => ({
            id: b.resourceId,
            name: b.resourceName,
            type: b.resourceType,
            protect_status: status === 'protecting' ? 'protecting' : 'available',
            resource_size: String(b.resourceSize),
            backup_size: '0',
            backup_count: '0',
            extra_info: '{}',
          })),
          skipped_resources: checkpoint.skipped,
        }
      : null,
    extra_info: { retention_duration: -1, name: checkpoint.name, description: checkpoint.description },
  };
}

export function taskView(task: Task, world: World, clock: VendorClock) {
  const status = taskStatus(task, clock);
  const final = status !== 'waiting' && status !== 'running';
  const vault = task.vaultId ? world.vaults.get(task.vaultId) : undefined;
  return {
    status,
    provider_id: task.providerId,
    checkpoint_id: task.checkpointId,
    updated_at: cbrTime(final ? endOf(task.run, clock) : clock.now()),
    error_info: final && status !== 'success' ? task.error : { message: '', code: '' },
    vault_id: task.vaultId,
    started_at: cbrTime(task.run.startedAt),
    id: task.id,
    extra_info: {
      ...task.extra,
      ...(task.resource && { resource: task.resource }),
      common: { progress: taskProgress(task, clock), request_id: task.requestId },
    },
    ended_at: final ? cbrTime(endOf(task.run, clock)) : null,
    created_at: cbrTime(task.createdAt),
    operation_type: task.operationType,
    vault_name: vault?.name ?? null,
    project_id: world.projectId,
    policy_id: task.policyId,
  };
}
