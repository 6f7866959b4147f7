import { DURATION_MS, addBackup } from './actions';
import type { Checkpoint, World } from './world';

const MINUTE = 60_000;

/**
 * 32 random bits at a time (xorshift32), bit operations only: tens of thousands of ids must take
 * milliseconds, also where Math builtins are slow (jest's module sandbox, which the benchmark uses).
 */
function bits(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

function uuidOf(next: () => number): () => string {
  const word = () => next().toString(16).padStart(8, '0');
  return () => {
    const hex = word() + word() + word() + word();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[next() & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

/**
 * `count` more backups (recovery points), for deep walks and the benchmark, older than everything
 * seeded: restore points of whole vaults taken every 20 minutes or so, going back in time, the
 * vaults in turn, so they spread over every seeded resource. The backups of one restore point share
 * their millisecond; in every other restore point they share the microsecond too (CBR then orders
 * them by id), in the others their microseconds differ (CBR's order within the millisecond is then
 * not the id order the gateway wants). They are manual backups, which no policy's retention
 * removes, so CBR would still hold them; they add no tasks (the task log stays the seeded one).
 */
export function seedExtraBackups(world: World, count: number, seed = 8): void {
  const vaults = [...world.vaults.values()].filter((v) => v.resourceIds.length > 0);
  if (count <= 0 || vaults.length === 0) return;
  const next = bits(seed);
  const newId = uuidOf(next);
  let oldest = Number.POSITIVE_INFINITY;
  for (const backup of world.backups.values()) if (backup.createdAt < oldest) oldest = backup.createdAt;
  let at = (oldest === Number.POSITIVE_INFINITY ? Date.now() : oldest) - 60 * MINUTE;
  let made = 0;
  for (let round = 0; made < count; round++) {
    const vault = vaults[round % vaults.length];
    const name = `manualbk_${(round & 0xffff).toString(16).padStart(4, '0')}`;
    const checkpoint: Checkpoint = { id: newId(), vaultId: vault.id, createdAt: at, name, description: '', backupIds: [], skipped: [] };
    world.checkpoints.set(checkpoint.id, checkpoint);
    const tied = round % 2 === 0;
    const options = { at, name, autoTrigger: false, incremental: round % 5 !== 0, policyId: null, expiredAt: null, durationMs: DURATION_MS.backup };
    for (const resourceId of vault.resourceIds.slice(0, count - made)) {
      const backup = addBackup(world, checkpoint, vault, world.assets.get(resourceId)!, options, newId);
      const micros = tied ? 0 : next() % 1000;
      backup.createdAtMicros = micros;
      for (const childId of backup.childIds) world.backups.get(childId)!.createdAtMicros = micros;
      checkpoint.backupIds.push(backup.id);
    }
    made += checkpoint.backupIds.length;
    at -= 20 * MINUTE + (next() % MINUTE);
  }
}
