import { PROVIDER_ID, OBJECT_TYPE_OF, type Asset, type Backup, type Checkpoint, type Task, type Vault, type World } from './world';

/** How long emulated work takes before timeScale: "a few seconds", as the issue asks. */
export const DURATION_MS = { backup: 3000, restore: 3000, delete: 1500 };

export interface BackupOptions {
  at: number;
  name: string;
  description?: string;
  autoTrigger: boolean;
  incremental: boolean;
  policyId: string | null;
  expiredAt: number | null;
  durationMs: number;
  fails?: boolean;
}

/** A restore point of some resources of a vault: one backup per resource (with a child per server disk) and one backup task each. */
export function createCheckpoint(world: World, vault: Vault, assets: Asset[], options: BackupOptions, skipped: Checkpoint['skipped'] = []): Checkpoint {
  const checkpoint: Checkpoint = { id: world.newId(), vaultId: vault.id, createdAt: options.at, name: options.name, description: options.description ?? '', backupIds: [], skipped };
  world.checkpoints.set(checkpoint.id, checkpoint);
  for (const asset of assets) {
    const backup = addBackup(world, checkpoint, vault, asset, options);
    checkpoint.backupIds.push(backup.id);
    addTask(world, {
      operationType: 'backup',
      at: options.at,
      durationMs: options.durationMs,
      outcome: options.fails ? 'failed' : 'success',
      error: options.fails ? { code: 'BackupService.7101', message: 'Backup is not allowed in the current server status.' } : undefined,
      checkpointId: checkpoint.id,
      policyId: options.policyId,
      vault,
      asset,
      extra: { backup: { backup_id: backup.id, backup_name: backup.name, incremental: String(options.incremental) } },
    });
  }
  return checkpoint;
}

/** One backup of an asset (with a child per server disk the vault does not exclude), without a task. */
export function addBackup(world: World, checkpoint: Checkpoint, vault: Vault, asset: Asset, options: BackupOptions, newId = world.newId): Backup {
  const base = {
    checkpointId: checkpoint.id,
    vaultId: vault.id,
    createdAt: options.at,
    autoTrigger: options.autoTrigger,
    incremental: options.incremental,
    expiredAt: options.expiredAt,
    protect: { startedAt: options.at, durationMs: options.durationMs },
    fails: options.fails ?? false,
    description: options.description ?? '',
  };
  const backup: Backup = {
    ...base,
    id: newId(),
    resourceId: asset.id,
    resourceName: asset.name,
    resourceType: asset.type,
    resourceSize: asset.size,
    az: asset.az,
    name: options.name,
    parentId: null,
    childIds: [],
  };
  world.backups.set(backup.id, backup);
  const excluded = vault.excludeVolumes[asset.id] ?? [];
  for (const volume of asset.volumes.filter((v) => !excluded.includes(v.id))) {
    const child: Backup = {
      ...base,
      id: newId(),
      resourceId: volume.id,
      resourceName: asset.name,
      resourceType: 'OS::Cinder::Volume',
      resourceSize: volume.size,
      az: null,
      name: `${options.name}_${volume.name}`,
      parentId: backup.id,
      childIds: [],
    };
    world.backups.set(child.id, child);
    backup.childIds.push(child.id);
  }
  return backup;
}

export interface TaskOptions {
  operationType: Task['operationType'];
  at: number;
  durationMs: number;
  outcome: Task['outcome'];
  error?: { code: string; message: string };
  checkpointId?: string | null;
  policyId?: string | null;
  vault: Vault;
  /** Absent for tasks of a whole vault (vault_delete). */
  asset?: Asset;
  extra: Record<string, unknown>;
}

export function addTask(world: World, options: TaskOptions): Task {
  const task: Task = {
    id: world.newId(),
    operationType: options.operationType,
    createdAt: options.at,
    run: { startedAt: options.at, durationMs: options.durationMs },
    outcome: options.outcome,
    error: options.error ?? { code: '', message: '' },
    checkpointId: options.checkpointId ?? null,
    policyId: options.policyId ?? null,
    vaultId: options.vault.id,
    providerId: PROVIDER_ID[options.asset ? OBJECT_TYPE_OF[options.asset.type] : options.vault.objectType],
    resource: options.asset ? { id: options.asset.id, name: options.asset.name, type: options.asset.type } : undefined,
    extra: options.extra,
    requestId: `req-${world.newId()}`,
  };
  world.tasks.set(task.id, task);
  return task;
}
