import type { EmulatorServer, VendorClock } from '@backbridge/emulator-kit';
import { DURATION_MS, addTask, createCheckpoint } from './actions';
import { NOT_FOUND, cbrError, invalid, isUuid, objectBody, offsetPaging, parseQueryTime } from './cbr-format';
import { findVault } from './lookups';
import { backupStatus, busyWith, exists, type Backup, type World } from './world';
import { backupView, checkpointView } from './views';

const P = '/v3/:project_id';
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const STATUSES = ['available', 'protecting', 'deleting', 'restoring', 'error', 'waiting_protect', 'waiting_delete', 'waiting_restore'];
const SORT_KEYS: Record<string, (b: Backup, status: () => string) => string | number> = {
  // Microseconds, as CBR keeps them (the emulator's own time is in milliseconds).
  created_at: (b) => b.createdAt * 1000 + (b.createdAtMicros ?? 0),
  updated_at: (b) => b.protect.startedAt,
  name: (b) => b.name,
  status: (_b, status) => status(),
  protected_at: (b) => b.protect.startedAt,
  id: (b) => b.id,
};

function findBackup(world: World, id: string, clock: VendorClock): Backup {
  const backup = world.backups.get(id);
  if (!backup || !exists(backup, clock)) throw NOT_FOUND.backup();
  return backup;
}

/** `sort=created_at:desc,id:asc`; a key without a direction sorts descending (seed §4.5.2). */
function sortKeysOf(sort: string | null): { value: (typeof SORT_KEYS)[string]; sign: number }[] {
  if (sort !== null && sort.length > 255) throw invalid('sort is at most 255 characters');
  return (sort ?? 'created_at:desc').split(',').map((part) => {
    const [key, direction = 'desc'] = part.split(':');
    if (!SORT_KEYS[key] || (direction !== 'asc' && direction !== 'desc')) throw invalid(`sort: ${part} is not a sort key of backups`);
    return { value: SORT_KEYS[key], sign: direction === 'asc' ? 1 : -1 };
  });
}

/** One sort: each backup's sort values are computed once, not per comparison. */
function sortBackups(backups: Iterable<Backup>, keys: ReturnType<typeof sortKeysOf>, status: (b: Backup) => string): Backup[] {
  const decorated: { backup: Backup; values: (string | number)[] }[] = [];
  for (const backup of backups) decorated.push({ backup, values: keys.map((k) => k.value(backup, () => status(backup))) });
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      if (x !== y) return keys[i].sign * (x < y ? -1 : 1);
    }
    return 0;
  });
  return decorated.map((d) => d.backup);
}

/**
 * The top-level backups (or, for `parent_id` queries, all of them) in one sort order, kept per sort
 * expression until a backup is added: backups are never removed from the world (a deleted one only
 * stops existing) and their sort values never change, except `status`, which follows the clock and
 * is therefore sorted per request.
 */
function sortedBackupsOf(world: World) {
  const kept = new Map<string, { size: number; backups: Backup[] }>();
  return (sort: string, topLevel: boolean, keys: ReturnType<typeof sortKeysOf>, status: (b: Backup) => string): Backup[] => {
    const all = () => (topLevel ? [...world.backups.values()].filter((b) => b.parentId === null) : world.backups.values());
    if (/(^|,)status(:|,|$)/.test(sort)) return sortBackups(all(), keys, status);
    const key = `${topLevel ? 'top' : 'all'} ${sort}`;
    const hit = kept.get(key);
    if (hit && hit.size === world.backups.size) return hit.backups;
    const backups = sortBackups(all(), keys, status);
    kept.set(key, { size: world.backups.size, backups });
    return backups;
  };
}

/** Restore points (§4.3) and backups (§4.5). */
export function registerBackupRoutes(server: EmulatorServer, world: World, clock: VendorClock): void {
  const sorted = sortedBackupsOf(world);
  server.route('POST', `${P}/checkpoints`, ({ body }) => {
    const input = objectBody(body, 'checkpoint');
    if (!isUuid(input.vault_id)) throw invalid('vault_id is mandatory and must be a UUID');
    const vault = findVault(world, input.vault_id);
    const parameters = input.parameters === undefined ? {} : objectBody({ parameters: input.parameters }, 'parameters');
    if (parameters.name !== undefined && (typeof parameters.name !== 'string' || !NAME.test(parameters.name))) throw invalid('name must be 1 to 64 digits, letters, underscores or hyphens');
    if (parameters.description !== undefined && (typeof parameters.description !== 'string' || parameters.description.length > 255)) throw invalid('description is at most 255 characters');
    for (const flag of ['auto_trigger', 'incremental']) {
      if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') throw invalid(`${flag} must be a boolean`);
    }
    const requested = parameters.resources === undefined ? vault.resourceIds : parameters.resources;
    if (!Array.isArray(requested) || requested.some((id) => typeof id !== 'string')) throw invalid('resources must be a list of UUIDs');
    for (const id of requested as string[]) {
      if (!vault.resourceIds.includes(id)) throw cbrError(400, 'BackupService.6135', 'The resource does not exist in the vault.');
    }
    if (requested.length === 0) throw cbrError(400, 'BackupService.0001', 'No resource is available for backup.');
    const assets = (requested as string[]).map((id) => world.assets.get(id)!);
    const busy = assets.filter((a) => busyWith(world, a.id, clock));
    const now = clock.now();
    const checkpoint = createCheckpoint(
      world,
      vault,
      assets.filter((a) => !busy.includes(a)),
      {
        at: now,
        name: (parameters.name as string | undefined) ?? `manualbk_${now.toString(16).slice(-4)}`,
        description: (parameters.description as string | undefined) ?? '',
        autoTrigger: (parameters.auto_trigger as boolean | undefined) ?? false,
        incremental: (parameters.incremental as boolean | undefined) ?? true,
        policyId: null,
        expiredAt: null,
        durationMs: DURATION_MS.backup,
      },
      busy.map((a) => ({ id: a.id, type: a.type, name: a.name, code: 'BackupService.0002', reason: 'the resource is being backed up' })),
    );
    // The create answer is always "protecting" (seed §4.3.2).
    return { status: 200, body: { checkpoint: checkpointView(checkpoint, world, clock, 'protecting') } };
  });

  server.route('GET', `${P}/checkpoints/:checkpoint_id`, ({ params }) => {
    const checkpoint = world.checkpoints.get(params.checkpoint_id);
    if (!checkpoint) throw NOT_FOUND.checkpoint();
    return { status: 200, body: { checkpoint: checkpointView(checkpoint, world, clock) } };
  });

  server.route('GET', `${P}/backups`, ({ query }) => {
    const { offset, limit } = offsetPaging(query);
    const statuses = query.getAll('status');
    if (statuses.some((s) => !STATUSES.includes(s))) throw invalid(`status must be one of ${STATUSES.join(', ')}`);
    const start = query.get('start_time');
    const end = query.get('end_time');
    const from = start === null ? undefined : parseQueryTime(start, 'start_time');
    const to = end === null ? undefined : parseQueryTime(end, 'end_time');
    const keys = sortKeysOf(query.get('sort'));
    const parentId = query.get('parent_id');
    const equal: [string, (b: Backup) => string | null][] = [
      ['checkpoint_id', (b) => b.checkpointId],
      ['resource_id', (b) => b.resourceId],
      ['vault_id', (b) => b.vaultId],
      ['resource_type', (b) => b.resourceType],
      ['resource_name', (b) => b.resourceName],
      ['name', (b) => b.name],
      ['resource_az', (b) => b.az],
    ];
    const wanted = equal.flatMap(([name, field]) => (query.get(name) === null ? [] : [{ value: query.get(name), field }]));
    const statusCache = new Map<Backup, string>();
    const status = (b: Backup) => statusCache.get(b) ?? statusCache.set(b, backupStatus(b, clock)).get(b)!;
    const matches = (b: Backup): boolean => {
      // Disk backups of a server backup are its children; they are listed only by parent_id.
      if (parentId === null ? b.parentId !== null : b.parentId !== parentId) return false;
      if (!exists(b, clock)) return false;
      for (const w of wanted) if (w.field(b) !== w.value) return false;
      if ((from !== undefined && b.createdAt < from) || (to !== undefined && b.createdAt > to)) return false;
      return statuses.length === 0 || statuses.includes(status(b));
    };
    // One pass over the sorted backups: count every match, give out those after the marker
    // ("ID of the last record displayed on the previous page") and the offset.
    const marker = query.get('marker');
    let afterMarker = marker === null;
    let count = 0;
    let skipped = 0;
    const page: Backup[] = [];
    for (const b of sorted(query.get('sort') ?? 'created_at:desc', parentId === null, keys, status)) {
      if (!matches(b)) continue;
      count += 1;
      if (!afterMarker) afterMarker = b.id === marker;
      else if (skipped < offset) skipped += 1;
      else if (page.length < limit) page.push(b);
    }
    if (!afterMarker) throw invalid('marker is not a backup of this list');
    return { status: 200, body: { backups: page.map((b) => backupView(b, world, clock)), count, offset, limit } };
  });

  server.route('GET', `${P}/backups/:backup_id`, ({ params }) => ({ status: 200, body: { backup: backupView(findBackup(world, params.backup_id, clock), world, clock) } }));

  server.route('DELETE', `${P}/backups/:backup_id`, ({ params }) => {
    const backup = findBackup(world, params.backup_id, clock);
    const status = backupStatus(backup, clock);
    if (status !== 'available' && status !== 'error') throw cbrError(400, 'BackupService.6201', 'The backup cannot be deleted.');
    const now = clock.now();
    backup.deletion = { startedAt: now, durationMs: DURATION_MS.delete };
    for (const childId of backup.childIds) world.backups.get(childId)!.deletion = backup.deletion;
    addTask(world, {
      operationType: 'delete',
      at: now,
      durationMs: DURATION_MS.delete,
      outcome: 'success',
      vault: world.vaults.get(backup.vaultId)!,
      asset: world.assets.get(backup.resourceId)!,
      extra: { delete: { backup_id: backup.id, backup_name: backup.name } },
    });
    return { status: 204 };
  });

  server.route('POST', `${P}/backups/:backup_id/restore`, ({ params, body }) => {
    const backup = findBackup(world, params.backup_id, clock);
    const input = objectBody(body, 'restore');
    if (input.power_on !== undefined && typeof input.power_on !== 'boolean') throw invalid('power_on must be a boolean');
    if (backupStatus(backup, clock) !== 'available') throw cbrError(400, 'BackupService.2005', 'Restoration is not allowed in the current backup status.');
    const asset = world.assets.get(backup.resourceId)!;
    if (backup.resourceType === 'OS::Nova::Server') {
      if (!isUuid(input.server_id)) throw invalid('server_id is mandatory for VM restoration');
      if (input.server_id !== backup.resourceId) throw cbrError(400, 'BackupService.2003', 'Restoration to a different server is not allowed.');
      const mappings = input.mappings;
      if (!Array.isArray(mappings) || mappings.length === 0) throw invalid('mappings is mandatory for VM restoration');
      for (const mapping of mappings as Record<string, unknown>[]) {
        if (!backup.childIds.includes(mapping?.backup_id as string)) throw invalid('mappings.backup_id must be a disk backup of this backup');
        if (!asset.volumes.some((v) => v.id === mapping.volume_id)) throw cbrError(400, 'BackupService.2012', 'Restoration of some disks is not allowed.');
      }
    } else {
      if (!isUuid(input.volume_id)) throw invalid('volume_id is mandatory for disk restoration');
      if (input.volume_id !== backup.resourceId) throw cbrError(400, 'BackupService.2009', 'Restoration is not allowed in the current disk type.');
    }
    const busy = busyWith(world, backup.resourceId, clock);
    if (busy === 'backup') throw cbrError(400, 'BackupService.2002', 'The resource is being backed up. Restore the resource after the backup is complete.');
    if (busy === 'restore') throw cbrError(400, 'BackupService.2010', 'The resource is being restored.');
    const now = clock.now();
    backup.restore = { startedAt: now, durationMs: DURATION_MS.restore };
    addTask(world, {
      operationType: 'restore',
      at: now,
      durationMs: DURATION_MS.restore,
      outcome: 'success',
      vault: world.vaults.get(backup.vaultId)!,
      asset,
      extra: { restore: { backup_id: backup.id, backup_name: backup.name, target_resource_id: asset.id, target_resource_name: asset.name } },
    });
    // "Response Parameters: None" (seed §4.5.4).
    return { status: 202 };
  });
}
