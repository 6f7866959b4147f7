import { ProblemError, type OrderBy, type RecoveryPointRecord } from '@backbridge/core';
import type { Page } from '@backbridge/plugin-sdk';
import { MAX_LIMIT } from './client/cbr-client';
import type { CbrBackup } from './dto/backup.dto';
import { createdAtOf } from './mappers/recovery-point.mapper';
import { compareText, encodeCursor, keysetOrder, type CbrCursor, type Keyset } from './paging';

/** Where a vendor read starts: after a backup (`marker=`), at the time of a keyset (`start_time`/`end_time`), or at the head. */
export type StreamPosition = { marker: string } | { time: Keyset } | { head: true };

export interface BackupStreamRequest {
  pageSize: number;
  direction: OrderBy['direction'];
  cursor: CbrCursor;
  /** One vendor page of at most `limit` backups, sorted `created_at:<direction>,id:asc`, read on from `from`. */
  read(from: StreamPosition, limit: number): Promise<CbrBackup[]>;
  /** The recovery point a vendor item gives, or undefined (a disk backup of a server backup, or one the filter drops). */
  pick(backup: CbrBackup): RecoveryPointRecord | undefined;
}

/** Vendor reads one page may make before it hands back what it has (sparse filters applied here). */
export const MAX_READS_PER_PAGE = 10;

/**
 * Backups read beyond the page, so that the group cut at the end of a read is usually not needed
 * to fill the page and one read is enough.
 */
function slackOf(pageSize: number): number {
  return 16 + (pageSize >> 4);
}

/** Backups that share one unified sort value (createdAt to the millisecond), in the vendor's order. */
interface Group {
  start: StreamPosition;
  value: string;
  entries: { key: Keyset; backup: CbrBackup }[];
}

/**
 * One page of recovery points by createdAt, reading about one CBR page: CBR sorts by `created_at`
 * to the microsecond, the gateway by the millisecond string and then nativeId. The vendor's order
 * therefore agrees with the gateway's between different milliseconds but not within one, so the
 * vendor stream is cut into groups of equal sort value, and only whole groups are given out, each
 * sorted by nativeId. The cursor keeps the keyset of the last item passed and the vendor position
 * where its group starts (the backup just before it, as `marker`), so a group split between pages
 * is read again from its start and its done part skipped.
 */
export async function streamBackups(req: BackupStreamRequest): Promise<Page<RecoveryPointRecord>> {
  const order = keysetOrder(req.direction);
  const { after } = req.cursor;
  const done = (key: Keyset) => after !== undefined && order(key, after) <= 0;
  const initial: StreamPosition = req.cursor.marker !== undefined ? { marker: req.cursor.marker } : req.cursor.byTime && after ? { time: after } : { head: true };

  const groups: Group[] = [];
  const items: RecoveryPointRecord[] = [];
  let limit = Math.min(MAX_LIMIT, req.pageSize + (req.cursor.skip ?? 0) + slackOf(req.pageSize));
  let from = initial;
  let reads = 0;
  let ended = false;
  let full = false;
  let processed = 0;
  let passed: { key: Keyset; group: Group } | undefined;

  while (!full && !ended) {
    const batch = await readFrom(req, from, limit, after, reads === 0);
    reads += 1;
    const start = batch.start;
    let last: StreamPosition = start;
    for (const backup of batch.backups) {
      const key = { value: createdAtOf(backup), nativeId: backup.id };
      let group = groups.at(-1);
      if (!group || group.value !== key.value) {
        group = { start: last, value: key.value, entries: [] };
        groups.push(group);
      }
      group.entries.push({ key, backup });
      last = { marker: backup.id };
    }
    from = last;
    ended = batch.backups.length < limit;

    // Give out every group known to be whole (all but the last, unless the list ended).
    const whole = ended ? groups.length : groups.length - 1;
    while (processed < whole && !full) {
      const group = groups[processed];
      const open = group.entries.filter((entry) => !done(entry.key)).sort((a, b) => compareText(a.key.nativeId, b.key.nativeId));
      for (const entry of open) {
        if (items.length === req.pageSize) {
          full = true;
          break;
        }
        const record = req.pick(entry.backup);
        if (record) items.push(record);
        passed = { key: entry.key, group };
      }
      if (!full) processed += 1;
    }
    // Full, and the group cut at the end of the read is still to come.
    if (!full && !ended && items.length === req.pageSize) full = true;
    // A sparse filter: hand back what was passed so far rather than read on without bound.
    if (!full && !ended && reads >= MAX_READS_PER_PAGE && passed) break;
    limit = Math.min(MAX_LIMIT, limit * 2);
  }

  if (!passed || (ended && !full && processed === groups.length)) return { items };
  return { items, cursor: encodeCursor(cursorAfter(passed.key, passed.group, order)) };
}

/** Where the next page starts: at the passed item's group, or after it when the group is done. */
function cursorAfter(key: Keyset, group: Group, order: (a: Keyset, b: Keyset) => number): CbrCursor {
  const doneInGroup = group.entries.filter((entry) => order(entry.key, key) <= 0).length;
  if (doneInGroup === group.entries.length) return { after: key, marker: group.entries[group.entries.length - 1].backup.id };
  const skip = doneInGroup > 0 ? { skip: doneInGroup } : {};
  if ('marker' in group.start) return { after: key, marker: group.start.marker, ...skip };
  if ('time' in group.start) return { after: key, byTime: true, ...skip };
  return { after: key, ...skip };
}

/**
 * A vendor read. A marker CBR no longer knows (the backup was deleted, or left a filtered list
 * when its status changed) is refused; the read then starts at the time of the last item passed
 * instead, which only costs reading that second's backups again.
 */
async function readFrom(
  req: BackupStreamRequest,
  from: StreamPosition,
  limit: number,
  after: Keyset | undefined,
  first: boolean,
): Promise<{ start: StreamPosition; backups: CbrBackup[] }> {
  try {
    return { start: from, backups: await req.read(from, limit) };
  } catch (error) {
    const refusedMarker = error instanceof ProblemError && (error.code === 'vendor_rejected' || error.code === 'not_found');
    if (!first || !refusedMarker || !('marker' in from) || after === undefined) throw error;
    const start: StreamPosition = { time: after };
    return { start, backups: await req.read(start, limit) };
  }
}
