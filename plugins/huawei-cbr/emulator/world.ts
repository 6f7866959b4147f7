import type { VendorClock } from '@backbridge/emulator-kit';

/** The emulator's in-memory CBR project. Field names follow the vendor where they leave the emulator. */

export type ResourceType = 'OS::Nova::Server' | 'OS::Cinder::Volume';
export type ObjectType = 'server' | 'disk';

export const PROVIDER_ID: Record<ObjectType, string> = {
  server: '0daac4c5-6707-4851-97ba-169e36266b66',
  disk: 'd1603440-187d-4516-af25-121250c7cc97',
};

export const OBJECT_TYPE_OF: Record<ResourceType, ObjectType> = { 'OS::Nova::Server': 'server', 'OS::Cinder::Volume': 'disk' };

/** An ECS server or EVS disk of the project (what CBR can protect). */
export interface Asset {
  id: string;
  name: string;
  type: ResourceType;
  /** GB. */
  size: number;
  az: string;
  /** The disks of a server (their backups become the children of the server backup). */
  volumes: { id: string; name: string; size: number }[];
}

export interface Vault {
  id: string;
  name: string;
  description: string | null;
  objectType: ObjectType;
  /** GB. */
  size: number;
  createdAt: number;
  resourceIds: string[];
  excludeVolumes: Record<string, string[]>;
  tags: { key: string; value: string }[];
}

export interface Policy {
  id: string;
  name: string;
  enabled: boolean;
  operationType: 'backup' | 'replication';
  operationDefinition: Record<string, number | string>;
  patterns: string[];
  triggerId: string;
  createdAt: number;
  vaultIds: string[];
}

/** Work that takes time: status is computed from the clock on every read. */
export interface Timeline {
  startedAt: number;
  /** Unscaled duration; the clock scales it. */
  durationMs: number;
}

export interface Backup {
  id: string;
  checkpointId: string;
  vaultId: string;
  resourceId: string;
  resourceName: string;
  resourceType: ResourceType;
  resourceSize: number;
  az: string | null;
  name: string;
  description: string;
  createdAt: number;
  /** The microseconds within `createdAt`'s millisecond (CBR's time stamps carry microseconds); default 0. */
  createdAtMicros?: number;
  autoTrigger: boolean;
  incremental: boolean;
  parentId: string | null;
  childIds: string[];
  expiredAt: number | null;
  protect: Timeline;
  /** The backup ends in `error` instead of `available`. */
  fails: boolean;
  restore?: Timeline;
  deletion?: Timeline;
}

export interface Checkpoint {
  id: string;
  vaultId: string;
  createdAt: number;
  name: string;
  description: string;
  backupIds: string[];
  skipped: { id: string; type: string; name: string; code: string; reason: string }[];
}

export type TaskStatus = 'success' | 'skipped' | 'failed' | 'running' | 'timeout' | 'waiting';

export interface Task {
  id: string;
  operationType: 'backup' | 'restore' | 'delete' | 'remove_resource' | 'vault_delete';
  createdAt: number;
  run: Timeline;
  outcome: Extract<TaskStatus, 'success' | 'failed' | 'skipped' | 'timeout'>;
  error: { code: string; message: string };
  checkpointId: string | null;
  policyId: string | null;
  vaultId: string | null;
  providerId: string;
  resource?: { id: string; name: string; type: string };
  extra: Record<string, unknown>;
  requestId: string;
}

export interface World {
  projectId: string;
  userId: string;
  assets: Map<string, Asset>;
  vaults: Map<string, Vault>;
  policies: Map<string, Policy>;
  backups: Map<string, Backup>;
  checkpoints: Map<string, Checkpoint>;
  tasks: Map<string, Task>;
  newId(): string;
}

const WAITING_SHARE = 0.15;

export function isDone(timeline: Timeline, clock: VendorClock): boolean {
  return clock.progress(timeline.startedAt, timeline.durationMs) >= 1;
}

export function endOf(timeline: Timeline, clock: VendorClock): number {
  return timeline.startedAt + clock.duration(timeline.durationMs);
}

/** A backup deleted long enough ago is gone. */
export function exists(backup: Backup, clock: VendorClock): boolean {
  return !(backup.deletion && isDone(backup.deletion, clock));
}

export function backupStatus(backup: Backup, clock: VendorClock): string {
  if (backup.deletion) return clock.progress(backup.deletion.startedAt, backup.deletion.durationMs) < WAITING_SHARE ? 'waiting_delete' : 'deleting';
  const protect = clock.progress(backup.protect.startedAt, backup.protect.durationMs);
  if (protect < WAITING_SHARE) return 'waiting_protect';
  if (protect < 1) return 'protecting';
  if (backup.fails) return 'error';
  if (backup.restore && !isDone(backup.restore, clock)) {
    return clock.progress(backup.restore.startedAt, backup.restore.durationMs) < WAITING_SHARE ? 'waiting_restore' : 'restoring';
  }
  return 'available';
}

export function taskStatus(task: Task, clock: VendorClock): TaskStatus {
  const share = clock.progress(task.run.startedAt, task.run.durationMs);
  if (share >= 1) return task.outcome;
  return share < WAITING_SHARE ? 'waiting' : 'running';
}

export function taskProgress(task: Task, clock: VendorClock): number {
  const status = taskStatus(task, clock);
  if (status === 'success') return 100;
  if (status !== 'running') return 0;
  return Math.min(99, Math.floor(clock.progress(task.run.startedAt, task.run.durationMs) * 100));
}

/** The checkpoint is protecting while any of its backups is; error when one failed. */
export function checkpointStatus(checkpoint: Checkpoint, world: World, clock: VendorClock): string {
  const statuses = checkpoint.backupIds.map((id) => world.backups.get(id)).filter((b): b is Backup => !!b && exists(b, clock)).map((b) => backupStatus(b, clock));
  if (statuses.some((s) => s === 'waiting_protect' || s === 'protecting')) return 'protecting';
  if (statuses.some((s) => s === 'error')) return 'error';
  if (checkpoint.backupIds.length > 0 && statuses.length === 0) return 'deleted';
  if (statuses.some((s) => s === 'deleting' || s === 'waiting_delete')) return 'deleting';
  return 'available';
}

/** The vault holding a resource (one resource, one vault). */
export function vaultOf(world: World, resourceId: string): Vault | undefined {
  return [...world.vaults.values()].find((v) => v.resourceIds.includes(resourceId));
}

/** Whether a resource has a backup being made or a restore running. */
export function busyWith(world: World, resourceId: string, clock: VendorClock): 'backup' | 'restore' | undefined {
  for (const backup of world.backups.values()) {
    if (backup.resourceId !== resourceId || backup.parentId || !exists(backup, clock)) continue;
    const status = backupStatus(backup, clock);
    if (status === 'protecting' || status === 'waiting_protect') return 'backup';
    if (status === 'restoring' || status === 'waiting_restore') return 'restore';
  }
  return undefined;
}
